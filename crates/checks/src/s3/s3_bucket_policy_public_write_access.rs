//! # s3_bucket_policy_public_write_access
//!
//! ## Description
//!
//! Checks that S3 bucket policies do not grant write or delete actions (s3:PutObject,
//! s3:DeleteObject, s3:Put*, s3:Delete*, s3:*, *) to everyone, unless Block Public Access
//! RestrictPublicBuckets neutralizes them.
//!
//! CIS 2.21. A condition tying the statement to an account, organization or network makes
//! it non-public. RestrictPublicBuckets counts at the account or the bucket level, as in
//! Prowler.
//!
//! ## Risk
//!
//! A bucket anyone can write to can be used to host malware or illegal content, and its
//! data can be overwritten or deleted by anyone.
//!
//! ## Remediation
//!
//! Remove public principals from write statements of the bucket policy (or restrict them
//! with conditions) and enable S3 Block Public Access.
//!
//! `aws s3api put-bucket-policy --bucket <bucket> --policy file://policy.json` with the
//! public write statements removed, or `aws s3api delete-bucket-policy --bucket <bucket>`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-bucket-policies.html
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html

use kestrel_model::{Finding, Severity, Status};
use serde_json::Value;

use crate::util::{collected, policy};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "s3_bucket_policy_public_write_access",
        title: "S3 bucket policy does not allow public write access",
        service: "s3",
        subservice: "",
        severity: Severity::Critical,
        resource_type: "AwsS3Bucket",
        categories: &["internet-exposed"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Effects/Data Exposure",
        ],
        needs: &[
            kestrel_model::s3::LIST_ALL_MY_BUCKETS,
            kestrel_model::s3::GET_BUCKET_POLICY,
            kestrel_model::s3::GET_ACCOUNT_PUBLIC_ACCESS_BLOCK,
            kestrel_model::s3::GET_BUCKET_PUBLIC_ACCESS_BLOCK,
        ],
    },
    run,
};

/// The write actions Prowler looks for (plus the `*` wildcard).
const WRITE_ACTIONS: [&str; 6] = [
    "s3:PutObject",
    "s3:DeleteObject",
    "s3:*",
    "s3:Put*",
    "s3:Delete*",
    "*",
];

/// Whether the statement's `Action` names one of the write actions (as written, not
/// expanded: `s3:PutObj*` does not count, as in Prowler).
fn names_write_action(stmt: &Value) -> bool {
    policy::strings(stmt.get("Action"))
        .iter()
        .any(|a| WRITE_ACTIONS.iter().any(|w| w.eq_ignore_ascii_case(a)))
}

fn allows_public_write(doc: &Value) -> bool {
    policy::statements(doc).into_iter().any(|s| {
        policy::is_allow(s)
            && policy::principal_is_public(s)
            && names_write_action(s)
            && !policy::has_restrictive_condition(s)
    })
}

