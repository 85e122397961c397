//! # rds_cluster_deletion_protection
//!
//! ## Description
//!
//! Checks that each RDS DB cluster (Aurora, Multi-AZ DB cluster, Neptune) is protected from
//! deletion.
//!
//! ## Risk
//!
//! An unprotected cluster, with all its instances and automated backups, can be deleted by
//! a single call made by mistake or by an attacker.
//!
//! ## Remediation
//!
//! Change the setting on the DB cluster (console: Modify; or the CLI).
//!
//! `aws rds modify-db-cluster --db-cluster-identifier <id> --deletion-protection
//! --apply-immediately`
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_DeleteCluster.html#USER_DeletionProtection

use kestrel_model::{Finding, Severity, Status};

use crate::rds::each_cluster;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds_cluster_deletion_protection",
        title: "RDS cluster has deletion protection enabled",
        service: "rds",
        subservice: "cluster",
        severity: Severity::Medium,
        resource_type: "AwsRdsDbCluster",
        categories: &["resilience"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Effects/Data Destruction",
        ],
        needs: &[kestrel_model::rds::DESCRIBE_DB_CLUSTERS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    each_cluster(CHECK.meta.id, scan, emit, |c, _| {
        Some(if c.deletion_protection {
            (
                Status::Pass,
                format!("RDS Cluster {} has deletion protection enabled.", c.id),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "RDS Cluster {} does not have deletion protection enabled.",
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
    fn pass_and_fail_per_cluster_docdb_skipped() {
        let mut s = snapshot();
        region(&mut s).rds.clusters = Fetched::Ok(vec![
            DbCluster {
                deletion_protection: true,
                ..cluster("c-1", "aurora-mysql")
            },
            cluster("c-2", "aurora-postgresql"),
            cluster("c-3", "docdb"),
        ]);
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Pass, Status::Fail]);
    }
}
