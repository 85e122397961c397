//! # ecr_repositories_scan_images_on_push_enabled
//!
//! ## Description
//!
//! Checks that every ECR repository scans images for vulnerabilities when they are pushed
//! (the repository's scan-on-push setting).
//!
//! AWS Security Hub control ECR.1. As in Prowler, only the repository's own setting counts,
//! not registry-level enhanced scanning rules.
//!
//! ## Risk
//!
//! Images with known vulnerabilities are stored and deployed without anyone being told.
//!
//! ## Remediation
//!
//! Turn on scan on push for the repository, or configure registry scanning (basic or
//! Amazon Inspector enhanced) with a rule that covers it.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonECR/latest/userguide/image-scanning.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ecr-controls.html#ecr-1

use kestrel_model::{Finding, Severity, Status};

use super::run_repository_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ecr_repositories_scan_images_on_push_enabled",
        title: "ECR repository scans images on push",
        service: "ecr",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsEcrRepository",
        categories: &["container-security"],
        check_type: &["Software and Configuration Checks/Vulnerabilities/CVE", "Software and Configuration Checks/AWS Security Best Practices", "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices"],
        needs: &[kestrel_model::ecr::DESCRIBE_REPOSITORIES],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_repository_check(scan, emit, CHECK.meta.id, |repo, _, _| {
        Some(if repo.scan_on_push {
            (
                Status::Pass,
                format!("ECR repository {} has scan on push enabled.", repo.name),
            )
        } else {
            (
                Status::Fail,
                format!("ECR repository {} has scan on push disabled.", repo.name),
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
        assert_eq!(
            statuses(&run(&CHECK, &snap(|r| r.scan_on_push = true))),
            [Status::Pass]
        );
        let f = run(&CHECK, &snap(|_| {}));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "ECR repository app has scan on push disabled."
        );
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
