//! # cloudtrail_logs_s3_bucket_is_not_publicly_accessible
//!
//! ## Description
//!
//! Checks that the S3 bucket receiving each CloudTrail trail's log files does not grant
//! anything to everyone in its access control list.
//!
//! CIS 1.4/1.5/2.0 (3.3). A bucket ACL grant to the AllUsers group fails, as in Prowler
//! (a grant to any authenticated AWS user does not, and bucket policies are judged by
//! s3_bucket_public_access). A destination bucket that is not in this account's bucket
//! list (another account's, or outside the scanned regions) is reported MANUAL. Each trail
//! is reported once, in its home region.
//!
//! ## Risk
//!
//! A public trail bucket hands the account's whole activity history, including resource
//! names, principals and source addresses, to anyone, and may let them alter or delete the
//! evidence.
//!
//! ## Remediation
//!
//! Remove the public grants from the trail bucket's ACL (or disable ACLs with bucket-owner
//! enforced object ownership) and turn on S3 Block Public Access.
//!
//! `aws s3api put-bucket-acl --bucket <trail-bucket> --acl private`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html
//! - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html

use kestrel_model::{Finding, Severity, Status};

use crate::cloudtrail::{bucket_unknown, trail_bucket, trails};
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudtrail_logs_s3_bucket_is_not_publicly_accessible",
        title: "CloudTrail trail S3 bucket is not publicly accessible",
        service: "cloudtrail",
        subservice: "",
        severity: Severity::Critical,
        resource_type: "AwsS3Bucket",
        categories: &["internet-exposed"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Network Reachability",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
            "Effects/Data Exposure",
        ],
        needs: &[
            kestrel_model::cloudtrail::DESCRIBE_TRAILS,
            kestrel_model::cloudtrail::LIST_TAGS,
            kestrel_model::s3::LIST_ALL_MY_BUCKETS,
            kestrel_model::s3::GET_BUCKET_ACL,
        ],
    },
    run,
};

const ALL_USERS: &str = "http://acs.amazonaws.com/groups/global/AllUsers";

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let all = trails(scan, id, emit);
    if all.trails.is_empty() {
        return;
    }
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
    for t in all.trails {
        let Some(bucket) = trail_bucket(scan, buckets, t, |b| b.acl_grants.is_collected()) else {
            emit(bucket_unknown(id, t));
            continue;
        };
        let Some(grants) = collected(
            &bucket.acl_grants,
            id,
            &t.home_region,
            &t.name,
            &t.arn,
            emit,
        ) else {
            continue;
        };
        let public = grants.iter().any(|g| g.uri.as_deref() == Some(ALL_USERS));
        let (status, state) = if public {
            (Status::Fail, "is publicly accessible")
        } else {
            (Status::Pass, "is not publicly accessible")
        };
        let scope = if t.is_multi_region {
            "multiregion"
        } else {
            "single region"
        };
        let text = format!(
            "S3 Bucket {} from {scope} trail {} {state}.",
            bucket.name, t.name
        );
        emit(Finding::new(id, status, &t.home_region, &t.name, &t.arn, text).with_tags(&t.tags));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloudtrail::testdata::trail;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{
        s3::{AclGrant, Bucket},
        ApiError, Fetched, Snapshot,
    };

    fn snap(bucket: Option<Bucket>) -> Snapshot {
        let mut s = snapshot();
        region(&mut s).cloudtrail.trails = Fetched::Ok(vec![trail("main", "us-east-1", false)]);
        s.s3.buckets = Fetched::Ok(bucket.into_iter().collect());
        s
    }

    fn bucket(grants: Fetched<Vec<AclGrant>>, region: &str) -> Bucket {
        Bucket {
            name: "trail-logs".into(),
            arn: "arn:aws:s3:::trail-logs".into(),
            region: region.into(),
            acl_grants: grants,
            ..Default::default()
        }
    }

    fn group(uri: &str) -> AclGrant {
        AclGrant {
            grantee_type: "Group".into(),
            uri: Some(uri.into()),
            permission: "READ".into(),
        }
    }

    fn owner() -> AclGrant {
        AclGrant {
            grantee_type: "CanonicalUser".into(),
            uri: None,
            permission: "FULL_CONTROL".into(),
        }
    }

    #[test]
    fn pass_for_a_private_acl() {
        let f = run(
            &CHECK,
            &snap(Some(bucket(Fetched::Ok(vec![owner()]), "us-east-1"))),
        );
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "S3 Bucket trail-logs from single region trail main is not publicly accessible."
        );
        assert_eq!(f[0].resource_id, "main");
    }

    #[test]
    fn fail_for_a_grant_to_everyone() {
        let grants = vec![owner(), group(ALL_USERS)];
        let f = run(
            &CHECK,
            &snap(Some(bucket(Fetched::Ok(grants), "us-east-1"))),
        );
        assert_eq!(statuses(&f), [Status::Fail]);
        assert!(f[0].status_extended.ends_with("is publicly accessible."));
    }

    #[test]
    fn a_grant_to_authenticated_users_is_not_judged_here() {
        let grants = vec![group(
            "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
        )];
        let f = run(
            &CHECK,
            &snap(Some(bucket(Fetched::Ok(grants), "us-east-1"))),
        );
        assert_eq!(statuses(&f), [Status::Pass]);
    }

    #[test]
    fn manual_for_a_bucket_of_another_account_or_out_of_scope() {
        let f = run(&CHECK, &snap(None));
        assert_eq!(statuses(&f), [Status::Manual]);
        assert!(f[0].status_extended.contains("cross-account bucket"));
        let f = run(
            &CHECK,
            &snap(Some(bucket(Fetched::NotCollected, "ap-south-1"))),
        );
        assert_eq!(statuses(&f), [Status::Manual]);
    }

    #[test]
    fn error_when_the_acl_or_the_bucket_list_is_missing() {
        let denied = ApiError::new("s3:GetBucketAcl", "AccessDenied", "");
        let f = run(
            &CHECK,
            &snap(Some(bucket(Fetched::Error(denied), "us-east-1"))),
        );
        assert_eq!(statuses(&f), [Status::Error]);
        assert_eq!(f[0].resource_id, "main");
        let mut s = snap(None);
        s.s3.buckets = Fetched::Error(ApiError::new("s3:ListAllMyBuckets", "AccessDenied", ""));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
