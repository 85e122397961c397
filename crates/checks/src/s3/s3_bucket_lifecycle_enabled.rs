//! # s3_bucket_lifecycle_enabled
//!
//! ## Description
//!
//! Checks that each S3 bucket has at least one enabled lifecycle rule.
//!
//! AWS FSBP S3.13. A configuration whose rules are all disabled fails. Every bucket in
//! a scanned region is reported, as in Prowler; one whose setting could not be read is
//! ERROR.
//!
//! ## Risk
//!
//! Without lifecycle rules, data is kept forever: old versions, logs and temporary
//! objects accumulate cost and widen what a breach can expose, against retention
//! policies.
//!
//! ## Remediation
//!
//! Add lifecycle rules that transition and expire objects (and noncurrent versions)
//! according to the data's retention policy.
//!
//! `aws s3api put-bucket-lifecycle-configuration --bucket <bucket>
//! --lifecycle-configuration
//! '{"Rules":[{"ID":"expire","Status":"Enabled","Filter":{},"Expiration":{"Days":365}}]}'`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-13
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lifecycle-mgmt.html

use kestrel_model::{s3::Bucket, Finding, Severity, Status};

use crate::s3::run_bucket_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "s3_bucket_lifecycle_enabled",
        title: "S3 bucket has an enabled lifecycle rule",
        service: "s3",
        subservice: "",
        severity: Severity::Low,
        resource_type: "AwsS3Bucket",
        categories: &[],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
        ],
        needs: &[
            kestrel_model::s3::LIST_ALL_MY_BUCKETS,
            kestrel_model::s3::GET_LIFECYCLE_CONFIGURATION,
        ],
    },
    run,
};

fn verdict(b: &Bucket, value: &[String]) -> (Status, String) {
    if value.iter().any(|s| s == "Enabled") {
        (
            Status::Pass,
            format!(
                "S3 Bucket {} has a lifecycle configuration enabled.",
                b.name
            ),
        )
    } else {
        (
            Status::Fail,
            format!(
                "S3 Bucket {} does not have a lifecycle configuration enabled.",
                b.name
            ),
        )
    }
}

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_bucket_check(
        scan,
        emit,
        CHECK.meta.id,
        |b| &b.lifecycle_rules,
        |b, v| verdict(b, v),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::s3::tests::{bucket, with_buckets};
    use crate::testkit::{run, statuses};
    use kestrel_model::{ApiError, Fetched};

    fn with(value: Vec<String>) -> Bucket {
        Bucket {
            lifecycle_rules: Fetched::Ok(value),
            ..bucket("b")
        }
    }

    #[test]
    fn verdicts() {
        let f = run(
            &CHECK,
            &with_buckets(vec![with(vec!["Disabled".into(), "Enabled".into()])]),
        );
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "S3 Bucket b has a lifecycle configuration enabled."
        );
        let f = run(&CHECK, &with_buckets(vec![with(vec!["Disabled".into()])]));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "S3 Bucket b does not have a lifecycle configuration enabled."
        );
        let f = run(&CHECK, &with_buckets(vec![with(vec![])]));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "S3 Bucket b does not have a lifecycle configuration enabled."
        );
    }

    #[test]
    fn error_when_the_setting_cannot_be_read() {
        let denied = Bucket {
            lifecycle_rules: Fetched::Error(ApiError::new("s3:Get", "AccessDenied", "")),
            ..bucket("b")
        };
        let f = run(&CHECK, &with_buckets(vec![denied]));
        assert_eq!(statuses(&f), [Status::Error]);
        assert_eq!(f[0].resource_id, "b");
    }
}
