//! # neptune_cluster_backup_enabled
//!
//! ## Description
//!
//! Checks that each Neptune cluster keeps automated backups for at least the configured
//! number of days.
//!
//! The minimum is the minimum_backup_retention_period setting (Prowler's default, 7). A
//! shorter but non-zero retention fails at low severity, as in Prowler.
//!
//! ## Risk
//!
//! Short or minimal backup retention limits how far back the data can be restored after
//! corruption, deletion or ransomware.
//!
//! ## Remediation
//!
//! Raise the cluster's backup retention period to at least the required number of days
//! (up to 35).
//!
//! `aws neptune modify-db-cluster --db-cluster-identifier <id>
//! --backup-retention-period 7 --apply-immediately`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/neptune/latest/userguide/backup-restore.html

use kestrel_model::{Finding, Severity};

use crate::rds::backup_findings;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "neptune_cluster_backup_enabled",
        title: "Neptune cluster has automated backups enabled with retention period equal to or greater than the configured minimum",
        service: "neptune",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsRdsDbCluster",
        categories: &["resilience"],
        check_type: &[
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
        ],
        needs: &[
            kestrel_model::rds::DESCRIBE_DB_CLUSTERS,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    backup_findings(CHECK.meta.id, scan, emit, "neptune", "Neptune");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rds::tests::cluster;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{rds::DbCluster, ApiError, Fetched, Snapshot, Status};

    fn snap(clusters: Vec<DbCluster>) -> Snapshot {
        let mut s = snapshot();
        region(&mut s).rds.clusters = Fetched::Ok(clusters);
        s
    }

    #[test]
    fn retention_against_the_minimum() {
        let f = run(
            &CHECK,
            &snap(vec![
                DbCluster {
                    backup_retention_period: 7,
                    ..cluster("week", "neptune")
                },
                DbCluster {
                    backup_retention_period: 1,
                    ..cluster("day", "neptune")
                },
                cluster("aurora", "aurora-mysql"),
            ]),
        );
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "Neptune Cluster week has backup enabled with retention period 7 days."
        );
        assert_eq!(f[1].severity, Some(Severity::Low));
        assert!(f[1].status_extended.ends_with("to a minimum of 7 days."));
    }

    #[test]
    fn minimum_is_a_setting() {
        let settings = crate::Settings {
            minimum_backup_retention_period: 1,
            ..Default::default()
        };
        let s = snap(vec![DbCluster {
            backup_retention_period: 1,
            ..cluster("day", "neptune")
        }]);
        assert_eq!(
            statuses(&crate::testkit::run_with(&CHECK, &s, &settings)),
            [Status::Pass]
        );
    }

    #[test]
    fn error_when_clusters_cannot_be_listed() {
        let mut s = snapshot();
        region(&mut s).rds.clusters =
            Fetched::Error(ApiError::new("rds:DescribeDBClusters", "AccessDenied", ""));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
