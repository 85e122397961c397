//! # ecr_repositories_tag_immutability
//!
//! ## Description
//!
//! Checks that every ECR repository keeps image tags immutable, so a pushed tag cannot be
//! moved to another image. Only a fully MUTABLE setting fails: immutability with exclusion
//! filters (either way) passes, as in Prowler.
//!
//! AWS Security Hub control ECR.2.
//!
//! ## Risk
//!
//! With mutable tags, anyone who can push can replace the image behind a tag that
//! deployments trust, such as latest or a release number.
//!
//! ## Remediation
//!
//! Set the repository's image tag mutability to IMMUTABLE (with exclusion filters for the
//! few tags that must move, if any).
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-tag-mutability.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html#ecr-2

use kestrel_model::{Finding, Severity, Status};

use super::run_repository_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ecr_repositories_tag_immutability",
        title: "ECR repository has immutable image tags",
        service: "ecr",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsEcrRepository",
        categories: &["container-security"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices", "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices"],
        needs: &[kestrel_model::ecr::DESCRIBE_REPOSITORIES],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_repository_check(scan, emit, CHECK.meta.id, |repo, _, _| {
        Some(if repo.tag_mutability == "MUTABLE" {
            (
                Status::Fail,
                format!(
                    "Repository {} does not have immutability configured.",
                    repo.name
                ),
            )
        } else {
            (
                Status::Pass,
                format!("Repository {} has immutability configured.", repo.name),
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
    fn only_fully_mutable_fails() {
        assert_eq!(statuses(&run(&CHECK, &snap(|_| {}))), [Status::Fail]);
        for m in [
            "IMMUTABLE",
            "IMMUTABLE_WITH_EXCLUSION",
            "MUTABLE_WITH_EXCLUSION",
        ] {
            let f = run(&CHECK, &snap(|r| r.tag_mutability = m.into()));
            assert_eq!(statuses(&f), [Status::Pass], "{m}");
        }
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
