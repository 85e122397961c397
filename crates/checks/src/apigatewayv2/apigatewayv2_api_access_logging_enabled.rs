//! # apigatewayv2_api_access_logging_enabled
//!
//! ## Description
//!
//! Checks that every stage of each API Gateway v2 (HTTP or WebSocket) API has access
//! logging configured to a log destination.
//!
//! CIS 4.10. A stage counts as logged when its `AccessLogSettings` name a destination. Each
//! stage is one finding, named `<api name>-<stage name>`, as in Prowler.
//!
//! ## Risk
//!
//! Without access logs, calls to the API leave no trace: credential misuse, route abuse and
//! anomalous traffic cannot be detected or investigated.
//!
//! ## Remediation
//!
//! Configure access logging on each stage with a CloudWatch Logs log group (or Firehose
//! stream) as destination and a structured log format.
//!
//! `aws apigatewayv2 update-stage --api-id <id> --stage-name <stage> --access-log-settings
//! DestinationArn=<log-group-arn>,Format=<format>`, the format being for example a JSON
//! line of `$context` variables such as `$context.requestId` and `$context.status`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-logging.html
//! - https://docs.aws.amazon.com/apigateway/latest/developerguide/security-monitoring.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "apigatewayv2_api_access_logging_enabled",
        title: "API Gateway V2 API stage has access logging enabled",
        service: "apigatewayv2",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsApiGatewayV2Stage",
        categories: &["logging"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices"],
        needs: &[kestrel_model::apigateway::GET],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(apis) = collected(
            &r.apigateway.http_apis,
            id,
            region,
            scan.account_id(),
            "",
            emit,
        ) else {
            continue;
        };
        for api in apis {
            let arn = if api.arn.is_empty() {
                format!(
                    "arn:{}:apigateway:{region}::apis/{}",
                    scan.partition(),
                    api.id
                )
            } else {
                api.arn.clone()
            };
            for stage in &api.stages {
                let logging = stage
                    .access_log_destination
                    .as_deref()
                    .is_some_and(|d| !d.is_empty());
                let (status, verb) = if logging {
                    (Status::Pass, "enabled")
                } else {
                    (Status::Fail, "disabled")
                };
                let text = format!(
                    "API Gateway V2 {} ID {} in stage {} has access logging {verb}.",
                    api.name, api.id, stage.name
                );
                let resource_id = format!("{}-{}", api.name, stage.name);
                emit(
                    Finding::new(id, status, region, &resource_id, &arn, text).with_tags(&api.tags),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{apigateway::HttpApi, apigateway::HttpStage, ApiError, Fetched, Snapshot};

    fn snap(stages: Vec<HttpStage>) -> Snapshot {
        let mut s = snapshot();
        region(&mut s).apigateway.http_apis = Fetched::Ok(vec![HttpApi {
            id: "h1".into(),
            name: "web".into(),
            arn: "arn:aws:apigateway:us-east-1::apis/h1".into(),
            protocol: "HTTP".into(),
            stages,
            ..Default::default()
        }]);
        s
    }

    fn stage(name: &str, dest: Option<&str>) -> HttpStage {
        HttpStage {
            name: name.into(),
            access_log_destination: dest.map(Into::into),
        }
    }

    #[test]
    fn pass_and_fail_per_stage() {
        let f = run(
            &CHECK,
            &snap(vec![
                stage(
                    "$default",
                    Some("arn:aws:logs:us-east-1:123456789012:log-group:web"),
                ),
                stage("dev", None),
            ]),
        );
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert_eq!(f[0].resource_id, "web-$default");
        assert_eq!(f[1].resource_id, "web-dev");
        assert_eq!(f[1].resource_arn, "arn:aws:apigateway:us-east-1::apis/h1");
        assert_eq!(
            f[1].status_extended,
            "API Gateway V2 web ID h1 in stage dev has access logging disabled."
        );
    }

    #[test]
    fn no_stages_no_findings() {
        assert!(run(&CHECK, &snap(vec![])).is_empty());
    }

    #[test]
    fn error_when_listing_denied() {
        let mut s = snapshot();
        region(&mut s).apigateway.http_apis = Fetched::Error(ApiError::new(
            "apigateway:GetApis",
            "AccessDeniedException",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
