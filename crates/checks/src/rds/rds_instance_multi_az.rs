//! # rds_instance_multi_az
//!
//! ## Description
//!
//! Checks that each RDS DB instance uses a Multi-AZ deployment; cluster members are
//! evaluated by their cluster's Multi-AZ setting.
//!
//! CIS 3.2.4. Judging cluster members by their cluster follows Prowler.
//!
//! ## Risk
//!
//! A single-AZ database has no standby: an Availability Zone or hardware failure takes it
//! down until it is restored, with possible data loss since the last backup.
//!
//! ## Remediation
//!
//! Convert the instance to a Multi-AZ deployment, or for cluster members add replicas in
//! other Availability Zones.
//!
//! `aws rds modify-db-instance --db-instance-identifier <id> --multi-az
//! --apply-immediately`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html

use kestrel_model::{Finding, Severity, Status};

use crate::rds::{cluster_id, cluster_of, each_instance};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds_instance_multi_az",
        title: "RDS instance has Multi-AZ enabled",
        service: "rds",
        subservice: "instance",
        severity: Severity::Medium,
        resource_type: "AwsRdsDbInstance",
        categories: &["resilience"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices"],
        needs: &[
            kestrel_model::rds::DESCRIBE_DB_INSTANCES,
            kestrel_model::rds::DESCRIBE_DB_CLUSTERS,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    each_instance(CHECK.meta.id, scan, emit, |db, rds| {
        let Some(cluster) = cluster_id(db) else {
            return Some(if db.multi_az {
                (
                    Status::Pass,
                    format!("RDS Instance {} has multi-AZ enabled.", db.id),
                )
            } else {
                (
                    Status::Fail,
                    format!("RDS Instance {} does not have multi-AZ enabled.", db.id),
                )
            });
        };
        // The cluster list is read only for cluster members, so an instance whose
        // cluster is unknown is an ERROR, never a guess.
        Some(match cluster_of(db, rds) {
            Err(why) => (Status::Error, why),
            Ok(Some(c)) if c.multi_az => (
                Status::Pass,
                format!(
                    "RDS Instance {} has multi-AZ enabled at cluster {cluster} level.",
                    db.id
                ),
            ),
            Ok(_) => (
                Status::Fail,
                format!(
                    "RDS Instance {} does not have multi-AZ enabled at cluster {cluster} level.",
                    db.id
                ),
            ),
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rds::tests::instance;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{rds::DbCluster, rds::DbInstance, ApiError, Fetched};

    fn member(id: &str, cluster: &str) -> DbInstance {
        DbInstance {
            cluster_id: Some(cluster.into()),
            ..instance(id)
        }
    }

    #[test]
    fn standalone_instances_use_their_own_setting() {
        let mut s = snapshot();
        region(&mut s).rds.instances = Fetched::Ok(vec![
            DbInstance {
                multi_az: true,
                ..instance("db-1")
            },
            instance("db-2"),
        ]);
        // Clusters are not needed when no instance belongs to one.
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Pass, Status::Fail]);
    }

    #[test]
    fn cluster_members_use_the_cluster_setting() {
        let mut s = snapshot();
        let r = region(&mut s);
        r.rds.instances = Fetched::Ok(vec![
            member("a-1", "aurora-ha"),
            member("b-1", "aurora-single"),
        ]);
        r.rds.clusters = Fetched::Ok(vec![
            DbCluster {
                id: "aurora-ha".into(),
                multi_az: true,
                ..Default::default()
            },
            DbCluster {
                id: "aurora-single".into(),
                ..Default::default()
            },
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert!(f[0].status_extended.contains("at cluster aurora-ha level"));
    }

    #[test]
    fn error_for_members_when_clusters_denied() {
        let mut s = snapshot();
        let r = region(&mut s);
        r.rds.instances = Fetched::Ok(vec![member("a-1", "aurora-ha")]);
        r.rds.clusters =
            Fetched::Error(ApiError::new("rds:DescribeDBClusters", "AccessDenied", ""));
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Error]);
        assert_eq!(f[0].resource_id, "a-1");
    }
}
