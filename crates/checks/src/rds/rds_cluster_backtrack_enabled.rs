//! # rds_cluster_backtrack_enabled
//!
//! ## Description
//!
//! Checks that each Aurora MySQL DB cluster has a Backtrack window, so it can be rewound to
//! an earlier time in place. Other engines do not support Backtrack and are not assessed.
//!
//! ## Risk
//!
//! Without Backtrack, undoing a bad write or a dropped table means restoring a new cluster
//! from a backup, which takes longer and changes endpoints.
//!
//! ## Remediation
//!
//! Set a backtrack window (seconds; up to 72 hours).
//!
//! `aws rds modify-db-cluster --db-cluster-identifier <id> --backtrack-window 86400`
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Managing.Backtrack.html

use kestrel_model::{Finding, Severity, Status};

use crate::rds::each_cluster;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds_cluster_backtrack_enabled",
        title: "RDS Aurora MySQL cluster has Backtrack enabled",
        service: "rds",
        subservice: "cluster",
        severity: Severity::Low,
        resource_type: "AwsRdsDbCluster",
        categories: &["resilience"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices"],
        needs: &[kestrel_model::rds::DESCRIBE_DB_CLUSTERS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    each_cluster(CHECK.meta.id, scan, emit, |c, _| {
        if c.engine != "aurora-mysql" {
            return None;
        }
        Some(if c.backtrack_window > 0 {
            (
                Status::Pass,
                format!("RDS Cluster {} has backtrack enabled.", c.id),
            )
        } else {
            (
                Status::Fail,
                format!("RDS Cluster {} does not have backtrack enabled.", c.id),
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
    fn only_aurora_mysql_is_assessed() {
        let mut s = snapshot();
        region(&mut s).rds.clusters = Fetched::Ok(vec![
            DbCluster {
                backtrack_window: 86400,
                ..cluster("c-1", "aurora-mysql")
            },
            cluster("c-2", "aurora-mysql"),
            cluster("c-3", "aurora-postgresql"),
        ]);
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Pass, Status::Fail]);
    }
}
