//! # iam_aws_attached_policy_no_administrative_privileges
//!
//! ## Description
//!
//! Checks every attached AWS-managed policy's default version for an Allow statement
//! granting all actions ("*") on all resources ("*").
//!
//! CIS 2.14. In practice the policy found is `AdministratorAccess`. Each AWS-managed policy
//! attached to at least one user, group or role is one finding.
//!
//! ## Risk
//!
//! Principals with full administrative privileges can perform any action on any resource: a
//! compromised or careless identity can delete data, disable logging and escalate further
//! without restriction.
//!
//! ## Remediation
//!
//! Detach AWS-managed policies that grant '*:*' (such as AdministratorAccess) and grant
//! least-privilege permissions instead; keep full administrator access to a few, tightly
//! controlled roles.
//!
//! `aws iam detach-user-policy`, `detach-group-policy` or `detach-role-policy` with
//! `--policy-arn arn:aws:iam::aws:policy/AdministratorAccess`; AWS job-function policies
//! are a common replacement.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html#aws-managed-policies

use kestrel_model::{Finding, Severity};

use crate::iam::attached_policy_admin;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam_aws_attached_policy_no_administrative_privileges",
        title: "Attached AWS-managed IAM policy does not allow '*:*' administrative privileges",
        service: "iam",
        subservice: "",
        severity: Severity::Critical,
        resource_type: "AwsIamPolicy",
        categories: &["identity-access"],
        check_type: &["Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark"],
        needs: &[kestrel_model::iam::LIST_POLICIES, kestrel_model::iam::GET_POLICY_VERSION],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    attached_policy_admin(scan, CHECK.meta.id, "AWS", emit);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{run, snapshot, statuses};
    use kestrel_model::{iam::Policy, ApiError, Fetched, Status};
    use serde_json::{json, Value};

    fn policy(name: &str, scope: &str, attached: i64, doc: Fetched<Value>) -> Policy {
        let arn = if scope == "AWS" {
            format!("arn:aws:iam::aws:policy/{name}")
        } else {
            format!("arn:aws:iam::123456789012:policy/{name}")
        };
        Policy {
            name: name.into(),
            arn,
            scope: scope.into(),
            attachment_count: attached,
            default_version_id: "v1".into(),
            document: doc,
            ..Default::default()
        }
    }

    fn admin() -> Fetched<Value> {
        Fetched::Ok(
            json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]}),
        )
    }

    fn read_only() -> Fetched<Value> {
        Fetched::Ok(
            json!({"Statement": {"Effect": "Allow", "Action": ["s3:Get*"], "Resource": "*"}}),
        )
    }

    #[test]
    fn attached_aws_policies_only() {
        let mut s = snapshot();
        s.iam.policies = Fetched::Ok(vec![
            policy("AdministratorAccess", "AWS", 1, admin()),
            policy("ReadOnly", "AWS", 2, read_only()),
            policy("Unattached", "AWS", 0, admin()),
            policy("CustomAdmin", "Local", 1, admin()),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Fail, Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "AWS policy AdministratorAccess is attached and allows '*:*' administrative privileges."
        );
        assert_eq!(
            f[0].resource_arn,
            "arn:aws:iam::aws:policy/AdministratorAccess"
        );
    }

    #[test]
    fn error_when_document_unreadable() {
        let mut s = snapshot();
        s.iam.policies = Fetched::Ok(vec![policy(
            "AdministratorAccess",
            "AWS",
            1,
            Fetched::Error(ApiError::new("iam:GetPolicyVersion", "AccessDenied", "")),
        )]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Error]);
        assert_eq!(f[0].resource_id, "AdministratorAccess");
    }
}
