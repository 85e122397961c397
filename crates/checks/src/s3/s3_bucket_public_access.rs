//! # s3_bucket_public_access
//!
//! ## Description
//!
//! Checks that no S3 bucket is open to the public through its ACL or its bucket policy,
//! unless Block Public Access neutralises both.
//!
//! As in Prowler: when the account's Block Public Access ignores public ACLs and restricts
//! public buckets, one PASS for the account. Otherwise each bucket passes when its own
//! block does the same; else it fails when its ACL grants anything to everyone or to
//! any AWS account (the AllUsers and AuthenticatedUsers groups), or when its policy
//! allows everyone without a restricting condition.
//!
//! ## Risk
//!
//! A public bucket is found by automated scanners within hours: its objects can be listed
//! and downloaded by anyone, and depending on the grants, overwritten or deleted.
//!
//! ## Remediation
//!
//! Turn on Block Public Access for the account (and the bucket), remove public ACL grants
//! and public policy statements, and serve public content through CloudFront with origin
//! access control.
//!
//! `aws s3control put-public-access-block --account-id <account>
//! --public-access-block-configuration BlockPublicAcls=true,IgnorePublicAcls=true,BlockPublicPolicy=true,RestrictPublicBuckets=true`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/acl-overview.html

use kestrel_model::{Finding, Severity};

use crate::s3::{fetched, run_public_bucket_check};
use crate::util::policy;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "s3_bucket_public_access",
        title: "S3 bucket is not publicly accessible",
        service: "s3",
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
            kestrel_model::s3::GET_ACCOUNT_PUBLIC_ACCESS_BLOCK,
            kestrel_model::s3::LIST_ALL_MY_BUCKETS,
            kestrel_model::s3::GET_BUCKET_PUBLIC_ACCESS_BLOCK,
            kestrel_model::s3::GET_BUCKET_ACL,
            kestrel_model::s3::GET_BUCKET_POLICY,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_public_bucket_check(
        scan,
        emit,
        CHECK.meta.id,
        &|b| {
            let grants = fetched(&b.acl_grants)?;
            let pol = fetched(&b.policy)?;
            // The policy is read after the ACL and decides the text when both are public.
            if pol.as_ref().is_some_and(policy::is_public) {
                return Ok(Some(format!(
                    "S3 Bucket {} has public access due to bucket policy.",
                    b.name
                )));
            }
            Ok(grants
                .iter()
                .any(|g| g.is_public())
                .then(|| format!("S3 Bucket {} has public access due to bucket ACL.", b.name)))
        },
        &|b| format!("S3 Bucket {} is not public.", b.name),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::s3::tests::{bucket, with_buckets};
    use crate::testkit::{run, statuses};
    use kestrel_model::{
        s3::AclGrant, s3::Bucket, s3::PublicAccessBlock, ApiError, Fetched, Status,
    };
    use serde_json::json;

    const ALL_USERS: &str = "http://acs.amazonaws.com/groups/global/AllUsers";

    fn grant(uri: &str, permission: &str) -> AclGrant {
        AclGrant {
            grantee_type: "Group".into(),
            uri: Some(uri.into()),
            permission: permission.into(),
        }
    }

    fn b(
        grants: Vec<AclGrant>,
        policy: Option<serde_json::Value>,
        block: Option<PublicAccessBlock>,
    ) -> Bucket {
        Bucket {
            acl_grants: Fetched::Ok(grants),
            policy: Fetched::Ok(policy),
            public_access_block: Fetched::Ok(block),
            ..bucket("b")
        }
    }

    fn check(bucket: Bucket, account: Option<PublicAccessBlock>) -> Vec<Finding> {
        let mut s = with_buckets(vec![bucket]);
        s.s3.account_public_access_block = Fetched::Ok(account);
        run(&CHECK, &s)
    }

    const BLOCKED: PublicAccessBlock = PublicAccessBlock {
        block_public_acls: false,
        ignore_public_acls: true,
        block_public_policy: false,
        restrict_public_buckets: true,
    };

    #[test]
    fn fail_on_public_acl_or_policy() {
        let f = check(b(vec![grant(ALL_USERS, "READ")], None, None), None);
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "S3 Bucket b has public access due to bucket ACL."
        );
        let open = json!({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]});
        let f = check(b(vec![], Some(open), None), None);
        assert_eq!(
            f[0].status_extended,
            "S3 Bucket b has public access due to bucket policy."
        );
    }

    #[test]
    fn pass_when_blocked_at_either_level_or_private() {
        let public = b(vec![grant(ALL_USERS, "READ")], None, Some(BLOCKED));
        assert_eq!(statuses(&check(public, None)), [Status::Pass]);
        let f = check(b(vec![grant(ALL_USERS, "READ")], None, None), Some(BLOCKED));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "All S3 public access blocked at account level."
        );
        assert_eq!(f[0].resource_id, "123456789012");
        let f = check(
            b(
                vec![grant(
                    "http://acs.amazonaws.com/groups/s3/LogDelivery",
                    "WRITE",
                )],
                None,
                None,
            ),
            None,
        );
        assert_eq!(f[0].status_extended, "S3 Bucket b is not public.");
    }

    #[test]
    fn error_when_the_acl_cannot_be_read() {
        let mut x = b(vec![], None, None);
        x.acl_grants = Fetched::Error(ApiError::new("s3:GetBucketAcl", "AccessDenied", ""));
        assert_eq!(statuses(&check(x, None)), [Status::Error]);
    }
}
