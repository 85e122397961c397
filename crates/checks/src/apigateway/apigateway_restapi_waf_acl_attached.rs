//! # apigateway_restapi_waf_acl_attached
//!
//! ## Description
//!
//! Checks that every stage of an API Gateway REST API is associated with an AWS WAF web ACL.
//!
//! AWS Security Hub control APIGateway.4. Each stage is one finding, as in Prowler.
//!
//! ## Risk
//!
//! Without a web ACL, injection attempts, scraping bots and request floods reach the API's
//! integrations unfiltered.
//!
//! ## Remediation
//!
//! Create a regional WAFv2 web ACL with managed and rate-based rules and associate it with
//! each stage.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-aws-waf.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/apigateway-controls.html#apigateway-4

use kestrel_model::{Finding, Severity, Status};

use super::run_stage_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "apigateway_restapi_waf_acl_attached",
        title: "API Gateway REST API stage is protected by AWS WAF",
        service: "apigateway",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsApiGatewayStage",
        categories: &[],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices", "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices"],
        needs: &[kestrel_model::apigateway::GET],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_stage_check(scan, emit, CHECK.meta.id, |api, stage| {
        match &stage.web_acl_arn {
            Some(acl) => (
                Status::Pass,
                format!(
                    "API Gateway {} ID {} in stage {} has {acl} WAF ACL attached.",
                    api.name, api.id, stage.name
                ),
            ),
            None => (
                Status::Fail,
                format!(
                    "API Gateway {} ID {} in stage {} does not have WAF ACL attached.",
                    api.name, api.id, stage.name
                ),
            ),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apigateway::tests::snap;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{apigateway::RestStage, ApiError, Fetched};

    fn stage(name: &str, acl: Option<&str>) -> RestStage {
        RestStage {
            name: name.into(),
            web_acl_arn: acl.map(Into::into),
            ..Default::default()
        }
    }

    #[test]
    fn one_finding_per_stage() {
        let acl = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/w/1";
        let f = run(
            &CHECK,
            &snap(vec![stage("prod", Some(acl)), stage("dev", None)]),
        );
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            format!("API Gateway shop ID a1 in stage prod has {acl} WAF ACL attached.")
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
