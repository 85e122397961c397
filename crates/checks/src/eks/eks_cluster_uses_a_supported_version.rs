//! # eks_cluster_uses_a_supported_version
//!
//! ## Description
//!
//! Checks that an EKS cluster runs Kubernetes at or above the setting
//! eks_cluster_oldest_version_supported (Prowler's name and default, 1.28), comparing major
//! and minor numbers. A cluster that reports no version is not judged.
//!
//! AWS Security Hub control EKS.2.
//!
//! ## Risk
//!
//! Versions past the end of standard support get no security fixes (or cost extended
//! support), and the cluster is forced to upgrade on AWS's schedule instead of its own.
//!
//! ## Remediation
//!
//! Upgrade the control plane one minor version at a time, then the node groups and add-ons,
//! after checking the workloads against the removed APIs.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-2

use kestrel_model::{Finding, Severity, Status};

use super::run_cluster_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "eks_cluster_uses_a_supported_version",
        title: "EKS cluster runs a supported Kubernetes version",
        service: "eks",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsEksCluster",
        categories: &["vulnerabilities"],
        check_type: &["Software and Configuration Checks/Patch Management", "Software and Configuration Checks/AWS Security Best Practices", "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices"],
        needs: &[kestrel_model::eks::LIST_CLUSTERS, kestrel_model::eks::DESCRIBE_CLUSTER],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let oldest = &scan.settings.eks_cluster_oldest_version_supported;
    let min = major_minor(oldest);
    run_cluster_check(scan, emit, CHECK.meta.id, |k, d| {
        let v = major_minor(&d.version)?;
        Some(if min.is_some_and(|m| v < m) {
            (
                Status::Fail,
                format!(
                    "EKS cluster {} is using version {}. It should be one of the supported versions: {oldest} or higher.",
                    k.name, d.version
                ),
            )
        } else {
            (
                Status::Pass,
                format!(
                    "EKS cluster {} is using version {} that is supported by AWS.",
                    k.name, d.version
                ),
            )
        })
    });
}

/// `1.28` -> (1, 28); None when it does not start with two numbers.
fn major_minor(v: &str) -> Option<(u32, u32)> {
    let mut parts = v.trim().split('.');
    Some((parts.next()?.parse().ok()?, parts.next()?.parse().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eks::tests::{details, snap};
    #[allow(unused_imports)]
    use crate::testkit::{region, run, run_with, snapshot, statuses};
    use kestrel_model::{ApiError, Fetched};

    fn version(v: &str) -> Vec<Finding> {
        run(&CHECK, &snap(details(|d| d.version = v.into())))
    }

    #[test]
    fn compares_major_and_minor_as_numbers() {
        assert_eq!(statuses(&version("1.28")), [Status::Pass]);
        assert_eq!(statuses(&version("1.100")), [Status::Pass]);
        assert_eq!(statuses(&version("1.22")), [Status::Fail]);
        assert_eq!(statuses(&version("0.29")), [Status::Fail]);
        assert_eq!(
            version("1.22")[0].status_extended,
            "EKS cluster prod is using version 1.22. It should be one of the supported versions: 1.28 or higher."
        );
    }

    #[test]
    fn no_finding_without_a_version() {
        assert!(version("").is_empty());
    }

    #[test]
    fn error_when_unreadable() {
        let denied = ApiError::new("eks:DescribeCluster", "AccessDeniedException", "");
        let f = run(&CHECK, &snap(Fetched::Error(denied)));
        assert_eq!(statuses(&f), [Status::Error]);
        assert_eq!(f[0].resource_id, "prod");
        let mut s = snapshot();
        region(&mut s).eks.clusters = Fetched::Error(ApiError::new(
            "eks:ListClusters",
            "AccessDeniedException",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
