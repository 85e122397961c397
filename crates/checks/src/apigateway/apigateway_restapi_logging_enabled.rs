//! # apigateway_restapi_logging_enabled
//!
//! ## Description
//!
//! Checks that every API Gateway REST API stage sends execution logs to CloudWatch Logs (a
//! method setting with logging level ERROR or INFO).
//!
//! CIS 4.10. Each stage is one finding, as in Prowler.
//!
//! ## Risk
//!
//! Without stage logging, API activity is invisible: probing, abuse of endpoints and
//! failing integrations leave no trace for detection or forensics.
//!
//! ## Remediation
//!
//! Enable CloudWatch execution logging (ERROR or INFO) for all methods of each stage, after
//! setting the CloudWatch Logs role ARN in API Gateway's account settings.
//!
//! `aws apigateway update-stage --rest-api-id <id> --stage-name <stage> --patch-operations
//! op=replace,path=/*/*/logging/loglevel,value=ERROR`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html
//! - https://docs.aws.amazon.com/apigateway/latest/developerguide/security-monitoring.html

use kestrel_model::{apigateway::RestStage, Finding, Severity, Status};

use super::run_stage_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "apigateway_restapi_logging_enabled",
        title: "API Gateway REST API stage has logging enabled",
        service: "apigateway",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsApiGatewayStage",
        categories: &["logging", "forensics-ready"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "TTPs/Defense Evasion",
        ],
        needs: &[kestrel_model::apigateway::GET],
    },
    run,
};

/// A logging level that actually logs (Prowler: set and not `OFF`).
fn logs(level: &str) -> bool {
    !level.is_empty() && !level.eq_ignore_ascii_case("OFF")
}

/// Prowler's rule: any method setting of the stage logs.
fn stage_logging(stage: &RestStage) -> bool {
    stage.logging_level.as_deref().is_some_and(logs)
        || stage.method_logging_levels.iter().any(|l| logs(l))
}

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_stage_check(scan, emit, CHECK.meta.id, |api, stage| {
        let (status, verb) = if stage_logging(stage) {
            (Status::Pass, "enabled")
        } else {
            (Status::Fail, "disabled")
        };
        let text = format!(
            "API Gateway {} ID {} in stage {} has logging {verb}.",
            api.name, api.id, stage.name
        );
        (status, text)
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::apigateway::tests::snap;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ApiError, Fetched};

    fn stage(name: &str, level: Option<&str>, overrides: &[&str]) -> RestStage {
        RestStage {
            name: name.into(),
            arn: format!("arn:aws:apigateway:us-east-1::/restapis/a1/stages/{name}"),
            logging_level: level.map(Into::into),
            method_logging_levels: overrides.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn one_finding_per_stage() {
        let f = run(
            &CHECK,
            &snap(vec![
                stage("prod", Some("ERROR"), &["ERROR"]),
                stage("dev", Some("OFF"), &["OFF"]),
            ]),
        );
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert_eq!(f[0].resource_id, "shop");
        assert_eq!(
            f[0].resource_arn,
            "arn:aws:apigateway:us-east-1::/restapis/a1/stages/prod"
        );
        assert_eq!(
            f[1].status_extended,
            "API Gateway shop ID a1 in stage dev has logging disabled."
        );
    }

    #[test]
    fn pass_when_only_a_method_override_logs() {
        assert_eq!(
            statuses(&run(&CHECK, &snap(vec![stage("prod", None, &["INFO"])]))),
            [Status::Pass]
        );
    }

    #[test]
    fn fail_without_any_method_setting() {
        assert_eq!(
            statuses(&run(&CHECK, &snap(vec![stage("prod", None, &[])]))),
            [Status::Fail]
        );
        // An API without stages has nothing to report.
        assert!(run(&CHECK, &snap(vec![])).is_empty());
    }

    #[test]
    fn error_when_listing_denied() {
        let mut s = snapshot();
        region(&mut s).apigateway.rest_apis = Fetched::Error(ApiError::new(
            "apigateway:GetRestApis",
            "AccessDeniedException",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
