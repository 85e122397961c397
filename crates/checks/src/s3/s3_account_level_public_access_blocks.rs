//! # s3_account_level_public_access_blocks
//!
//! ## Description
//!
//! Checks that the account-level S3 Block Public Access configuration has IgnorePublicAcls
//! and RestrictPublicBuckets enabled, so no bucket of the account can be made public
//! through ACLs or bucket policies.
//!
//! CIS 3.1.4. The configuration is read with s3control. An account without buckets is
//! reported only when unused services are scanned, as in Prowler.
//!
//! ## Risk
//!
//! Without the account-level block, a permissive ACL or bucket policy on any bucket can
//! expose its objects to the internet, leading to data leaks or tampering.
//!
//! ## Remediation
//!
//! Enable S3 Block Public Access at the account level (at least IgnorePublicAcls and
//! RestrictPublicBuckets; preferably all four settings).
//!
//! `aws s3control put-public-access-block --account-id <id>
//! --public-access-block-configuration '{"BlockPublicAcls": true, "IgnorePublicAcls": true,
//! "BlockPublicPolicy": true, "RestrictPublicBuckets": true}'`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/configuring-block-public-access-account.html
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html

use kestrel_model::{Finding, Severity, Status};

use crate::s3::account_arn;
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "s3_account_level_public_access_blocks",
        title:
            "S3 account-level Block Public Access ignores public ACLs and restricts public buckets",
        service: "s3",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsS3AccountPublicAccessBlock",
        categories: &["internet-exposed"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Effects/Data Exposure",
        ],
        needs: &[
            kestrel_model::s3::GET_ACCOUNT_PUBLIC_ACCESS_BLOCK,
            kestrel_model::s3::LIST_ALL_MY_BUCKETS,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let region = scan.global_region();
    let account = scan.account_id();
    let arn = account_arn(scan);
    let Some(block) = collected(
        &scan.snapshot.s3.account_public_access_block,
        id,
        region,
        account,
        &arn,
        emit,
    ) else {
        return;
    };
    let configured = block
        .map(|b| b.ignore_public_acls && b.restrict_public_buckets)
        .unwrap_or(false);
    if configured {
        emit(Finding::new(
            id,
            Status::Pass,
            region,
            account,
            &arn,
            format!("Block Public Access is configured for the account {account}."),
        ));
        return;
    }
    if !scan.settings.scan_unused_services {
        // Prowler reports the missing block only when the account has buckets.
        let Some(buckets) = collected(&scan.snapshot.s3.buckets, id, region, account, &arn, emit)
        else {
            return;
        };
        if crate::s3::audited(scan, buckets).next().is_none() {
            return;
        }
    }
    emit(Finding::new(
        id,
        Status::Fail,
        region,
        account,
        &arn,
        format!("Block Public Access is not configured for the account {account}."),
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{run, run_with, snapshot, statuses, ACCOUNT};
    use crate::Settings;
    use kestrel_model::{s3::Bucket, s3::PublicAccessBlock, ApiError, Fetched, Snapshot};

    fn snap(block: Option<PublicAccessBlock>, buckets: usize) -> Snapshot {
        let mut s = snapshot();
        s.s3.account_public_access_block = Fetched::Ok(block);
        s.s3.buckets = Fetched::Ok(
            (0..buckets)
                .map(|i| Bucket {
                    name: format!("b{i}"),
                    region: "us-east-1".into(),
                    ..Default::default()
                })
                .collect(),
        );
        s
    }

    fn block(ignore: bool, restrict: bool) -> PublicAccessBlock {
        PublicAccessBlock {
            block_public_acls: true,
            ignore_public_acls: ignore,
            block_public_policy: true,
            restrict_public_buckets: restrict,
        }
    }

    #[test]
    fn pass_when_ignore_and_restrict_are_on() {
        let f = run(&CHECK, &snap(Some(block(true, true)), 1));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(f[0].resource_id, ACCOUNT);
        assert_eq!(
            f[0].resource_arn,
            format!("arn:aws:s3:us-east-1:{ACCOUNT}:account")
        );
        // Even without buckets, a configured block is reported.
        assert_eq!(
            statuses(&run(&CHECK, &snap(Some(block(true, true)), 0))),
            [Status::Pass]
        );
    }

    #[test]
    fn fail_when_partial_or_missing() {
        assert_eq!(
            statuses(&run(&CHECK, &snap(Some(block(true, false)), 1))),
            [Status::Fail]
        );
        assert_eq!(
            statuses(&run(&CHECK, &snap(Some(block(false, true)), 1))),
            [Status::Fail]
        );
        let f = run(&CHECK, &snap(None, 2));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert!(f[0].status_extended.contains("is not configured"));
    }

    #[test]
    fn buckets_only_outside_the_scanned_regions_count_as_none() {
        let mut s = snap(None, 1);
        if let Fetched::Ok(b) = &mut s.s3.buckets {
            b[0].region = "ap-south-1".into();
        }
        assert!(run(&CHECK, &s).is_empty());
    }

    #[test]
    fn no_buckets_only_reported_when_scanning_unused_services() {
        assert!(run(&CHECK, &snap(None, 0)).is_empty());
        let settings = Settings {
            scan_unused_services: true,
            ..Default::default()
        };
        assert_eq!(
            statuses(&run_with(&CHECK, &snap(None, 0), &settings)),
            [Status::Fail]
        );
    }

    #[test]
    fn error_when_denied() {
        let mut s = snap(None, 1);
        s.s3.account_public_access_block = Fetched::Error(ApiError::new(
            "s3:GetAccountPublicAccessBlock",
            "AccessDenied",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
        // A failed bucket listing cannot hide a missing block either.
        let mut s = snap(None, 0);
        s.s3.buckets = Fetched::Error(ApiError::new("s3:ListBuckets", "AccessDenied", ""));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
