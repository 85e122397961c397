//! # wafv2_webacl_logging_enabled
//!
//! ## Description
//!
//! Checks that every AWS WAF (v2) web ACL logs its traffic to at least one destination:
//! the regional web ACLs of each scanned region, and the CloudFront ones (reported in the
//! global region).
//!
//! AWS Security Hub control WAF.11. A CloudFront web ACL's logging is asked of the global
//! region whatever the scanned regions; Prowler fails it unasked when us-east-1 is not
//! among them.
//!
//! ## Risk
//!
//! Without logs the requests a web ACL blocked or allowed cannot be reviewed: attacks go
//! unnoticed and false positives cannot be tuned.
//!
//! ## Remediation
//!
//! Turn on logging for the web ACL to CloudWatch Logs, S3 or Data Firehose (a destination
//! whose name starts with aws-waf-logs-), redacting sensitive fields.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/waf/latest/developerguide/logging.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/waf-controls.html#waf-11

use kestrel_model::{wafv2::Wafv2, Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "wafv2_webacl_logging_enabled",
        title: "WAF web ACL has logging enabled",
        service: "wafv2",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsWafv2WebAcl",
        categories: &["logging"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
        ],
        needs: &[
            kestrel_model::wafv2::LIST_WEB_ACLS,
            kestrel_model::wafv2::GET_LOGGING_CONFIGURATION,
            kestrel_model::wafv2::LIST_CLOUDFRONT_WEB_ACLS,
            kestrel_model::wafv2::GET_CLOUDFRONT_LOGGING_CONFIGURATION,
        ],
    },
    run,
};

fn judge(scan: &Scan, waf: &Wafv2, region: &str, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let Some(acls) = collected(&waf.web_acls, id, region, scan.account_id(), "", emit) else {
        return;
    };
    for a in acls {
        let Some(logging) = collected(&a.logging, id, region, &a.id, &a.arn, emit) else {
            continue;
        };
        let (status, text) = if *logging {
            (
                Status::Pass,
                format!("AWS WAFv2 Web ACL {} has logging enabled.", a.name),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "AWS WAFv2 Web ACL {} does not have logging enabled.",
                    a.name
                ),
            )
        };
        emit(Finding::new(id, status, region, &a.id, &a.arn, text));
    }
}

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    // CloudFront's web ACLs: only the commercial partition has them.
    if scan.partition() == "aws" {
        judge(
            scan,
            &scan.snapshot.wafv2_cloudfront,
            scan.global_region(),
            emit,
        );
    }
    for (region, r) in scan.regions() {
        judge(scan, &r.wafv2, region, emit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{wafv2::WebAcl, ApiError, Fetched};

    fn acl(name: &str, logging: Fetched<bool>) -> WebAcl {
        WebAcl {
            id: format!("{name}-id"),
            name: name.into(),
            arn: format!("arn:aws:wafv2:us-east-1:123456789012:regional/webacl/{name}/x"),
            logging,
        }
    }

    #[test]
    fn both_scopes_are_judged() {
        let mut s = snapshot();
        s.wafv2_cloudfront.web_acls = Fetched::Ok(vec![acl("edge", Fetched::Ok(true))]);
        region(&mut s).wafv2.web_acls = Fetched::Ok(vec![acl("api", Fetched::Ok(false))]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert_eq!(f[0].resource_id, "edge-id");
        assert_eq!(
            f[1].status_extended,
            "AWS WAFv2 Web ACL api does not have logging enabled."
        );
    }

    #[test]
    fn error_when_unreadable() {
        let mut s = snapshot();
        s.wafv2_cloudfront.web_acls = Fetched::Ok(vec![]);
        region(&mut s).wafv2.web_acls = Fetched::Ok(vec![acl(
            "api",
            Fetched::Error(ApiError::new(
                "wafv2:GetLoggingConfiguration",
                "WAFInternalErrorException",
                "",
            )),
        )]);
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
