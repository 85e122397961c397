//! # rds_instance_deletion_protection
//!
//! ## Description
//!
//! Checks that each RDS DB instance is protected from deletion. For an instance in a DB
//! cluster the cluster's setting is the one that counts (as in Prowler): the instance
//! passes only if its cluster has deletion protection.
//!
//! ## Risk
//!
//! An unprotected database can be deleted by one API call, by mistake, by automation gone
//! wrong or by an attacker, taking its data and availability with it.
//!
//! ## Remediation
//!
//! Turn deletion protection on (on the cluster for a cluster member).
//!
//! `aws rds modify-db-instance --db-instance-identifier <id> --deletion-protection
//! --apply-immediately`, or `aws rds modify-db-cluster --db-cluster-identifier <cluster>
//! --deletion-protection`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html#USER_DeleteInstance.DeletionProtection

use kestrel_model::{Finding, Severity, Status};

use crate::rds::{cluster_id, cluster_of, each_instance};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds_instance_deletion_protection",
        title: "RDS instance has deletion protection enabled",
        service: "rds",
        subservice: "instance",
        severity: Severity::Medium,
        resource_type: "AwsRdsDbInstance",
        categories: &["resilience"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Effects/Data Destruction",
        ],
        needs: &[kestrel_model::rds::DESCRIBE_DB_INSTANCES, kestrel_model::rds::DESCRIBE_DB_CLUSTERS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    each_instance(CHECK.meta.id, scan, emit, |db, rds| {
        let Some(cluster_id) = cluster_id(db) else {
            return Some(if db.deletion_protection {
                (
                    Status::Pass,
                    format!("RDS Instance {} deletion protection is enabled.", db.id),
                )
            } else {
                (
                    Status::Fail,
                    format!("RDS Instance {} deletion protection is not enabled.", db.id),
                )
            });
        };
        Some(match cluster_of(db, rds) {
            Err(why) => (Status::Error, why),
            Ok(Some(c)) if c.deletion_protection => (
                Status::Pass,
                format!(
                    "RDS Instance {} deletion protection is enabled at cluster {cluster_id} level.",
                    db.id
                ),
            ),
            Ok(_) => (
                Status::Fail,
                format!(
                    "RDS Instance {} deletion protection is not enabled at cluster {cluster_id} level.",
                    db.id
                ),
            ),
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rds::tests::cluster;
    use crate::rds::tests::instance;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{rds::DbCluster, ApiError};
    use kestrel_model::{rds::DbInstance, Fetched};

    #[test]
    fn standalone_uses_its_own_setting_members_their_clusters() {
        let mut s = snapshot();
        let r = region(&mut s);
        r.rds.instances = Fetched::Ok(vec![
            DbInstance {
                deletion_protection: true,
                ..instance("db-1")
            },
            instance("db-2"),
            DbInstance {
                deletion_protection: true,
                cluster_id: Some("open".into()),
                ..instance("member-1")
            },
            DbInstance {
                cluster_id: Some("guarded".into()),
                ..instance("member-2")
            },
            DbInstance {
                cluster_id: Some("gone".into()),
                ..instance("member-3")
            },
        ]);
        r.rds.clusters = Fetched::Ok(vec![
            cluster("open", "aurora-mysql"),
            DbCluster {
                deletion_protection: true,
                ..cluster("guarded", "aurora-mysql")
            },
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(
            statuses(&f),
            [
                Status::Pass,
                Status::Fail,
                Status::Fail,
                Status::Pass,
                Status::Fail
            ]
        );
        assert!(f[3].status_extended.contains("at cluster guarded level"));
    }

    #[test]
    fn member_is_error_when_clusters_could_not_be_listed() {
        let mut s = snapshot();
        let r = region(&mut s);
        r.rds.instances = Fetched::Ok(vec![
            instance("db-1"),
            DbInstance {
                cluster_id: Some("c".into()),
                ..instance("member")
            },
        ]);
        r.rds.clusters =
            Fetched::Error(ApiError::new("rds:DescribeDBClusters", "AccessDenied", ""));
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Fail, Status::Error]);
        assert!(
            f[1].status_extended.contains("AccessDenied"),
            "{}",
            f[1].status_extended
        );
    }
}
