//! # eks_control_plane_logging_all_types_enabled
//!
//! ## Description
//!
//! Checks that an EKS cluster sends each control-plane log type of the setting
//! eks_required_log_types (Prowler's name and default: api, audit, authenticator,
//! controllerManager, scheduler) to CloudWatch Logs.
//!
//! AWS Security Hub control EKS.8. Every enabled logging entry counts; Prowler reads only the
//! first entry DescribeCluster returns, so it can miss types enabled in a second one.
//!
//! ## Risk
//!
//! Without the audit and API server logs, who did what in the cluster (secrets read, roles
//! bound, pods exec'd into) cannot be established after an incident.
//!
//! ## Remediation
//!
//! Enable the missing log types in the cluster's logging configuration.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/eks/latest/userguide/control-plane-logs.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-8

use kestrel_model::{Finding, Severity, Status};

use super::run_cluster_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "eks_control_plane_logging_all_types_enabled",
        title: "EKS cluster sends every required control-plane log type",
        service: "eks",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsEksCluster",
        categories: &["logging", "forensics-ready"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices", "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices"],
        needs: &[kestrel_model::eks::LIST_CLUSTERS, kestrel_model::eks::DESCRIBE_CLUSTER],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let required = &scan.settings.eks_required_log_types;
    let listed = required.join(", ");
    run_cluster_check(scan, emit, CHECK.meta.id, |k, d| {
        Some(if d.enabled_log_types.is_empty() {
            (
                Status::Fail,
                format!(
                    "Control plane logging is not enabled for EKS cluster {}. Required log types: {listed}.",
                    k.name
                ),
            )
        } else if required.iter().all(|t| d.enabled_log_types.contains(t)) {
            (
                Status::Pass,
                format!(
                    "Control plane logging and all required log types are enabled for EKS cluster {}.",
                    k.name
                ),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "Control plane logging is enabled but not all required log types are enabled for EKS cluster {}. Required log types: {listed}. Enabled log types: {}.",
                    k.name,
                    d.enabled_log_types.join(", ")
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

    fn logs(types: &[&str]) -> Fetched<kestrel_model::eks::ClusterDetails> {
        details(|d| d.enabled_log_types = types.iter().map(|t| t.to_string()).collect())
    }

    #[test]
    fn pass_with_every_type() {
        let all = [
            "api",
            "audit",
            "authenticator",
            "controllerManager",
            "scheduler",
        ];
        assert_eq!(statuses(&run(&CHECK, &snap(logs(&all)))), [Status::Pass]);
    }

    #[test]
    fn fail_with_some_or_none() {
        let f = run(&CHECK, &snap(logs(&["api", "audit"])));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert!(f[0]
            .status_extended
            .ends_with("Enabled log types: api, audit."));
        let f = run(&CHECK, &snap(logs(&[])));
        assert!(f[0]
            .status_extended
            .starts_with("Control plane logging is not enabled"));
        let only_api = crate::Settings {
            eks_required_log_types: vec!["api".into()],
            ..crate::Settings::default()
        };
        assert_eq!(
            statuses(&run_with(&CHECK, &snap(logs(&["api"])), &only_api)),
            [Status::Pass]
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
