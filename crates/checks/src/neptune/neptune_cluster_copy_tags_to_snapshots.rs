//! # neptune_cluster_copy_tags_to_snapshots
//!
//! ## Description
//!
//! Checks that each Neptune DB cluster copies its tags to the snapshots taken of it.
//!
//! As in Prowler, the resource is named by the cluster's resource id
//! (DbClusterResourceId), not its identifier.
//!
//! ## Risk
//!
//! Snapshots without the cluster's tags escape tag-based access control, cost
//! allocation and retention automation, so sensitive copies go unnoticed.
//!
//! ## Remediation
//!
//! Enable copying of tags to snapshots on the cluster.
//!
//! `aws neptune modify-db-cluster --db-cluster-identifier <id> --copy-tags-to-snapshot
//! --apply-immediately`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/neptune/latest/userguide/tagging.html

use kestrel_model::{Finding, Severity, Status};

use crate::rds::clusters_of_engine;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "neptune_cluster_copy_tags_to_snapshots",
        title: "Neptune DB cluster is configured to copy tags to snapshots.",
        service: "neptune",
        subservice: "",
        severity: Severity::Low,
        resource_type: "AwsRdsDbCluster",
        categories: &[],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices"],
        needs: &[kestrel_model::rds::DESCRIBE_DB_CLUSTERS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, c) in clusters_of_engine(id, scan, "neptune", emit) {
        let (status, text) = if c.copy_tags_to_snapshot {
            (
                Status::Pass,
                format!(
                    "Neptune DB Cluster {} is configured to copy tags to snapshots.",
                    c.resource_id
                ),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "Neptune DB Cluster {} is not configured to copy tags to snapshots.",
                    c.resource_id
                ),
            )
        };
        emit(Finding::new(id, status, region, &c.resource_id, &c.arn, text).with_tags(&c.tags));
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
                    copy_tags_to_snapshot: true,
                    ..cluster("on", "neptune")
                },
                cluster("off", "neptune"),
                DbCluster {
                    copy_tags_to_snapshot: true,
                    ..cluster("aurora", "aurora-mysql")
                },
            ]),
        );
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert_eq!(
            f[1].status_extended,
            format!(
                "Neptune DB Cluster {} is not configured to copy tags to snapshots.",
                "cluster-OFF"
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
