//! # iam_administrator_access_with_mfa
//!
//! ## Description
//!
//! Checks that every member of an IAM group with the AdministratorAccess managed policy
//! attached has MFA active.
//!
//! One finding per group, as in Prowler: a group without that policy passes; MFA comes
//! from the credential report's mfa_active column, and the FAIL names the last member
//! without it.
//!
//! ## Risk
//!
//! An administrator protected by a password alone hands full control of the account to
//! anyone who phishes, guesses or reuses that password.
//!
//! ## Remediation
//!
//! Enable MFA for every member of administrator groups (preferably a hardware or FIDO
//! device), or remove them from the group; enforce it with a policy that denies actions
//! without aws:MultiFactorAuthPresent.
//!
//! `aws iam remove-user-from-group --group-name <group> --user-name <user>` until the
//! user has registered an MFA device.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_examples_aws_my-sec-creds-self-manage.html

use kestrel_model::{Finding, Severity, Status};

use crate::iam::{col, credential_report};
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam_administrator_access_with_mfa",
        title: "IAM group members granted AdministratorAccess have MFA enabled",
        service: "iam",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsIamGroup",
        categories: &["identity-access"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
            "TTPs/Initial Access",
            "TTPs/Credential Access",
        ],
        needs: &[
            kestrel_model::iam::LIST_GROUPS,
            kestrel_model::iam::LIST_ATTACHED_GROUP_POLICIES,
            kestrel_model::iam::GET_GROUP,
            kestrel_model::iam::GENERATE_CREDENTIAL_REPORT,
            kestrel_model::iam::GET_CREDENTIAL_REPORT,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let region = scan.global_region();
    let iam = &scan.snapshot.iam;
    let Some(groups) = collected(&iam.groups, id, region, scan.account_id(), "", emit) else {
        return;
    };
    let admin = format!(
        "arn:{}:iam::aws:policy/AdministratorAccess",
        scan.partition()
    );
    let mut report = None;
    for g in groups {
        let Some(attached) = collected(&g.attached_policies, id, region, &g.name, &g.arn, emit)
        else {
            continue;
        };
        let text = |t: &str| format!("Group {} {t}", g.name);
        let (status, text) = if attached.is_empty() {
            (Status::Pass, text("has no policies."))
        } else if !attached.iter().any(|p| p.arn == admin) {
            (Status::Pass, text("provides non-administrative access."))
        } else {
            let Some(members) = collected(&g.users, id, region, &g.name, &g.arn, emit) else {
                continue;
            };
            if members.is_empty() {
                (
                    Status::Pass,
                    text("provides administrative access but does not have users."),
                )
            } else {
                if report.is_none() {
                    report = Some(credential_report(scan, id, emit));
                }
                let Some(Some(rows)) = report else {
                    continue;
                };
                let without_mfa = members.iter().rev().find(|m| {
                    rows.iter()
                        .any(|r| col(r, "user") == m.as_str() && col(r, "mfa_active") == "false")
                });
                match without_mfa {
                    Some(user) => (
                        Status::Fail,
                        text(&format!(
                            "provides administrator access to User {user} with MFA disabled."
                        )),
                    ),
                    // Prowler keeps the text of the step before when every member has MFA.
                    None => (Status::Pass, text("provides non-administrative access.")),
                }
            }
        };
        emit(Finding::new(id, status, region, &g.name, &g.arn, text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{run, snapshot, statuses};
    use kestrel_model::iam::{AttachedPolicy, Group};
    use kestrel_model::{ApiError, Fetched, Snapshot};

    fn group(name: &str, policies: &[&str], users: &[&str]) -> Group {
        Group {
            name: name.into(),
            arn: format!("arn:aws:iam::123456789012:group/{name}"),
            attached_policies: Fetched::Ok(
                policies
                    .iter()
                    .map(|p| AttachedPolicy {
                        name: p.to_string(),
                        arn: format!("arn:aws:iam::aws:policy/{p}"),
                    })
                    .collect(),
            ),
            users: Fetched::Ok(users.iter().map(|u| u.to_string()).collect()),
        }
    }

    fn snap(groups: Vec<Group>) -> Snapshot {
        let mut s = snapshot();
        s.iam.groups = Fetched::Ok(groups);
        let row = |user: &str, mfa: &str| {
            [("user", user), ("mfa_active", mfa)]
                .into_iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        s.iam.credential_report = Fetched::Ok(vec![
            row("alice", "true"),
            row("bob", "false"),
            row("carol", "false"),
        ]);
        s
    }

    #[test]
    fn admin_groups_need_mfa_for_every_member() {
        let f = run(
            &CHECK,
            &snap(vec![
                group("empty", &[], &[]),
                group("readers", &["ReadOnlyAccess"], &["bob"]),
                group("admins-ok", &["AdministratorAccess"], &["alice"]),
                group(
                    "admins-bad",
                    &["AdministratorAccess"],
                    &["alice", "bob", "carol"],
                ),
                group("admins-nobody", &["AdministratorAccess"], &[]),
            ]),
        );
        assert_eq!(
            statuses(&f),
            [
                Status::Pass,
                Status::Pass,
                Status::Pass,
                Status::Fail,
                Status::Pass
            ]
        );
        assert_eq!(f[0].status_extended, "Group empty has no policies.");
        assert_eq!(
            f[3].status_extended,
            "Group admins-bad provides administrator access to User carol with MFA disabled."
        );
        assert_eq!(
            f[4].status_extended,
            "Group admins-nobody provides administrative access but does not have users."
        );
    }

    #[test]
    fn errors_when_policies_members_or_report_are_missing() {
        let denied = |op: &str| ApiError::new(op, "AccessDenied", "");
        let mut g = group("g", &["AdministratorAccess"], &["bob"]);
        g.attached_policies = Fetched::Error(denied("iam:ListAttachedGroupPolicies"));
        let mut m = group("m", &["AdministratorAccess"], &["bob"]);
        m.users = Fetched::Error(denied("iam:GetGroup"));
        let mut s = snap(vec![g, m, group("r", &["AdministratorAccess"], &["bob"])]);
        s.iam.credential_report = Fetched::Error(denied("iam:GetCredentialReport"));
        assert_eq!(
            statuses(&run(&CHECK, &s)),
            [Status::Error, Status::Error, Status::Error]
        );
    }
}
