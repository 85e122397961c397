//! # apigateway_restapi_client_certificate_enabled
//!
//! ## Description
//!
//! Checks that every stage of an API Gateway REST API has a client certificate, which API
//! Gateway presents to the backend so the backend can tell its requests from anyone else's.
//!
//! AWS Security Hub control APIGateway.2. Each stage is one finding, as in Prowler.
//!
//! ## Risk
//!
//! A backend that cannot authenticate API Gateway's calls must accept requests from any
//! caller that reaches it, bypassing the API's authorization, throttling and WAF.
//!
//! ## Remediation
//!
//! Generate a client certificate in API Gateway, select it in the stage's settings, and
//! make the backend verify it.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/apigateway/latest/developerguide/getting-started-client-side-ssl-authentication.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-2

use kestrel_model::{Finding, Severity, Status};

use super::run_stage_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "apigateway_restapi_client_certificate_enabled",
        title: "API Gateway REST API stage presents a client certificate to its backend",
        service: "apigateway",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsApiGatewayStage",
        categories: &["encryption"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices/Encryption in Transit", "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices", "Software and Configuration Checks/Industry and Regulatory Standards/PCI-DSS", "Software and Configuration Checks/Industry and Regulatory Standards/NIST 800-53 Controls (USA)"],
        needs: &[kestrel_model::apigateway::GET],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_stage_check(scan, emit, CHECK.meta.id, |api, stage| {
        if stage.client_certificate_id.is_some() {
            (
                Status::Pass,
                format!(
                    "API Gateway {} ID {} in stage {} has client certificate enabled.",
                    api.name, api.id, stage.name
                ),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "API Gateway {} ID {} in stage {} does not have client certificate enabled.",
                    api.name, api.id, stage.name
                ),
            )
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apigateway::tests::snap;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{apigateway::RestStage, ApiError, Fetched};

    fn stage(name: &str, cert: Option<&str>) -> RestStage {
        RestStage {
            name: name.into(),
            client_certificate_id: cert.map(Into::into),
            ..Default::default()
        }
    }

    #[test]
    fn one_finding_per_stage() {
        let f = run(
            &CHECK,
            &snap(vec![stage("prod", Some("c1")), stage("dev", None)]),
        );
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert_eq!(f[0].resource_id, "shop");
        assert_eq!(
            f[1].status_extended,
            "API Gateway shop ID a1 in stage dev does not have client certificate enabled."
        );
        assert_eq!(
            f[1].resource_arn,
            "arn:aws:apigateway:us-east-1::/restapis/a1/stages/dev"
        );
    }

    #[test]
    fn error_when_the_apis_are_unreadable() {
        let mut s = snapshot();
        region(&mut s).apigateway.rest_apis =
            Fetched::Error(ApiError::new("apigateway:GET", "AccessDenied", ""));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
