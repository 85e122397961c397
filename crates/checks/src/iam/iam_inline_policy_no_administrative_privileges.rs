//! # iam_inline_policy_no_administrative_privileges
//!
//! ## Description
//!
//! Checks that no inline policy of an IAM user, group or role allows every action on
//! every resource.
//!
//! Only a statement with Action * on Resource * counts as full admin, as in Prowler;
//! service-linked roles are assessed too.
//!
//! ## Risk
//!
//! An inline admin grant is invisible in the list of managed policies, is not reused or
//! reviewed centrally, and gives its holder full control of the account.
//!
//! ## Remediation
//!
//! Remove the inline policy and grant what the entity needs through scoped managed
//! policies (AWS-managed job-function policies, or customer-managed ones).
//!
//! `aws iam delete-user-policy --user-name <user> --policy-name <policy>`
//! (`delete-group-policy`, `delete-role-policy` for groups and roles).
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege

use kestrel_model::{Finding, Severity, Status};

use crate::iam::each_inline_policy;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam_inline_policy_no_administrative_privileges",
        title: "Inline IAM policy does not allow '*:*' administrative privileges",
        service: "iam",
        subservice: "",
        severity: Severity::Critical,
        resource_type: "AwsIamPolicy",
        categories: &["identity-access"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
            "TTPs/Privilege Escalation",
        ],
        needs: &[
            kestrel_model::iam::LIST_USERS,
            kestrel_model::iam::LIST_USER_POLICIES,
            kestrel_model::iam::GET_USER_POLICY,
            kestrel_model::iam::LIST_GROUPS,
            kestrel_model::iam::LIST_GROUP_POLICIES,
            kestrel_model::iam::GET_GROUP_POLICY,
            kestrel_model::iam::LIST_ROLES,
            kestrel_model::iam::LIST_ROLE_POLICIES,
            kestrel_model::iam::GET_ROLE_POLICY,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    each_inline_policy(scan, CHECK.meta.id, emit, |name, kind, entity, doc| {
        if crate::util::policy::allows_full_admin(doc) {
            (
                Status::Fail,
                format!("Inline policy {name} attached to {kind} {entity} allows '*:*' administrative privileges."),
            )
        } else {
            (
                Status::Pass,
                format!("Inline policy {name} attached to {kind} {entity} does not allow '*:*' administrative privileges."),
            )
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{run, snapshot, statuses};
    use kestrel_model::iam::{Group, InlinePolicy, Role, User};
    use kestrel_model::{ApiError, Fetched, Snapshot};
    use serde_json::json;

    const BAD: &str = "*";

    fn inline(name: &str, action: &str) -> InlinePolicy {
        InlinePolicy {
            name: name.into(),
            document: Fetched::Ok(
                json!({"Statement": [{"Effect": "Allow", "Action": action, "Resource": "*"}]}),
            ),
        }
    }

    fn snap() -> Snapshot {
        let mut s = snapshot();
        let arn = |kind: &str, name: &str| format!("arn:aws:iam::123456789012:{kind}/{name}");
        s.iam.users = Fetched::Ok(vec![User {
            name: "alice".into(),
            arn: arn("user", "alice"),
            ..Default::default()
        }]);
        s.iam.groups = Fetched::Ok(vec![Group {
            name: "ops".into(),
            arn: arn("group", "ops"),
            ..Default::default()
        }]);
        s.iam.roles = Fetched::Ok(vec![Role {
            name: "app".into(),
            arn: arn("role", "app"),
            ..Default::default()
        }]);
        s.iam.inline_policies = [
            (
                arn("user", "alice"),
                Fetched::Ok(vec![inline("wide", BAD), inline("narrow", "s3:GetObject")]),
            ),
            (
                arn("group", "ops"),
                Fetched::Ok(vec![inline("ops-wide", BAD)]),
            ),
            (arn("role", "app"), Fetched::Ok(vec![])),
        ]
        .into_iter()
        .collect();
        s
    }

    #[test]
    fn every_entity_kind_is_assessed() {
        let f = run(&CHECK, &snap());
        let got: Vec<_> = f
            .iter()
            .map(|f| (f.resource_id.as_str(), f.status))
            .collect();
        assert_eq!(
            got,
            [
                ("alice/wide", Status::Fail),
                ("alice/narrow", Status::Pass),
                ("ops/ops-wide", Status::Fail)
            ]
        );
        assert_eq!(f[0].resource_arn, "arn:aws:iam::123456789012:user/alice");
        assert_eq!(
            f[2].status_extended,
            "Inline policy ops-wide attached to group ops allows '*:*' administrative privileges."
        );
    }

    #[test]
    fn unreadable_lists_and_documents_are_errors() {
        let mut s = snap();
        let denied = |op: &str| ApiError::new(op, "AccessDenied", "");
        s.iam.roles = Fetched::Error(denied("iam:ListRoles"));
        let alice = "arn:aws:iam::123456789012:user/alice".to_string();
        let mut doc = inline("wide", BAD);
        doc.document = Fetched::Error(denied("iam:GetUserPolicy"));
        s.iam.inline_policies.insert(alice, Fetched::Ok(vec![doc]));
        s.iam
            .inline_policies
            .remove("arn:aws:iam::123456789012:group/ops");
        assert_eq!(
            statuses(&run(&CHECK, &s)),
            [Status::Error, Status::Error, Status::Error]
        );
    }
}
