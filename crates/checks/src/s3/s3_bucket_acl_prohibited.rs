//! # s3_bucket_acl_prohibited
//!
//! ## Description
//!
//! Checks that each S3 bucket disables access control lists by enforcing bucket-owner
//! object ownership.
//!
//! AWS FSBP S3.12. Only the BucketOwnerEnforced setting passes; a bucket without
//! ownership controls fails. Every bucket in a scanned region is reported, as in
//! Prowler; one whose setting could not be read is ERROR.
//!
//! ## Risk
//!
//! With ACLs enabled, objects can carry grants of their own that bypass the bucket
//! policy, including public ones, and objects uploaded by other accounts may stay owned
//! by them.
//!
//! ## Remediation
//!
//! Set object ownership to bucket owner enforced, after moving any access still granted
//! by ACLs into the bucket policy.
//!
//! `aws s3api put-bucket-ownership-controls --bucket <bucket> --ownership-controls
//! '{"Rules":[{"ObjectOwnership":"BucketOwnerEnforced"}]}'`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-12
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/about-object-ownership.html

use kestrel_model::{s3::Bucket, Finding, Severity, Status};

use crate::s3::run_bucket_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "s3_bucket_acl_prohibited",
        title: "S3 bucket has ACLs disabled (bucket owner enforced)",
        service: "s3",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsS3Bucket",
        categories: &["identity-access"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
        ],
        needs: &[
            kestrel_model::s3::LIST_ALL_MY_BUCKETS,
            kestrel_model::s3::GET_BUCKET_OWNERSHIP_CONTROLS,
        ],
    },
    run,
};

fn verdict(b: &Bucket, value: &Option<String>) -> (Status, String) {
    if value
        .as_deref()
        .is_some_and(|o| o.contains("BucketOwnerEnforced"))
    {
        (
            Status::Pass,
            format!("S3 Bucket {} has bucket ACLs disabled.", b.name),
        )
    } else {
        (
            Status::Fail,
            format!("S3 Bucket {} has bucket ACLs enabled.", b.name),
        )
    }
}

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_bucket_check(scan, emit, CHECK.meta.id, |b| &b.ownership, verdict);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::s3::tests::{bucket, with_buckets};
    use crate::testkit::{run, statuses};
    use kestrel_model::{ApiError, Fetched};

    fn with(value: Option<String>) -> Bucket {
        Bucket {
            ownership: Fetched::Ok(value),
            ..bucket("b")
        }
    }

    #[test]
    fn verdicts() {
        let f = run(
            &CHECK,
            &with_buckets(vec![with(Some("BucketOwnerEnforced".into()))]),
        );
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "S3 Bucket b has bucket ACLs disabled."
        );
        let f = run(
            &CHECK,
            &with_buckets(vec![with(Some("ObjectWriter".into()))]),
        );
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].status_extended, "S3 Bucket b has bucket ACLs enabled.");
        let f = run(&CHECK, &with_buckets(vec![with(None)]));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].status_extended, "S3 Bucket b has bucket ACLs enabled.");
    }

    #[test]
    fn error_when_the_setting_cannot_be_read() {
        let denied = Bucket {
            ownership: Fetched::Error(ApiError::new("s3:Get", "AccessDenied", "")),
            ..bucket("b")
        };
        let f = run(&CHECK, &with_buckets(vec![denied]));
        assert_eq!(statuses(&f), [Status::Error]);
        assert_eq!(f[0].resource_id, "b");
    }
}
