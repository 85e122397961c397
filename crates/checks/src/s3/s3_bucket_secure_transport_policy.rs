//! # s3_bucket_secure_transport_policy
//!
//! ## Description
//!
//! Checks that the S3 bucket policy denies any request that is not made over HTTPS
//! (aws:SecureTransport false).
//!
//! CIS 3.1.1. The bucket passes when one Deny statement covers both reading and writing
//! objects (`s3:GetObject` and `s3:PutObject`, through `s3:*`, `*` or wildcards), applies
//! to every principal, and has the condition `Bool` `aws:SecureTransport` `false`.
//!
//! Stricter than Prowler 5.46, deliberately: Prowler passes a Deny that names
//! `s3:PutObject` alone, or one that names a single principal, yet such a bucket still
//! serves its objects over plain HTTP (to everyone, or to every other principal), which is
//! exactly what the check is about. A bucket with those policies is FAIL here and PASS in
//! Prowler (README, "Where kestrel's verdicts differ from Prowler's").
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
    for b in crate::s3::audited(scan, buckets) {
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

    fn deny_http(principal: Value, action: Value) -> Value {
        json!({"Statement": [{"Effect": "Deny", "Principal": principal, "Action": action,
            "Resource": "arn:aws:s3:::b/*", "Condition": {"Bool": {"aws:SecureTransport": "false"}}}]})
    }

    #[test]
    fn pass_with_get_and_put_named_or_wildcarded_for_everyone() {
        for action in [
            json!("*"),
            json!(["s3:GetObject", "s3:PutObject"]),
            json!("s3:*Object"),
        ] {
            assert_eq!(
                check(Some(deny_http(json!("*"), action.clone()))),
                [Status::Pass],
                "{action}"
            );
        }
        // `arn:aws:iam::*:root` is everyone too.
        let doc = deny_http(json!({"AWS": "arn:aws:iam::*:root"}), json!("s3:*"));
        assert_eq!(check(Some(doc)), [Status::Pass]);
    }

    #[test]
    fn fail_where_prowler_passes_reads_over_http_still_allowed() {
        // Prowler 5.46 passes both: only uploads are denied, or only one principal is.
        assert_eq!(
            check(Some(deny_http(json!("*"), json!("s3:PutObject")))),
            [Status::Fail]
        );
        let one = deny_http(
            json!({"AWS": "arn:aws:iam::111122223333:role/app"}),
            json!("s3:*"),
        );
        assert_eq!(check(Some(one)), [Status::Fail]);
    }

    #[test]
    fn fail_when_the_condition_is_not_insecure_transport() {
        let doc = json!({"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*",
            "Resource": "arn:aws:s3:::b/*", "Condition": {"Bool": {"aws:SecureTransport": "true"}}}]});
        assert_eq!(check(Some(doc)), [Status::Fail]);
        let doc = json!({"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "s3:*", "Resource": "arn:aws:s3:::b/*"}]});
        assert_eq!(check(Some(doc)), [Status::Fail]);
    }

    #[test]
    fn buckets_outside_the_scanned_regions_are_not_audited() {
        let mut s = snapshot();
        let mut far = bucket(None);
        far.region = "ap-south-1".into();
        far.policy = Fetched::NotCollected; // not even asked
        s.s3.buckets = Fetched::Ok(vec![far, bucket(None)]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].region, "us-east-1");
    }

    #[test]
    fn fail_without_policy_or_without_the_deny() {
        assert_eq!(check(None), [Status::Fail]);
        let doc = json!({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*"}]});
        assert_eq!(check(Some(doc)), [Status::Fail]);
    }
}
