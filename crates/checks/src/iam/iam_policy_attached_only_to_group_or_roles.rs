//! # iam_policy_attached_only_to_group_or_roles
//!
//! ## Description
//!
//! Checks IAM users for managed policies attached directly to them and for inline user
//! policies, instead of permissions inherited from groups or roles.
//!
//! CIS 2.13. Each directly attached or inline policy is one FAIL, with resource
//! `<user>/<policy>`; a user without any gets one PASS.
//!
//! ## Risk
//!
//! Permissions granted user by user are hard to review and to revoke consistently, so users
//! accumulate excessive or forgotten privileges as the account grows.
//!
//! ## Remediation
//!
//! Grant permissions through IAM groups (or roles): put users in groups carrying the needed
//! policies, then detach managed policies and delete inline policies from the users.
//!
//! `aws iam add-user-to-group`, then `aws iam detach-user-policy` and `aws iam
//! delete-user-policy` for each policy on the user.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups_manage_attach-policy.html
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam_policy_attached_only_to_group_or_roles",
        title: "IAM user has no inline or attached policies",
        service: "iam",
        subservice: "",
        severity: Severity::Low,
        resource_type: "AwsIamUser",
        categories: &["identity-access"],
        check_type: &["Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark"],
        needs: &[
            kestrel_model::iam::LIST_USERS,
            kestrel_model::iam::LIST_ATTACHED_USER_POLICIES,
            kestrel_model::iam::LIST_USER_POLICIES,
            kestrel_model::iam::LIST_USER_TAGS,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let region = scan.global_region();
    let Some(users) = collected(
        &scan.snapshot.iam.users,
        id,
        region,
        scan.account_id(),
        "",
        emit,
    ) else {
        return;
    };
    for u in users {
        let Some(attached) = collected(&u.attached_policies, id, region, &u.name, &u.arn, emit)
        else {
            continue;
        };
        let Some(inline) = collected(&u.inline_policies, id, region, &u.name, &u.arn, emit) else {
            continue;
        };
        if attached.is_empty() && inline.is_empty() {
            emit(
                Finding::new(
                    id,
                    Status::Pass,
                    region,
                    &u.name,
                    &u.arn,
                    format!("User {} has no inline or attached policies.", u.name),
                )
                .with_tags(&u.tags),
            );
            continue;
        }
        let fails = attached
            .iter()
            .map(|p| (&p.name, "policy"))
            .chain(inline.iter().map(|p| (p, "inline policy")));
        for (policy, kind) in fails {
            emit(
                Finding::new(
                    id,
                    Status::Fail,
                    region,
                    &format!("{}/{policy}", u.name),
                    &u.arn,
                    format!("User {} has the {kind} {policy} attached.", u.name),
                )
                .with_tags(&u.tags),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{run, snapshot, statuses};
    use kestrel_model::{iam::AttachedPolicy, iam::User, ApiError, Fetched};

    fn user(name: &str, attached: &[&str], inline: &[&str]) -> User {
        User {
            name: name.into(),
            arn: format!("arn:aws:iam::123456789012:user/{name}"),
            attached_policies: Fetched::Ok(
                attached
                    .iter()
                    .map(|p| AttachedPolicy {
                        name: p.to_string(),
                        arn: format!("arn:aws:iam::aws:policy/{p}"),
                    })
                    .collect(),
            ),
            inline_policies: Fetched::Ok(inline.iter().map(|p| p.to_string()).collect()),
            ..Default::default()
        }
    }

    #[test]
    fn pass_without_policies_fail_per_policy() {
        let mut s = snapshot();
        s.iam.users = Fetched::Ok(vec![
            user("clean", &[], &[]),
            user("alice", &["ReadOnlyAccess"], &["extra"]),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail, Status::Fail]);
        assert_eq!(f[1].resource_id, "alice/ReadOnlyAccess");
        assert_eq!(
            f[1].status_extended,
            "User alice has the policy ReadOnlyAccess attached."
        );
        assert_eq!(
            f[2].status_extended,
            "User alice has the inline policy extra attached."
        );
        assert_eq!(f[2].resource_arn, "arn:aws:iam::123456789012:user/alice");
    }

    #[test]
    fn error_when_a_users_policies_are_unreadable() {
        let mut s = snapshot();
        let mut u = user("alice", &[], &[]);
        u.inline_policies =
            Fetched::Error(ApiError::new("iam:ListUserPolicies", "AccessDenied", ""));
        s.iam.users = Fetched::Ok(vec![u, user("bob", &[], &[])]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Error, Status::Pass]);
        assert_eq!(f[0].resource_id, "alice");
    }
}
