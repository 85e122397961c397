//! # s3_bucket_level_public_access_block
//!
//! ## Description
//!
//! Checks that every S3 bucket is covered by Block Public Access with IgnorePublicAcls and
//! RestrictPublicBuckets enabled, in the bucket's own configuration or in the account-level
//! configuration.
//!
//! CIS 3.1.4.
//!
//! ## Risk
//!
//! A bucket without Block Public Access can be made public by an ACL or bucket policy,
//! exposing or letting anyone alter its objects.
//!
//! ## Remediation
//!
//! Enable Block Public Access on the bucket (all four settings), or enable it at the
//! account level so that it covers every bucket.
//!
//! `aws s3api put-public-access-block --bucket <bucket> --public-access-block-configuration
//! '{"BlockPublicAcls": true, "IgnorePublicAcls": true, "BlockPublicPolicy": true,
//! "RestrictPublicBuckets": true}'`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-bucket.html
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "s3_bucket_level_public_access_block",
        title: "S3 bucket has Block Public Access with IgnorePublicAcls and RestrictPublicBuckets enabled at bucket or account level",
        service: "s3",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsS3Bucket",
        categories: &["internet-exposed"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices", "Effects/Data Exposure"],
        needs: &[
            kestrel_model::s3::LIST_ALL_MY_BUCKETS,
            kestrel_model::s3::GET_BUCKET_PUBLIC_ACCESS_BLOCK,
            kestrel_model::s3::GET_ACCOUNT_PUBLIC_ACCESS_BLOCK,
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
        let Some(block) = collected(&b.public_access_block, id, &b.region, &b.name, &b.arn, emit)
        else {
            continue;
        };
        let bucket_level = block
            .map(|p| p.ignore_public_acls && p.restrict_public_buckets)
            .unwrap_or(false);
        let (status, text) = if bucket_level {
            (
                Status::Pass,
                format!(
                    "Block Public Access is configured for the S3 Bucket {}.",
                    b.name
                ),
            )
        } else {
            let Some(account_block) = collected(
                &scan.snapshot.s3.account_public_access_block,
                id,
                &b.region,
                &b.name,
                &b.arn,
                emit,
            ) else {
                continue;
            };
            let account_level = account_block
                .map(|p| p.ignore_public_acls && p.restrict_public_buckets)
                .unwrap_or(false);
            if account_level {
                (
                    Status::Pass,
                    format!(
                        "Block Public Access is configured for the S3 Bucket {} at account {} level.",
                        b.name,
                        scan.account_id()
                    ),
                )
            } else {
                (
                    Status::Fail,
                    format!(
                        "Block Public Access is not configured for the S3 Bucket {}.",
                        b.name
                    ),
                )
            }
        };
        emit(Finding::new(id, status, &b.region, &b.name, &b.arn, text).with_tags(&b.tags));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{run, snapshot, statuses};
    use kestrel_model::{s3::Bucket, s3::PublicAccessBlock, ApiError, Fetched, Snapshot};

    fn block(ignore: bool, restrict: bool) -> PublicAccessBlock {
        PublicAccessBlock {
            block_public_acls: false,
            ignore_public_acls: ignore,
            block_public_policy: false,
            restrict_public_buckets: restrict,
        }
    }

    fn snap(
        bucket: Fetched<Option<PublicAccessBlock>>,
        account: Fetched<Option<PublicAccessBlock>>,
    ) -> Snapshot {
        let mut s = snapshot();
        s.regions.push("eu-west-1".into()); // the bucket's region is scanned
        s.s3.buckets = Fetched::Ok(vec![Bucket {
            name: "b".into(),
            arn: "arn:aws:s3:::b".into(),
            region: "eu-west-1".into(),
            public_access_block: bucket,
            ..Default::default()
        }]);
        s.s3.account_public_access_block = account;
        s
    }

    #[test]
    fn pass_at_bucket_level() {
        let f = run(
            &CHECK,
            &snap(Fetched::Ok(Some(block(true, true))), Fetched::Ok(None)),
        );
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(f[0].region, "eu-west-1");
        assert_eq!(f[0].resource_arn, "arn:aws:s3:::b");
    }

    #[test]
    fn pass_at_account_level() {
        let f = run(
            &CHECK,
            &snap(Fetched::Ok(None), Fetched::Ok(Some(block(true, true)))),
        );
        assert_eq!(statuses(&f), [Status::Pass]);
        assert!(f[0].status_extended.contains("at account"));
    }

    #[test]
    fn fail_when_neither_level_blocks() {
        assert_eq!(
            statuses(&run(
                &CHECK,
                &snap(
                    Fetched::Ok(Some(block(true, false))),
                    Fetched::Ok(Some(block(false, true)))
                )
            )),
            [Status::Fail]
        );
        assert_eq!(
            statuses(&run(&CHECK, &snap(Fetched::Ok(None), Fetched::Ok(None)))),
            [Status::Fail]
        );
    }

    #[test]
    fn error_when_a_needed_call_failed() {
        let denied = || {
            Fetched::Error(ApiError::new(
                "s3:GetBucketPublicAccessBlock",
                "AccessDenied",
                "",
            ))
        };
        assert_eq!(
            statuses(&run(&CHECK, &snap(denied(), Fetched::Ok(None)))),
            [Status::Error]
        );
        // The bucket itself does not block: the account level decides, and is unknown.
        assert_eq!(
            statuses(&run(&CHECK, &snap(Fetched::Ok(None), denied()))),
            [Status::Error]
        );
        // The bucket blocks: the account level is not needed.
        assert_eq!(
            statuses(&run(
                &CHECK,
                &snap(Fetched::Ok(Some(block(true, true))), denied())
            )),
            [Status::Pass]
        );
    }
}