fn is_empty_policy(doc: &Value) -> bool {
    match doc {
        Value::Null => true,
        Value::Object(m) => m.is_empty(),
        _ => false,
    }
}

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
        let Some(pol) = collected(&b.policy, id, &b.region, &b.name, &b.arn, emit) else {
            continue;
        };
        let doc = match pol {
            Some(doc) if !is_empty_policy(doc) => doc,
            _ => {
                emit(
                    Finding::new(
                        id,
                        Status::Pass,
                        &b.region,
                        &b.name,
                        &b.arn,
                        format!("S3 Bucket {} does not have a bucket policy.", b.name),
                    )
                    .with_tags(&b.tags),
                );
                continue;
            }
        };
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
        let (status, text) = if account_block.is_some_and(|p| p.restrict_public_buckets) {
            (
                Status::Pass,
                "All S3 public access blocked at account level.".to_string(),
            )
        } else {
            let Some(bucket_block) =
                collected(&b.public_access_block, id, &b.region, &b.name, &b.arn, emit)
            else {
                continue;
            };
            if bucket_block.is_some_and(|p| p.restrict_public_buckets) {
                (
                    Status::Pass,
                    format!("S3 public access blocked at bucket level for {}.", b.name),
                )
            } else if allows_public_write(doc) {
                (
                    Status::Fail,
                    format!(
                        "S3 Bucket {} allows public write access in the bucket policy.",
                        b.name
                    ),
                )
            } else {
                (
                    Status::Pass,
                    format!(
                        "S3 Bucket {} does not allow public write access in the bucket policy.",
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
    use serde_json::json;

    fn restrict(on: bool) -> Fetched<Option<PublicAccessBlock>> {
        Fetched::Ok(Some(PublicAccessBlock {
            restrict_public_buckets: on,
            ..Default::default()
        }))
    }

    fn snap(policy: Option<Value>) -> Snapshot {
        let mut s = snapshot();
        s.s3.account_public_access_block = Fetched::Ok(None);
        s.s3.buckets = Fetched::Ok(vec![Bucket {
            name: "b".into(),
            arn: "arn:aws:s3:::b".into(),
            region: "us-east-1".into(),
            policy: Fetched::Ok(policy),
            public_access_block: Fetched::Ok(None),
            ..Default::default()
        }]);
        s
    }

    fn public_put() -> Value {
        json!({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": ["s3:GetObject", "s3:PutObject"],
            "Resource": "arn:aws:s3:::b/*"}]})
    }

    fn bucket(s: &mut Snapshot) -> &mut Bucket {
        match &mut s.s3.buckets {
            Fetched::Ok(v) => &mut v[0],
            _ => unreachable!(),
        }
    }

    #[test]
    fn fail_on_public_write() {
        let f = run(&CHECK, &snap(Some(public_put())));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "S3 Bucket b allows public write access in the bucket policy."
        );
        let star = json!({"Statement": {"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "*", "Resource": "*"}});
        assert_eq!(statuses(&run(&CHECK, &snap(Some(star)))), [Status::Fail]);
    }

    #[test]
    fn pass_without_policy_or_without_public_write() {
        assert_eq!(statuses(&run(&CHECK, &snap(None))), [Status::Pass]);
        let read = json!({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]});
        assert_eq!(statuses(&run(&CHECK, &snap(Some(read)))), [Status::Pass]);
        let account = json!({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
            "Action": "s3:PutObject", "Resource": "arn:aws:s3:::b/*"}]});
        assert_eq!(statuses(&run(&CHECK, &snap(Some(account)))), [Status::Pass]);
        let conditioned = json!({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:PutObject",
            "Resource": "arn:aws:s3:::b/*", "Condition": {"StringEquals": {"aws:SourceVpce": "vpce-1"}}}]});
        assert_eq!(
            statuses(&run(&CHECK, &snap(Some(conditioned)))),
            [Status::Pass]
        );
    }

    #[test]
    fn block_public_access_neutralizes_the_policy() {
        let mut s = snap(Some(public_put()));
        s.s3.account_public_access_block = restrict(true);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass]);
        assert!(f[0].status_extended.contains("account level"));

        let mut s = snap(Some(public_put()));
        bucket(&mut s).public_access_block = restrict(true);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass]);
        assert!(f[0].status_extended.contains("bucket level"));

        let mut s = snap(Some(public_put()));
        s.s3.account_public_access_block = restrict(false);
        bucket(&mut s).public_access_block = restrict(false);
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Fail]);
    }

    #[test]
    fn error_when_policy_or_blocks_unknown() {
        let denied = |op: &str| ApiError::new(op, "AccessDenied", "");
        let mut s = snap(None);
        bucket(&mut s).policy = Fetched::Error(denied("s3:GetBucketPolicy"));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);

        let mut s = snap(Some(public_put()));
        s.s3.account_public_access_block = Fetched::Error(denied("s3:GetAccountPublicAccessBlock"));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);

        let mut s = snap(Some(public_put()));
        bucket(&mut s).public_access_block =
            Fetched::Error(denied("s3:GetBucketPublicAccessBlock"));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
