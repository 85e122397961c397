//! # s3_bucket_secure_transport_policy
//!
//! ## Description
//!
//! Checks that the S3 bucket policy denies any request that is not made over HTTPS
//! (aws:SecureTransport false).
//!
//! CIS 3.1.1.
//!
//! ## Risk
//!
//! Requests over HTTP expose data and credentials to interception and tampering.
//!
//! ## Remediation
//!
//! Add a bucket policy statement that denies s3:* when aws:SecureTransport is false.
//!
//! The statement: `{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource":
//! ["arn:aws:s3:::<bucket>", "arn:aws:s3:::<bucket>/*"], "Condition": {"Bool":
//! {"aws:SecureTransport": "false"}}}`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html
//! - https://aws.amazon.com/premiumsupport/knowledge-center/s3-bucket-policy-for-config-rule/

use kestrel_model::{Finding, Severity, Status};
use serde_json::Value;

use crate::util::{collected, policy};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "s3_bucket_secure_transport_policy",
        title: "S3 bucket policy denies requests over insecure transport",
        service: "s3",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsS3Bucket",
        categories: &["encryption"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices"],
        needs: &[
            kestrel_model::s3::LIST_ALL_MY_BUCKETS,
            kestrel_model::s3::GET_BUCKET_POLICY,
        ],
    },
    run,
};

/// A Deny of s3:* (or GetObject/PutObject) for every principal when SecureTransport is false.
fn denies_http(doc: &Value) -> bool {
    policy::statements(doc).into_iter().any(|s| {
        let deny = s.get("Effect").and_then(Value::as_str) == Some("Deny");
        let actions_ok = policy::statement_allows_action(s, "s3:GetObject")
            && policy::statement_allows_action(s, "s3:PutObject");
        let secure_false = s
            .get("Condition")
            .and_then(|c| c.get("Bool"))
            .and_then(|b| b.get("aws:SecureTransport"))
            .map(|v| {
                policy::strings(Some(v))
                    .iter()
                    .any(|x| x.eq_ignore_ascii_case("false"))
                    || v == &Value::Bool(false)
            })
            .unwrap_or(false);
        deny && actions_ok && secure_false && policy::principal_is_public(s)
    })
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
    for b in buckets {
        let Some(pol) = collected(&b.policy, id, &b.region, &b.name, &b.arn, emit) else {
            continue;
        };
        let (status, text) = match pol {
            None => (
                Status::Fail,
                format!(
                    "S3 Bucket {} does not have a bucket policy, thus it allows HTTP requests.",
                    b.name
                ),
            ),
            Some(doc) if denies_http(doc) => (
                Status::Pass,
                format!(
                    "S3 Bucket {} has a bucket policy to deny requests over insecure transport.",
                    b.name
                ),
            ),
            Some(_) => (
                Status::Fail,
                format!(
                    "S3 Bucket {} allows requests over insecure transport in the bucket policy.",
                    b.name
                ),
            ),
        };
        emit(Finding::new(id, status, &b.region, &b.name, &b.arn, text).with_tags(&b.tags));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{run, snapshot, statuses};
    use kestrel_model::{s3::Bucket, Fetched};
    use serde_json::json;

    fn bucket(policy: Option<Value>) -> Bucket {
        Bucket {
            name: "b".into(),
            arn: "arn:aws:s3:::b".into(),
            region: "us-east-1".into(),
            policy: Fetched::Ok(policy),
            ..Default::default()
        }
    }

    fn check(policy: Option<Value>) -> Vec<Status> {
        let mut s = snapshot();
        s.s3.buckets = Fetched::Ok(vec![bucket(policy)]);
        statuses(&run(&CHECK, &s))
    }

    #[test]
    fn pass_with_deny_on_insecure_transport() {
        let doc = json!({"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*",
            "Resource": ["arn:aws:s3:::b", "arn:aws:s3:::b/*"], "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]});
        assert_eq!(check(Some(doc)), [Status::Pass]);
    }

    #[test]
    fn fail_without_policy_or_without_the_deny() {
        assert_eq!(check(None), [Status::Fail]);
        let doc = json!({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]});
        assert_eq!(check(Some(doc)), [Status::Fail]);
    }
}
