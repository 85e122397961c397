//! # s3_bucket_no_mfa_delete
//!
//! ## Description
//!
//! Checks that each S3 bucket has MFA Delete enabled, so deleting object versions or
//! suspending versioning requires multi-factor authentication.
//!
//! CIS 3.1.2. The setting is read from the bucket's versioning configuration.
//!
//! ## Risk
//!
//! Without MFA Delete, anyone holding compromised credentials with the right permissions
//! can permanently delete object versions or disable versioning, destroying data and its
//! recovery path.
//!
//! ## Remediation
//!
//! Enable versioning with MFA Delete on the bucket, using the root user's credentials and
//! MFA device (it cannot be enabled from the console).
//!
//! As the root user: `aws s3api put-bucket-versioning --bucket <bucket>
//! --versioning-configuration Status=Enabled,MFADelete=Enabled --mfa
//! "<device-arn> <code>"`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/Versioning.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "s3_bucket_no_mfa_delete",
        title: "S3 bucket has MFA Delete enabled",
        service: "s3",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsS3Bucket",
        categories: &["identity-access"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Effects/Data Destruction",
        ],
        needs: &[
            kestrel_model::s3::LIST_ALL_MY_BUCKETS,
            kestrel_model::s3::GET_BUCKET_VERSIONING,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let Some(buckets) = collected(
        &scan.snapshot.s3.buckets,
        id,
        scan.global_region(),
        scan.account_id(),
        "",
        emit,
    ) else {
        return;
    };
    for b in crate::s3::audited(scan, buckets) {
        let Some(versioning) = collected(&b.versioning, id, &b.region, &b.name, &b.arn, emit)
        else {
            continue;
        };
        let (status, text) = if versioning.mfa_delete.as_deref() == Some("Enabled") {
            (
                Status::Pass,
                format!("S3 Bucket {} has MFA Delete enabled.", b.name),
            )
        } else {
            (
                Status::Fail,
                format!("S3 Bucket {} has MFA Delete disabled.", b.name),
            )
        };
        emit(Finding::new(id, status, &b.region, &b.name, &b.arn, text).with_tags(&b.tags));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{run, snapshot, statuses};
    use kestrel_model::{s3::Bucket, s3::Versioning, ApiError, Fetched};

    fn check(versioning: Fetched<Versioning>) -> Vec<Finding> {
        let mut s = snapshot();
        s.s3.buckets = Fetched::Ok(vec![Bucket {
            name: "b".into(),
            arn: "arn:aws:s3:::b".into(),
            region: "us-east-1".into(),
            versioning,
            ..Default::default()
        }]);
        run(&CHECK, &s)
    }

    fn versioning(status: Option<&str>, mfa: Option<&str>) -> Fetched<Versioning> {
        Fetched::Ok(Versioning {
            status: status.map(Into::into),
            mfa_delete: mfa.map(Into::into),
        })
    }

    #[test]
    fn pass_with_mfa_delete() {
        let f = check(versioning(Some("Enabled"), Some("Enabled")));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(f[0].resource_id, "b");
    }

    #[test]
    fn fail_without_mfa_delete() {
        assert_eq!(
            statuses(&check(versioning(Some("Enabled"), Some("Disabled")))),
            [Status::Fail]
        );
        assert_eq!(statuses(&check(versioning(None, None))), [Status::Fail]);
    }

    #[test]
    fn error_when_versioning_denied() {
        let f = check(Fetched::Error(ApiError::new(
            "s3:GetBucketVersioning",
            "AccessDenied",
            "",
        )));
        assert_eq!(statuses(&f), [Status::Error]);
    }
}
