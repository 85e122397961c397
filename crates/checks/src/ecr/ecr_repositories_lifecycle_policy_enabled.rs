//! # ecr_repositories_lifecycle_policy_enabled
//!
//! ## Description
//!
//! Checks that every ECR repository has a lifecycle policy, the rules that expire old or
//! untagged images.
//!
//! AWS Security Hub control ECR.3.
//!
//! ## Risk
//!
//! Without one, images pile up forever: storage costs grow and old, vulnerable images stay
//! available to be pulled and run.
//!
//! ## Remediation
//!
//! Add a lifecycle policy to the repository, for example expiring untagged images after a
//! few days and keeping only the most recent tagged ones.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonECR/latest/userguide/LifecyclePolicies.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html#ecr-3

use kestrel_model::{Finding, Severity, Status};

use super::run_repository_check;
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ecr_repositories_lifecycle_policy_enabled",
        title: "ECR repository has a lifecycle policy",
        service: "ecr",
        subservice: "",
        severity: Severity::Low,
        resource_type: "AwsEcrRepository",
        categories: &["container-security"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Effects/Resource Consumption",
        ],
        needs: &[
            kestrel_model::ecr::DESCRIBE_REPOSITORIES,
            kestrel_model::ecr::GET_LIFECYCLE_POLICY,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    run_repository_check(scan, emit, id, |repo, region, emit| {
        let has = collected(
            &repo.lifecycle_policy,
            id,
            region,
            &repo.name,
            &repo.arn,
            emit,
        )?;
        Some(if *has {
            (
                Status::Pass,
                format!(
                    "Repository {} has a lifecycle policy configured.",
                    repo.name
                ),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "Repository {} does not have a lifecycle policy configured.",
                    repo.name
                ),
            )
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ecr::tests::snap;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ApiError, Fetched};

    #[test]
    fn pass_and_fail() {
        let f = run(&CHECK, &snap(|r| r.lifecycle_policy = Fetched::Ok(true)));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(f[0].resource_id, "app");
        let f = run(&CHECK, &snap(|r| r.lifecycle_policy = Fetched::Ok(false)));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "Repository app does not have a lifecycle policy configured."
        );
    }

    #[test]
    fn error_when_the_policy_is_unreadable() {
        let f = run(
            &CHECK,
            &snap(|r| {
                r.lifecycle_policy = Fetched::Error(ApiError::new(
                    "ecr:GetLifecyclePolicy",
                    "AccessDeniedException",
                    "",
                ))
            }),
        );
        assert_eq!(statuses(&f), [Status::Error]);
    }

    #[test]
    fn error_when_the_repositories_are_unreadable() {
        let mut s = snapshot();
        region(&mut s).ecr.repositories = Fetched::Error(ApiError::new(
            "ecr:DescribeRepositories",
            "AccessDeniedException",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
