//! # s3_bucket_default_encryption
//!
//! ## Description
//!
//! Checks that each S3 bucket has a default server-side encryption configuration.
//!
//! CIS 1.4/1.5 2.1.1. Since January 2023 AWS applies SSE-S3 to every bucket, so on AWS
//! this fails only where the configuration was removed or cannot apply; emulators still
//! answer that a bucket has none. Every bucket in a scanned region is reported, as in
//! Prowler; one whose setting could not be read is ERROR.
//!
//! ## Risk
//!
//! Objects written without encryption at rest rely on access controls alone: a leaked
//! copy of the storage, a misdirected replication or a backup outside S3's controls
//! exposes them in clear.
//!
//! ## Remediation
//!
//! Set default encryption on the bucket, with SSE-KMS where key-level access control
//! and audit are wanted.
//!
//! `aws s3api put-bucket-encryption --bucket <bucket>
//! --server-side-encryption-configuration
//! '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"<key>"}}]}'`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/default-bucket-encryption.html
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/serv-side-encryption.html

use kestrel_model::{s3::Bucket, Finding, Severity, Status};

use crate::s3::run_bucket_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "s3_bucket_default_encryption",
        title: "S3 bucket has default server-side encryption",
        service: "s3",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsS3Bucket",
        categories: &["encryption"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
            "Effects/Data Exposure",
        ],
        needs: &[
            kestrel_model::s3::LIST_ALL_MY_BUCKETS,
            kestrel_model::s3::GET_ENCRYPTION_CONFIGURATION,
        ],
    },
    run,
};

fn verdict(b: &Bucket, value: &Option<String>) -> (Status, String) {
    match value {
        Some(alg) => (
            Status::Pass,
            format!(
                "S3 Bucket {} has Server Side Encryption with {alg}.",
                b.name
            ),
        ),
        None => (
            Status::Fail,
            format!(
                "S3 Bucket {} does not have Server Side Encryption enabled.",
                b.name
            ),
        ),
    }
}

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_bucket_check(scan, emit, CHECK.meta.id, |b| &b.encryption, verdict);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::s3::tests::{bucket, with_buckets};
    use crate::testkit::{run, statuses};
    use kestrel_model::{ApiError, Fetched};

    fn with(value: Option<String>) -> Bucket {
        Bucket {
            encryption: Fetched::Ok(value),
            ..bucket("b")
        }
    }

    #[test]
    fn verdicts() {
        let f = run(&CHECK, &with_buckets(vec![with(Some("AES256".into()))]));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "S3 Bucket b has Server Side Encryption with AES256."
        );
        let f = run(&CHECK, &with_buckets(vec![with(None)]));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "S3 Bucket b does not have Server Side Encryption enabled."
        );
    }

    #[test]
    fn error_when_the_setting_cannot_be_read() {
        let denied = Bucket {
            encryption: Fetched::Error(ApiError::new("s3:Get", "AccessDenied", "")),
            ..bucket("b")
        };
        let f = run(&CHECK, &with_buckets(vec![denied]));
        assert_eq!(statuses(&f), [Status::Error]);
        assert_eq!(f[0].resource_id, "b");
    }
}
