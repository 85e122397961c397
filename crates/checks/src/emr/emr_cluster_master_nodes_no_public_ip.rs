//! # emr_cluster_master_nodes_no_public_ip
//!
//! ## Description
//!
//! Checks that the master node of every EMR cluster not yet terminated has no public
//! address (no public DNS name under amazonaws.com, as Prowler reads it).
//!
//! AWS Security Hub control EMR.1.
//!
//! ## Risk
//!
//! A master node with a public address can be reached from the internet wherever its
//! security groups allow it: the cluster's web interfaces and SSH are then one rule away
//! from the world.
//!
//! ## Remediation
//!
//! Launch clusters in private subnets (reaching S3 and other services through VPC
//! endpoints or a NAT gateway); a running cluster's subnet cannot be changed.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-clusters-in-a-vpc.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/emr-controls.html#emr-1

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "emr_cluster_master_nodes_no_public_ip",
        title: "EMR cluster master node has no public IP address",
        service: "emr",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "Other",
        categories: &["internet-exposed"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Network Reachability",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "TTPs/Initial Access",
        ],
        needs: &[
            kestrel_model::emr::LIST_CLUSTERS,
            kestrel_model::emr::DESCRIBE_CLUSTER,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(clusters) = collected(&r.emr.clusters, id, region, scan.account_id(), "", emit)
        else {
            continue;
        };
        for k in clusters
            .iter()
            .filter(|k| !k.state.starts_with("TERMINATED"))
        {
            let Some(dns) = collected(&k.master_public_dns, id, region, &k.id, &k.arn, emit) else {
                continue;
            };
            let public = dns.as_deref().is_some_and(|d| d.contains(".amazonaws.com"));
            let (status, text) = if public {
                (
                    Status::Fail,
                    format!("EMR Cluster {} has a Public IP.", k.id),
                )
            } else {
                (
                    Status::Pass,
                    format!("EMR Cluster {} does not have a Public IP.", k.id),
                )
            };
            emit(Finding::new(id, status, region, &k.id, &k.arn, text).with_tags(&k.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{emr::Cluster, ApiError, Fetched};

    fn check(state: &str, dns: Fetched<Option<&str>>) -> Vec<Finding> {
        let mut s = snapshot();
        region(&mut s).emr.clusters = Fetched::Ok(vec![Cluster {
            id: "j-1".into(),
            state: state.into(),
            master_public_dns: match dns {
                Fetched::Ok(d) => Fetched::Ok(d.map(str::to_string)),
                Fetched::Error(e) => Fetched::Error(e),
                Fetched::NotCollected => Fetched::NotCollected,
            },
            ..Default::default()
        }]);
        run(&CHECK, &s)
    }

    #[test]
    fn fail_with_a_public_master() {
        let f = check(
            "RUNNING",
            Fetched::Ok(Some("ec2-203-0-113-1.compute-1.amazonaws.com")),
        );
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].status_extended, "EMR Cluster j-1 has a Public IP.");
    }

    #[test]
    fn pass_with_a_private_master_and_terminated_skipped() {
        assert_eq!(
            statuses(&check("WAITING", Fetched::Ok(None))),
            [Status::Pass]
        );
        assert_eq!(
            statuses(&check(
                "RUNNING",
                Fetched::Ok(Some("ip-10-0-0-1.ec2.internal"))
            )),
            [Status::Pass]
        );
        assert!(check("TERMINATED", Fetched::Ok(Some("x.amazonaws.com"))).is_empty());
    }

    #[test]
    fn error_when_undescribed() {
        let e = ApiError::new(
            "elasticmapreduce:DescribeCluster",
            "AccessDeniedException",
            "",
        );
        assert_eq!(
            statuses(&check("RUNNING", Fetched::Error(e))),
            [Status::Error]
        );
    }
}
