//! # iam_customer_attached_policy_no_administrative_privileges
//!
//! ## Description
//!
//! Checks every attached customer-managed policy's default version for an Allow statement
//! granting all actions ("*") on all resources ("*").
//!
//! CIS 2.14. Each customer-managed policy attached to at least one user, group or role is
//! one finding.
//!
//! ## Risk
//!
//! A customer-managed policy granting '*:*' gives its users, groups and roles unrestricted
//! control of the account, so any compromise of those identities compromises everything.
//!
//! Such a policy is as powerful as AdministratorAccess but, under its own name, easier to
//! overlook in reviews.
//!
//! ## Remediation
//!
//! Replace '*:*' statements in customer-managed policies with the specific actions and
//! resources required, or detach the policy from its users, groups and roles.
//!
//! `aws iam create-policy-version --policy-arn <arn> --policy-document file://policy.json
//! --set-as-default` publishes the narrowed policy.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#customer-managed-policies

use kestrel_model::{Finding, Severity};

use crate::iam::attached_policy_admin;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam_customer_attached_policy_no_administrative_privileges",
        title: "Attached IAM customer-managed policy does not allow '*:*' administrative privileges",
        service: "iam",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsIamPolicy",
        categories: &["identity-access"],
        check_type: &["Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark"],
        needs: &[
            kestrel_model::iam::LIST_POLICIES,
            kestrel_model::iam::GET_POLICY_VERSION,
            kestrel_model::iam::LIST_POLICY_TAGS,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    attached_policy_admin(scan, CHECK.meta.id, "Local", emit);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{run, snapshot, statuses};
    use kestrel_model::{iam::Policy, Fetched, Status};
    use serde_json::json;

    fn policy(name: &str, scope: &str, attached: i64, action: &str) -> Policy {
        Policy {
            name: name.into(),
            arn: format!("arn:aws:iam::123456789012:policy/{name}"),
            scope: scope.into(),
            attachment_count: attached,
            document: Fetched::Ok(
                json!({"Statement": [{"Effect": "Allow", "Action": action, "Resource": "*"}]}),
            ),
            tags: [("owner".to_string(), "sec".to_string())].into(),
            ..Default::default()
        }
    }

    #[test]
    fn attached_customer_policies_only() {
        let mut s = snapshot();
        s.iam.policies = Fetched::Ok(vec![
            policy("Admin", "Local", 1, "*:*"),
            policy("Narrow", "Local", 3, "ec2:Describe*"),
            policy("Unattached", "Local", 0, "*"),
            policy("AdministratorAccess", "AWS", 1, "*"),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Fail, Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "Custom policy Admin is attached and allows '*:*' administrative privileges."
        );
        assert_eq!(
            f[0].resource_tags.get("owner").map(String::as_str),
            Some("sec")
        );
    }

    #[test]
    fn error_when_policies_not_listed() {
        assert_eq!(statuses(&run(&CHECK, &snapshot())), [Status::Error]);
    }
}
