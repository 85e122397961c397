//! # iam_policy_cloudshell_admin_not_attached
//!
//! ## Description
//!
//! Checks whether the AWS-managed AWSCloudShellFullAccess policy is attached to any IAM
//! user, group or role.
//!
//! CIS 2.20. Attachments are listed with ListEntitiesForPolicy.
//!
//! ## Risk
//!
//! AWSCloudShellFullAccess grants unrestricted CloudShell use, including file
//! upload/download and internet access from the shell, which can be abused to exfiltrate
//! data or bring in tooling.
//!
//! ## Remediation
//!
//! Detach AWSCloudShellFullAccess from all users, groups and roles and grant a
//! least-privilege CloudShell policy (for example denying cloudshell:GetFileDownloadUrls
//! and cloudshell:GetFileUploadUrls) where CloudShell is needed.
//!
//! `aws iam detach-user-policy`, `detach-group-policy` or `detach-role-policy` with
//! `--policy-arn arn:aws:iam::aws:policy/AWSCloudShellFullAccess`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_manage-attach-detach.html
//! - https://docs.aws.amazon.com/cloudshell/latest/userguide/sec-auth-with-identities.html

use kestrel_model::{Finding, Severity, Status};

use crate::iam::attached_entities;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam_policy_cloudshell_admin_not_attached",
        title: "No IAM users, groups, or roles have the AWSCloudShellFullAccess policy attached",
        service: "iam",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsIamPolicy",
        categories: &["identity-access"],
        check_type: &["Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark"],
        needs: &[kestrel_model::iam::LIST_ENTITIES_FOR_POLICY],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let Some((arn, entities)) = attached_entities(scan, id, "AWSCloudShellFullAccess", emit) else {
        return;
    };
    let attached: Vec<String> = [
        ("Users", &entities.users),
        ("Groups", &entities.groups),
        ("Roles", &entities.roles),
    ]
    .into_iter()
    .filter(|(_, names)| !names.is_empty())
    .map(|(kind, names)| format!("{kind}: {}", names.join(", ")))
    .collect();
    let (status, text) = if attached.is_empty() {
        (
            Status::Pass,
            "AWS CloudShellFullAccess policy is not attached to any IAM entity.".to_string(),
        )
    } else {
        (
            Status::Fail,
            format!(
                "AWS CloudShellFullAccess policy attached to IAM {}.",
                attached.join(", ")
            ),
        )
    };
    emit(Finding::new(
        id,
        status,
        scan.global_region(),
        scan.account_id(),
        &arn,
        text,
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{run, snapshot, statuses};
    use kestrel_model::{iam::PolicyEntities, Fetched};

    const ARN: &str = "arn:aws:iam::aws:policy/AWSCloudShellFullAccess";

    fn check(entities: PolicyEntities) -> Vec<Finding> {
        let mut s = snapshot();
        s.iam
            .policy_entities
            .insert(ARN.into(), Fetched::Ok(entities));
        run(&CHECK, &s)
    }

    #[test]
    fn pass_when_not_attached() {
        let f = check(PolicyEntities::default());
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(f[0].resource_arn, ARN);
    }

    #[test]
    fn fail_lists_the_entities() {
        let f = check(PolicyEntities {
            users: vec!["alice".into(), "bob".into()],
            groups: vec![],
            roles: vec!["ops".into()],
        });
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "AWS CloudShellFullAccess policy attached to IAM Users: alice, bob, Roles: ops."
        );
    }

    #[test]
    fn error_when_not_collected() {
        assert_eq!(statuses(&run(&CHECK, &snapshot())), [Status::Error]);
    }
}
