//! # s3_bucket_object_versioning
//!
//! ## Description
//!
//! Checks that versioning is enabled on each S3 bucket.
//!
//! AWS FSBP S3.14. A bucket whose versioning was suspended fails, like one where it was
//! never enabled. Every bucket in a scanned region is reported, as in Prowler; one
//! whose setting could not be read is ERROR.
//!
//! ## Risk
//!
//! Without versioning an overwritten or deleted object is gone: a mistaken job, a
//! compromised credential or ransomware that rewrites objects leaves nothing to
//! restore.
//!
//! ## Remediation
//!
//! Enable versioning, and add lifecycle rules that expire old versions so storage does
//! not grow without bound.
//!
//! `aws s3api put-bucket-versioning --bucket <bucket> --versioning-configuration
//! Status=Enabled`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-14
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html

use kestrel_model::{s3::Bucket, Finding, Severity, Status};

use crate::s3::run_bucket_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "s3_bucket_object_versioning",
        title: "S3 bucket has versioning enabled",
        service: "s3",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsS3Bucket",
        categories: &["resilience"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
            "Effects/Data Destruction",
        ],
        needs: &[
            kestrel_model::s3::LIST_ALL_MY_BUCKETS,
            kestrel_model::s3::GET_BUCKET_VERSIONING,
        ],
    },
    run,
};

fn verdict(b: &Bucket, value: &kestrel_model::s3::Versioning) -> (Status, String) {
    if value.status.as_deref() == Some("Enabled") {
        (
            Status::Pass,
            format!("S3 Bucket {} has versioning enabled.", b.name),
        )
    } else {
        (
            Status::Fail,
            format!("S3 Bucket {} has versioning disabled.", b.name),
        )
    }
}

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_bucket_check(scan, emit, CHECK.meta.id, |b| &b.versioning, verdict);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::s3::tests::{bucket, with_buckets};
    use crate::testkit::{run, statuses};
    use kestrel_model::s3::Versioning;
    use kestrel_model::{ApiError, Fetched};

    fn with(value: kestrel_model::s3::Versioning) -> Bucket {
        Bucket {
            versioning: Fetched::Ok(value),
            ..bucket("b")
        }
    }

    #[test]
    fn verdicts() {
        let f = run(
            &CHECK,
            &with_buckets(vec![with(Versioning {
                status: Some("Enabled".into()),
                mfa_delete: None,
            })]),
        );
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(f[0].status_extended, "S3 Bucket b has versioning enabled.");
        let f = run(
            &CHECK,
            &with_buckets(vec![with(Versioning {
                status: Some("Suspended".into()),
                mfa_delete: None,
            })]),
        );
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].status_extended, "S3 Bucket b has versioning disabled.");
        let f = run(&CHECK, &with_buckets(vec![with(Versioning::default())]));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].status_extended, "S3 Bucket b has versioning disabled.");
    }

    #[test]
    fn error_when_the_setting_cannot_be_read() {
        let denied = Bucket {
            versioning: Fetched::Error(ApiError::new("s3:Get", "AccessDenied", "")),
            ..bucket("b")
        };
        let f = run(&CHECK, &with_buckets(vec![denied]));
        assert_eq!(statuses(&f), [Status::Error]);
        assert_eq!(f[0].resource_id, "b");
    }
}
