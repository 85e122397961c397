//! # eks_cluster_kms_cmk_encryption_in_secrets_enabled
//!
//! ## Description
//!
//! Checks that an EKS cluster has envelope encryption of Kubernetes secrets with a KMS key
//! (an encryption config).
//!
//! AWS Security Hub control EKS.3.
//!
//! ## Risk
//!
//! Without envelope encryption, anyone who obtains a copy of the cluster's etcd data or its
//! backups reads every secret in it, from database passwords to service-account tokens.
//!
//! ## Remediation
//!
//! Associate a KMS key with the cluster's secrets encryption (it cannot be removed
//! afterwards), and re-write existing secrets so they are encrypted with it.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/eks/latest/userguide/enable-kms.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-3

use kestrel_model::{Finding, Severity, Status};

use super::run_cluster_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "eks_cluster_kms_cmk_encryption_in_secrets_enabled",
        title: "EKS cluster encrypts Kubernetes secrets with a KMS key",
        service: "eks",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsEksCluster",
        categories: &["encryption", "cluster-security"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices", "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices"],
        needs: &[kestrel_model::eks::LIST_CLUSTERS, kestrel_model::eks::DESCRIBE_CLUSTER],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_cluster_check(scan, emit, CHECK.meta.id, |k, d| {
        Some(if d.secrets_encrypted {
            (
                Status::Pass,
                format!(
                    "EKS cluster {} has encryption for Kubernetes secrets.",
                    k.name
                ),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "EKS cluster {} does not have encryption for Kubernetes secrets.",
                    k.name
                ),
            )
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eks::tests::{details, snap};
    #[allow(unused_imports)]
    use crate::testkit::{region, run, run_with, snapshot, statuses};
    use kestrel_model::{ApiError, Fetched};

    #[test]
    fn pass_and_fail() {
        let f = run(&CHECK, &snap(details(|d| d.secrets_encrypted = true)));
        assert_eq!(statuses(&f), [Status::Pass]);
        let f = run(&CHECK, &snap(details(|_| {})));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "EKS cluster prod does not have encryption for Kubernetes secrets."
        );
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
