//! # kms_key_not_publicly_accessible
//!
//! ## Description
//!
//! Checks that the key policies of enabled customer-managed KMS keys do not allow any KMS
//! action to any principal ('*') without a restricting condition.
//!
//! CIS 2.21. Any principal means `*` or `arn:aws:iam::*:root`, and a restricting condition
//! is one on the account, organization, network or source. As in Prowler 5.46, a statement
//! granting any action to everyone counts (`kms:Decrypt` or `kms:DescribeKey` alone
//! too), not only `kms:*`.
//!
//! ## Risk
//!
//! A key policy open to every AWS principal lets anyone use the key to decrypt data, or
//! manage and schedule deletion of the key.
//!
//! ## Remediation
//!
//! Edit the key policy: replace Principal '*' with specific account or role ARNs, or add
//! conditions (kms:CallerAccount, aws:PrincipalOrgID, aws:SourceVpce) that restrict who can
//! use the key.
//!
//! `aws kms put-key-policy --key-id <key-id> --policy-name default --policy
//! file://policy.json` applies the edited policy.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-modifying.html
//! - https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html

use kestrel_model::{Finding, Severity, Status};

use crate::kms::enabled_customer_key;
use crate::util::{collected, policy};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "kms_key_not_publicly_accessible",
        title: "Cloud KMS key does not grant access to allUsers or allAuthenticatedUsers",
        service: "kms",
        subservice: "",
        severity: Severity::Critical,
        resource_type: "AwsKmsKey",
        categories: &["internet-exposed", "identity-access"],
        check_type: &["Data Protection"],
        needs: &[
            kestrel_model::kms::LIST_KEYS,
            kestrel_model::kms::DESCRIBE_KEY,
            kestrel_model::kms::GET_KEY_POLICY,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(keys) = collected(&r.kms.keys, id, region, scan.account_id(), "", emit) else {
            continue;
        };
        for k in keys.iter().filter(|k| enabled_customer_key(k)) {
            let Some(doc) = collected(&k.policy, id, region, &k.id, &k.arn, emit) else {
                continue;
            };
            let Some(doc) = doc else {
                continue;
            };
            let (status, text) = if policy::is_public(doc) {
                (
                    Status::Fail,
                    format!("KMS key {} may be publicly accessible.", k.id),
                )
            } else {
                (
                    Status::Pass,
                    format!("KMS key {} is not exposed to Public.", k.id),
                )
            };
            emit(Finding::new(id, status, region, &k.id, &k.arn, text).with_tags(&k.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{kms::KmsKey, ApiError, Fetched};
    use serde_json::{json, Value};

    fn key(state: &str, policy: Fetched<Option<Value>>) -> KmsKey {
        KmsKey {
            id: "k1".into(),
            arn: "arn:aws:kms:us-east-1:123456789012:key/k1".into(),
            manager: "CUSTOMER".into(),
            state: state.into(),
            spec: "SYMMETRIC_DEFAULT".into(),
            policy,
            ..Default::default()
        }
    }

    fn check(doc: Value) -> Vec<Status> {
        let mut s = snapshot();
        region(&mut s).kms.keys = Fetched::Ok(vec![key("Enabled", Fetched::Ok(Some(doc)))]);
        statuses(&run(&CHECK, &s))
    }

    #[test]
    fn fail_when_everyone_gets_kms_all() {
        assert_eq!(
            check(
                json!({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:*", "Resource": "*"}]})
            ),
            [Status::Fail]
        );
        assert_eq!(
            check(
                json!({"Statement": [{"Effect": "Allow", "Principal": {"AWS": ["arn:aws:iam::*:root"]}, "Action": ["*"], "Resource": "*"}]})
            ),
            [Status::Fail]
        );
    }

    #[test]
    fn fail_when_everyone_gets_one_action() {
        for action in [json!("kms:Decrypt"), json!(["kms:DescribeKey"])] {
            let doc = json!({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": action, "Resource": "*"}]});
            assert_eq!(check(doc), [Status::Fail]);
        }
    }

    #[test]
    fn pass_for_account_principal_or_condition() {
        assert_eq!(
            check(
                json!({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "kms:*", "Resource": "*"}]})
            ),
            [Status::Pass]
        );
        assert_eq!(
            check(
                json!({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "*"}, "Action": "kms:*", "Resource": "*",
                "Condition": {"StringEquals": {"kms:CallerAccount": "123456789012"}}}]})
            ),
            [Status::Pass]
        );
    }

    #[test]
    fn disabled_keys_skipped_and_denied_policy_is_error() {
        let mut s = snapshot();
        region(&mut s).kms.keys = Fetched::Ok(vec![
            key("Disabled", Fetched::NotCollected),
            key(
                "Enabled",
                Fetched::Error(ApiError::new(
                    "kms:GetKeyPolicy",
                    "AccessDeniedException",
                    "",
                )),
            ),
        ]);
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
