//! # secretsmanager_not_publicly_accessible
//!
//! ## Description
//!
//! Checks that Secrets Manager secret resource policies do not grant access to everyone
//! (Principal "*") without a condition restricting the caller's account, organization,
//! source or network.
//!
//! CIS 2.21. As in Prowler, only secrets that have a resource policy are reported.
//!
//! ## Risk
//!
//! A publicly accessible secret exposes the credentials, keys or tokens it stores to
//! anyone, who can then use them against the systems they protect.
//!
//! ## Remediation
//!
//! Remove public statements from the secret's resource policy and grant access only to
//! specific principals; turn on Block Public Policy validation when putting policies.
//!
//! `aws secretsmanager delete-resource-policy --secret-id <secret>`, or `aws secretsmanager
//! put-resource-policy --secret-id <secret> --resource-policy file://policy.json
//! --block-public-policy`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_resource-policies.html
//! - https://docs.aws.amazon.com/secretsmanager/latest/userguide/determine-acccess_examine-iam-policies.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::{collected, policy};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "secretsmanager_not_publicly_accessible",
        title: "Secrets Manager secret resource policy does not allow public access",
        service: "secretsmanager",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsSecretsManagerSecret",
        categories: &["internet-exposed", "secrets"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices"],
        needs: &[
            kestrel_model::secretsmanager::LIST_SECRETS,
            kestrel_model::secretsmanager::GET_RESOURCE_POLICY,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(secrets) = collected(
            &r.secretsmanager.secrets,
            id,
            region,
            scan.account_id(),
            "",
            emit,
        ) else {
            continue;
        };
        for s in secrets {
            let Some(pol) = collected(&s.policy, id, region, &s.name, &s.arn, emit) else {
                continue;
            };
            // Prowler skips secrets without a resource policy.
            let Some(doc) = pol else {
                continue;
            };
            let (status, text) = if policy::is_public(doc) {
                (
                    Status::Fail,
                    format!(
                        "SecretsManager secret {} is publicly accessible due to its resource policy.",
                        s.name
                    ),
                )
            } else {
                (
                    Status::Pass,
                    format!(
                        "SecretsManager secret {} is not publicly accessible.",
                        s.name
                    ),
                )
            };
            emit(Finding::new(id, status, region, &s.name, &s.arn, text).with_tags(&s.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ApiError, Fetched, ResourceWithPolicy};
    use serde_json::{json, Value};

    fn check(policy: Fetched<Option<Value>>) -> Vec<Finding> {
        let mut s = snapshot();
        region(&mut s).secretsmanager.secrets = Fetched::Ok(vec![ResourceWithPolicy {
            name: "db-password".into(),
            arn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:db-password-AbCdEf".into(),
            policy,
            ..Default::default()
        }]);
        run(&CHECK, &s)
    }

    fn one(principal: Value, condition: Option<Value>) -> Fetched<Option<Value>> {
        let mut s = json!({"Effect": "Allow", "Principal": principal, "Action": "secretsmanager:GetSecretValue",
            "Resource": "*"});
        if let Some(c) = condition {
            s["Condition"] = c;
        }
        Fetched::Ok(Some(json!({"Version": "2012-10-17", "Statement": [s]})))
    }

    #[test]
    fn fail_when_public() {
        let f = check(one(json!({"AWS": "*"}), None));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "SecretsManager secret db-password is publicly accessible due to its resource policy."
        );
        assert_eq!(f[0].resource_id, "db-password");
    }

    #[test]
    fn pass_when_restricted() {
        assert_eq!(
            statuses(&check(one(
                json!({"AWS": "arn:aws:iam::123456789012:role/app"}),
                None
            ))),
            [Status::Pass]
        );
        assert_eq!(
            statuses(&check(one(
                json!("*"),
                Some(json!({"StringEquals": {"aws:PrincipalAccount": "123456789012"}}))
            ))),
            [Status::Pass]
        );
    }

    #[test]
    fn secrets_without_policy_are_not_reported() {
        assert!(check(Fetched::Ok(None)).is_empty());
    }

    #[test]
    fn error_when_policy_denied() {
        let f = check(Fetched::Error(ApiError::new(
            "secretsmanager:GetResourcePolicy",
            "AccessDeniedException",
            "",
        )));
        assert_eq!(statuses(&f), [Status::Error]);
    }
}
