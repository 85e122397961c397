//! # iam_customer_unattached_policy_no_administrative_privileges
//!
//! ## Description
//!
//! Checks that no customer-managed IAM policy that is attached to nobody allows every
//! action on every resource.
//!
//! The attached ones are iam_customer_attached_policy_no_administrative_privileges's.
//! Only a statement with Action * on Resource * counts as full admin, as in Prowler.
//!
//! ## Risk
//!
//! An unused admin policy is one attachment away from granting full control of the
//! account, and attaching policies is a common privilege-escalation step.
//!
//! ## Remediation
//!
//! Delete the unused policy, or narrow its actions and resources to what a future user
//! of it needs.
//!
//! `aws iam delete-policy --policy-arn <policy-arn>` (delete its non-default versions
//! first with `aws iam delete-policy-version`).
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_manage-delete.html

use kestrel_model::{Finding, Severity, Status};

use crate::iam::each_custom_policy;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam_customer_unattached_policy_no_administrative_privileges",
        title: "Unattached customer managed IAM policy does not allow '*:*' administrative privileges",
        service: "iam",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsIamPolicy",
        categories: &["identity-access"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
            "TTPs/Privilege Escalation",
        ],
        needs: &[
            kestrel_model::iam::LIST_POLICIES,
            kestrel_model::iam::GET_POLICY_VERSION,
            kestrel_model::iam::LIST_POLICY_TAGS,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    each_custom_policy(
        scan,
        CHECK.meta.id,
        emit,
        |attached| !attached,
        |name, doc| {
            if crate::util::policy::allows_full_admin(doc) {
                (
                Status::Fail,
                format!("Custom policy {name} is unattached and allows '*:*' administrative privileges."),
            )
            } else {
                (
                Status::Pass,
                format!("Custom policy {name} is unattached and does not allow '*:*' administrative privileges."),
            )
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{run, run_with, snapshot, statuses};
    use crate::Settings;
    use kestrel_model::{iam::Policy, ApiError, Fetched, Snapshot};
    use serde_json::{json, Value};

    fn policy(name: &str, attached: i64, stmt: Value) -> Policy {
        Policy {
            name: name.into(),
            arn: format!("arn:aws:iam::123456789012:policy/{name}"),
            scope: "Local".into(),
            attachment_count: attached,
            document: Fetched::Ok(json!({"Version": "2012-10-17", "Statement": [stmt]})),
            ..Default::default()
        }
    }

    fn snap(policies: Vec<Policy>) -> Snapshot {
        let mut s = snapshot();
        s.iam.policies = Fetched::Ok(policies);
        s
    }

    #[test]
    fn only_unattached_policies_admin_fails() {
        let admin = json!({"Effect": "Allow", "Action": "*", "Resource": "*"});
        let narrow = json!({"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"});
        let f = run(
            &CHECK,
            &snap(vec![
                policy("spare-admin", 0, admin.clone()),
                policy("spare-narrow", 0, narrow),
                policy("used-admin", 2, admin),
            ]),
        );
        let got: Vec<_> = f
            .iter()
            .map(|f| (f.resource_id.as_str(), f.status))
            .collect();
        assert_eq!(
            got,
            [
                ("spare-admin", Status::Fail),
                ("spare-narrow", Status::Pass)
            ]
        );
        assert_eq!(f[0].region, "us-east-1");
    }

    #[test]
    fn unreadable_document_is_error() {
        let mut p = policy("p", 0, json!({}));
        p.document = Fetched::Error(ApiError::new("iam:GetPolicyVersion", "AccessDenied", ""));
        let all = Settings {
            scan_unused_services: true,
            ..Default::default()
        };
        assert_eq!(
            statuses(&run_with(&CHECK, &snap(vec![p.clone()]), &all)),
            [Status::Error]
        );
        let mut s = snapshot();
        s.iam.policies = Fetched::Error(ApiError::new("iam:ListPolicies", "AccessDenied", ""));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
