//! # s3_bucket_server_access_logging_enabled
//!
//! ## Description
//!
//! Checks that server access logging is enabled on each S3 bucket.
//!
//! AWS FSBP S3.9. Any target bucket counts. Every bucket in a scanned region is
//! reported, as in Prowler; one whose setting could not be read is ERROR.
//!
//! ## Risk
//!
//! Without access logs, requests to the bucket (who read or deleted what, from where)
//! leave no record beyond CloudTrail's management events, and investigations of data
//! exposure have nothing to go on.
//!
//! ## Remediation
//!
//! Enable server access logging to a dedicated log bucket in the same account and
//! region, with restricted access and retention rules.
//!
//! `aws s3api put-bucket-logging --bucket <bucket> --bucket-logging-status
//! '{"LoggingEnabled":{"TargetBucket":"<log-bucket>","TargetPrefix":"<bucket>/"}}'`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-9
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/ServerLogs.html

use kestrel_model::{s3::Bucket, Finding, Severity, Status};

use crate::s3::run_bucket_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "s3_bucket_server_access_logging_enabled",
        title: "S3 bucket has server access logging enabled",
        service: "s3",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsS3Bucket",
        categories: &["logging", "forensics-ready"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
        ],
        needs: &[
            kestrel_model::s3::LIST_ALL_MY_BUCKETS,
            kestrel_model::s3::GET_BUCKET_LOGGING,
        ],
    },
    run,
};

fn verdict(b: &Bucket, value: &Option<String>) -> (Status, String) {
    if value.is_some() {
        (
            Status::Pass,
            format!("S3 Bucket {} has server access logging enabled.", b.name),
        )
    } else {
        (
            Status::Fail,
            format!("S3 Bucket {} has server access logging disabled.", b.name),
        )
    }
}

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_bucket_check(scan, emit, CHECK.meta.id, |b| &b.logging_target, verdict);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::s3::tests::{bucket, with_buckets};
    use crate::testkit::{run, statuses};
    use kestrel_model::{ApiError, Fetched};

    fn with(value: Option<String>) -> Bucket {
        Bucket {
            logging_target: Fetched::Ok(value),
            ..bucket("b")
        }
    }

    #[test]
    fn verdicts() {
        let f = run(&CHECK, &with_buckets(vec![with(Some("logs".into()))]));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "S3 Bucket b has server access logging enabled."
        );
        let f = run(&CHECK, &with_buckets(vec![with(None)]));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "S3 Bucket b has server access logging disabled."
        );
    }

    #[test]
    fn error_when_the_setting_cannot_be_read() {
        let denied = Bucket {
            logging_target: Fetched::Error(ApiError::new("s3:Get", "AccessDenied", "")),
            ..bucket("b")
        };
        let f = run(&CHECK, &with_buckets(vec![denied]));
        assert_eq!(statuses(&f), [Status::Error]);
        assert_eq!(f[0].resource_id, "b");
    }
}
