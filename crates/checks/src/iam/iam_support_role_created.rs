//! # iam_support_role_created
//!
//! ## Description
//!
//! Checks that the AWS-managed AWSSupportAccess policy is attached to at least one IAM
//! role, so authorized people can manage incidents with AWS Support.
//!
//! CIS 2.15. Roles holding the policy are listed with ListEntitiesForPolicy.
//!
//! ## Risk
//!
//! Without a dedicated support role, incident handling with AWS Support is delayed or done
//! with over-privileged credentials such as the root user or administrators.
//!
//! ## Remediation
//!
//! Create an IAM role assumable by the people who handle incidents and attach the
//! AWSSupportAccess managed policy to it.
//!
//! `aws iam attach-role-policy --role-name <role> --policy-arn
//! arn:aws:iam::aws:policy/AWSSupportAccess`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/awssupport/latest/user/accessing-support.html
//! - https://docs.aws.amazon.com/aws-managed-policy/latest/reference/AWSSupportAccess.html

use kestrel_model::{Finding, Severity, Status};

use crate::iam::attached_entities;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam_support_role_created",
        title: "At least one IAM role has the AWSSupportAccess managed policy attached",
        service: "iam",
        subservice: "",
        severity: Severity::Low,
        resource_type: "AwsIamRole",
        categories: &["identity-access"],
        check_type: &["Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark"],
        needs: &[kestrel_model::iam::LIST_ENTITIES_FOR_POLICY],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let Some((arn, entities)) = attached_entities(scan, id, "AWSSupportAccess", emit) else {
        return;
    };
    let (status, text) = match entities.roles.first() {
        Some(role) => (
            Status::Pass,
            format!("AWS Support Access policy attached to role {role}."),
        ),
        None => (
            Status::Fail,
            "AWS Support Access policy is not attached to any role.".to_string(),
        ),
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
    use kestrel_model::{iam::PolicyEntities, ApiError, Fetched};

    const ARN: &str = "arn:aws:iam::aws:policy/AWSSupportAccess";

    fn check(entities: Fetched<PolicyEntities>) -> Vec<Finding> {
        let mut s = snapshot();
        s.iam.policy_entities.insert(ARN.into(), entities);
        run(&CHECK, &s)
    }

    #[test]
    fn pass_when_a_role_has_it() {
        let f = check(Fetched::Ok(PolicyEntities {
            roles: vec!["support".into()],
            ..Default::default()
        }));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "AWS Support Access policy attached to role support."
        );
        assert_eq!(f[0].resource_arn, ARN);
    }

    #[test]
    fn fail_when_only_users_or_nobody() {
        let f = check(Fetched::Ok(PolicyEntities {
            users: vec!["alice".into()],
            ..Default::default()
        }));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            statuses(&check(Fetched::Ok(PolicyEntities::default()))),
            [Status::Fail]
        );
    }

    #[test]
    fn error_when_denied_or_missing() {
        let f = check(Fetched::Error(ApiError::new(
            "iam:ListEntitiesForPolicy",
            "AccessDenied",
            "",
        )));
        assert_eq!(statuses(&f), [Status::Error]);
        assert_eq!(statuses(&run(&CHECK, &snapshot())), [Status::Error]);
    }
}
