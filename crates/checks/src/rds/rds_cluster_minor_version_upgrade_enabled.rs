//! # rds_cluster_minor_version_upgrade_enabled
//!
//! ## Description
//!
//! Checks that each Multi-AZ DB cluster (the non-Aurora kind, where the setting exists at
//! cluster level) upgrades its minor engine version automatically. Other clusters are not
//! assessed.
//!
//! ## Risk
//!
//! Minor versions carry security fixes; a cluster that never takes them keeps known
//! vulnerabilities until someone upgrades it by hand.
//!
//! ## Remediation
//!
//! Change the setting on the DB cluster (console: Modify; or the CLI).
//!
//! `aws rds modify-db-cluster --db-cluster-identifier <id> --auto-minor-version-upgrade
//! --apply-immediately`
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts-upgrading.html

use kestrel_model::{Finding, Severity, Status};

use crate::rds::each_cluster;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds_cluster_minor_version_upgrade_enabled",
        title: "RDS Multi-AZ DB cluster has automatic minor version upgrades enabled",
        service: "rds",
        subservice: "cluster",
        severity: Severity::Medium,
        resource_type: "AwsRdsDbCluster",
        categories: &["vulnerabilities"],
        check_type: &[
            "Software and Configuration Checks/Patch Management",
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
        ],
        needs: &[kestrel_model::rds::DESCRIBE_DB_CLUSTERS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    each_cluster(CHECK.meta.id, scan, emit, |c, _| {
        if !(c.multi_az) {
            return None;
        }
        Some(if c.auto_minor_version_upgrade {
            (
                Status::Pass,
                format!("RDS Cluster {} has minor version upgrade enabled.", c.id),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "RDS Cluster {} does not have minor version upgrade enabled.",
                    c.id
                ),
            )
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rds::tests::cluster;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{rds::DbCluster, Fetched};

    #[test]
    fn only_multi_az_clusters_are_assessed() {
        let mut s = snapshot();
        region(&mut s).rds.clusters = Fetched::Ok(vec![
            DbCluster {
                multi_az: true,
                auto_minor_version_upgrade: true,
                ..cluster("c-1", "postgres")
            },
            DbCluster {
                multi_az: true,
                ..cluster("c-2", "mysql")
            },
            cluster("c-3", "aurora-mysql"),
        ]);
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Pass, Status::Fail]);
    }
}
