//! # rds_cluster_copy_tags_to_snapshots
//!
//! ## Description
//!
//! Checks that each RDS DB cluster copies its tags to its snapshots.
//!
//! ## Risk
//!
//! Snapshots without their cluster's tags fall outside tag-based access control, ownership
//! tracking and retention policies.
//!
//! ## Remediation
//!
//! Change the setting on the DB cluster (console: Modify; or the CLI).
//!
//! `aws rds modify-db-cluster --db-cluster-identifier <id> --copy-tags-to-snapshot`
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_Tagging.html#USER_Tagging.CopyTags

use kestrel_model::{Finding, Severity, Status};

use crate::rds::each_cluster;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds_cluster_copy_tags_to_snapshots",
        title: "RDS cluster copies its tags to snapshots",
        service: "rds",
        subservice: "cluster",
        severity: Severity::Low,
        resource_type: "AwsRdsDbCluster",
        categories: &[],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices"],
        needs: &[kestrel_model::rds::DESCRIBE_DB_CLUSTERS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    each_cluster(CHECK.meta.id, scan, emit, |c, _| {
        Some(if c.copy_tags_to_snapshot {
            (
                Status::Pass,
                format!("RDS Cluster {} has copy tags to snapshots enabled.", c.id),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "RDS Cluster {} does not have copy tags to snapshots enabled.",
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
    fn pass_and_fail_per_cluster() {
        let mut s = snapshot();
        region(&mut s).rds.clusters = Fetched::Ok(vec![
            DbCluster {
                copy_tags_to_snapshot: true,
                ..cluster("c-1", "aurora-mysql")
            },
            cluster("c-2", "aurora-postgresql"),
        ]);
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Pass, Status::Fail]);
    }
}
