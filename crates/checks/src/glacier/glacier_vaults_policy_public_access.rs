//! # glacier_vaults_policy_public_access
//!
//! ## Description
//!
//! Checks that S3 Glacier vault access policies do not contain Allow statements whose
//! principal is everyone ("*").
//!
//! CIS 2.21. As in Prowler, conditions are ignored: any Allow for everyone fails, however
//! it is restricted. A vault without an access policy passes.
//!
//! ## Risk
//!
//! A vault open to everyone lets anyone list, retrieve or delete archives, exposing or
//! destroying long-term data and running up retrieval costs.
//!
//! ## Remediation
//!
//! Delete the vault access policy or restrict it to specific accounts and roles with the
//! actions they need; consider Vault Lock for immutable retention.
//!
//! `aws glacier delete-vault-access-policy --account-id - --vault-name <vault>`, or `aws
//! glacier set-vault-access-policy` with the rewritten policy.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/amazonglacier/latest/dev/vault-access-policy.html
//! - https://docs.aws.amazon.com/amazonglacier/latest/dev/access-control-overview.html

use kestrel_model::{Finding, Severity, Status};
use serde_json::Value;

use crate::util::{collected, policy};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "glacier_vaults_policy_public_access",
        title: "S3 Glacier vault has no policy or its policy does not allow access to everyone",
        service: "glacier",
        subservice: "",
        severity: Severity::Critical,
        resource_type: "Other",
        categories: &["internet-exposed"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Effects/Data Exposure",
            "TTPs/Initial Access/Unauthorized Access",
        ],
        needs: &[
            kestrel_model::glacier::LIST_VAULTS,
            kestrel_model::glacier::GET_VAULT_ACCESS_POLICY,
        ],
    },
    run,
};

fn is_empty_policy(doc: &Value) -> bool {
    match doc {
        Value::Null => true,
        Value::Object(m) => m.is_empty(),
        _ => false,
    }
}

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(vaults) = collected(&r.glacier.vaults, id, region, scan.account_id(), "", emit)
        else {
            continue;
        };
        for v in vaults {
            let Some(pol) = collected(&v.policy, id, region, &v.name, &v.arn, emit) else {
                continue;
            };
            let (status, text) = match pol {
                Some(doc) if !is_empty_policy(doc) => {
                    let public = policy::statements(doc)
                        .into_iter()
                        .any(|s| policy::is_allow(s) && policy::principal_is_public(s));
                    if public {
                        (
                            Status::Fail,
                            format!(
                                "Vault {} has policy which allows access to everyone.",
                                v.name
                            ),
                        )
                    } else {
                        (
                            Status::Pass,
                            format!(
                                "Vault {} has policy which does not allow access to everyone.",
                                v.name
                            ),
                        )
                    }
                }
                _ => (
                    Status::Pass,
                    format!("Vault {} does not have a policy.", v.name),
                ),
            };
            emit(Finding::new(id, status, region, &v.name, &v.arn, text).with_tags(&v.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ApiError, Fetched, ResourceWithPolicy};
    use serde_json::json;

    fn check(policy: Fetched<Option<Value>>) -> Vec<Finding> {
        let mut s = snapshot();
        region(&mut s).glacier.vaults = Fetched::Ok(vec![ResourceWithPolicy {
            name: "archive".into(),
            arn: "arn:aws:glacier:us-east-1:123456789012:vaults/archive".into(),
            policy,
            ..Default::default()
        }]);
        run(&CHECK, &s)
    }

    fn one(principal: Value, condition: Option<Value>) -> Fetched<Option<Value>> {
        let mut s = json!({"Effect": "Allow", "Principal": principal, "Action": "glacier:*",
            "Resource": "arn:aws:glacier:us-east-1:123456789012:vaults/archive"});
        if let Some(c) = condition {
            s["Condition"] = c;
        }
        Fetched::Ok(Some(json!({"Statement": [s]})))
    }

    #[test]
    fn fail_when_everyone_is_allowed_even_with_conditions() {
        let f = check(one(json!("*"), None));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].resource_id, "archive");
        assert_eq!(
            f[0].status_extended,
            "Vault archive has policy which allows access to everyone."
        );
        assert_eq!(
            statuses(&check(one(
                json!({"AWS": ["*"]}),
                Some(json!({"StringEquals": {"aws:SourceAccount": "123456789012"}}))
            ))),
            [Status::Fail]
        );
    }

    #[test]
    fn pass_without_policy_or_public_principal() {
        let f = check(Fetched::Ok(None));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "Vault archive does not have a policy."
        );
        let f = check(one(json!({"AWS": "arn:aws:iam::123456789012:root"}), None));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert!(f[0]
            .status_extended
            .contains("does not allow access to everyone"));
        let deny = Fetched::Ok(Some(
            json!({"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "glacier:DeleteArchive"}]}),
        ));
        assert_eq!(statuses(&check(deny)), [Status::Pass]);
    }

    #[test]
    fn error_when_policy_denied() {
        let f = check(Fetched::Error(ApiError::new(
            "glacier:GetVaultAccessPolicy",
            "AccessDeniedException",
            "",
        )));
        assert_eq!(statuses(&f), [Status::Error]);
    }
}
