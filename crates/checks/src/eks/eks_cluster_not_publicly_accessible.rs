//! # eks_cluster_not_publicly_accessible
//!
//! ## Description
//!
//! Checks that an EKS cluster's public API endpoint, when enabled, does not accept every
//! IPv4 address (0.0.0.0/0 among its public access CIDRs).
//!
//! AWS Security Hub control EKS.1. A public endpoint limited to known ranges passes, as in
//! Prowler.
//!
//! ## Risk
//!
//! An API server reachable from anywhere can be probed and brute-forced by anyone, and any
//! leaked kubeconfig or token works from any network.
//!
//! ## Remediation
//!
//! Turn on the private endpoint and turn off the public one, or restrict the public
//! endpoint's access to the networks that administer the cluster.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/eks/latest/userguide/cluster-endpoint.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/eks-controls.html#eks-1

use kestrel_model::{Finding, Severity, Status};

use super::run_cluster_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "eks_cluster_not_publicly_accessible",
        title: "EKS cluster API endpoint is not open to the internet",
        service: "eks",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsEksCluster",
        categories: &["internet-exposed", "cluster-security"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices/Network Reachability", "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices", "TTPs/Initial Access/Unauthorized Access", "Effects/Data Exposure"],
        needs: &[kestrel_model::eks::LIST_CLUSTERS, kestrel_model::eks::DESCRIBE_CLUSTER],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_cluster_check(scan, emit, CHECK.meta.id, |k, d| {
        let open =
            d.endpoint_public_access && d.public_access_cidrs.iter().any(|c| c == "0.0.0.0/0");
        Some(if open {
            (
                Status::Fail,
                format!("EKS cluster {} is publicly accessible.", k.name),
            )
        } else {
            (
                Status::Pass,
                format!("EKS cluster {} is not publicly accessible.", k.name),
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
    fn fail_only_when_public_to_everyone() {
        let open = |public: bool, cidrs: &[&str]| {
            details(|d| {
                d.endpoint_public_access = public;
                d.public_access_cidrs = cidrs.iter().map(|c| c.to_string()).collect();
            })
        };
        assert_eq!(
            statuses(&run(&CHECK, &snap(open(true, &["0.0.0.0/0"])))),
            [Status::Fail]
        );
        assert_eq!(
            statuses(&run(&CHECK, &snap(open(true, &["203.0.113.0/24"])))),
            [Status::Pass]
        );
        assert_eq!(
            statuses(&run(&CHECK, &snap(open(false, &["0.0.0.0/0"])))),
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
