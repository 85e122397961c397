//! # s3_bucket_kms_encryption
//!
//! ## Description
//!
//! Checks that each S3 bucket's default encryption uses AWS KMS keys (SSE-KMS or
//! DSSE-KMS).
//!
//! AWS FSBP S3.17. SSE-S3 (AES256), or no default encryption, fails. Every bucket in a
//! scanned region is reported, as in Prowler; one whose setting could not be read is
//! ERROR.
//!
//! ## Risk
//!
//! With S3-managed keys, anyone allowed to read an object reads it in clear: there is
//! no key policy to restrict decryption separately, no per-key audit trail in
//! CloudTrail, and no way to revoke access by disabling a key.
//!
//! ## Remediation
//!
//! Switch the bucket's default encryption to SSE-KMS with a customer managed key, and
//! enable S3 Bucket Keys to keep KMS request costs down.
//!
//! `aws s3api put-bucket-encryption --bucket <bucket>
//! --server-side-encryption-configuration
//! '{"Rules":[{"ApplyServerSideEncryptionByDefault":{"SSEAlgorithm":"aws:kms","KMSMasterKeyID":"<key>"},"BucketKeyEnabled":true}]}'`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-17
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/UsingKMSEncryption.html

use kestrel_model::{s3::Bucket, Finding, Severity, Status};

use crate::s3::run_bucket_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "s3_bucket_kms_encryption",
        title: "S3 bucket encrypts by default with KMS keys",
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
    match value.as_deref() {
        Some(alg @ ("aws:kms" | "aws:kms:dsse")) => (
            Status::Pass,
            format!(
                "S3 Bucket {} has Server Side Encryption with {alg}.",
                b.name
            ),
        ),
        _ => (
            Status::Fail,
            format!(
                "Server Side Encryption is not configured with kms for S3 Bucket {}.",
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
        let f = run(
            &CHECK,
            &with_buckets(vec![with(Some("aws:kms:dsse".into()))]),
        );
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "S3 Bucket b has Server Side Encryption with aws:kms:dsse."
        );
        let f = run(&CHECK, &with_buckets(vec![with(Some("AES256".into()))]));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "Server Side Encryption is not configured with kms for S3 Bucket b."
        );
        let f = run(&CHECK, &with_buckets(vec![with(None)]));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "Server Side Encryption is not configured with kms for S3 Bucket b."
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
