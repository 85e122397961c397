//! # neptune_cluster_deletion_protection
//!
//! ## Description
//!
//! Checks that each Neptune DB cluster has deletion protection enabled.
//!
//! Read from the RDS API's cluster listing (engine neptune).
//!
//! ## Risk
//!
//! Without deletion protection a single API call, by mistake or by an intruder, deletes
//! the cluster and its automated backups.
//!
//! ## Remediation
//!
//! Enable deletion protection on the cluster; it must be turned off explicitly before
//! the cluster can be deleted.
//!
//! `aws neptune modify-db-cluster --db-cluster-identifier <id> --deletion-protection
//! --apply-immediately`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/neptune/latest/userguide/manage-console-instances-delete.html

use kestrel_model::{Finding, Severity, Status};

use crate::rds::clusters_of_engine;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "neptune_cluster_deletion_protection",
        title: "Neptune cluster has deletion protection enabled",
        service: "neptune",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "Other",
        categories: &["resilience"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Effects/Data Destruction",
        ],
        needs: &[
            kestrel_model::rds::DESCRIBE_DB_CLUSTERS,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, c) in clusters_of_engine(id, scan, "neptune", emit) {
        let (status, text) = if c.deletion_protection {
            (
                Status::Pass,
                format!("Neptune Cluster {} has deletion protection enabled.", c.id),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "Neptune Cluster {} does not have deletion protection enabled.",
                    c.id
                ),
            )
        };
        emit(Finding::new(id, status, region, &c.id, &c.arn, text).with_tags(&c.tags));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rds::tests::cluster;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{rds::DbCluster, ApiError, Fetched, Snapshot};

    fn snap(clusters: Vec<DbCluster>) -> Snapshot {
        let mut s = snapshot();
        region(&mut s).rds.clusters = Fetched::Ok(clusters);
        s
    }

    #[test]
    fn on_passes_off_fails_other_engines_skipped() {
        let f = run(
            &CHECK,
            &snap(vec![
                DbCluster {
                    deletion_protection: true,
                    ..cluster("on", "neptune")
                },
                cluster("off", "neptune"),
                DbCluster {
                    deletion_protection: true,
                    ..cluster("aurora", "aurora-mysql")
                },
            ]),
        );
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert_eq!(
            f[1].status_extended,
            format!(
                "Neptune Cluster {} does not have deletion protection enabled.",
                "off"
            )
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
