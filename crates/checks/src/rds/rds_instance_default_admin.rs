//! # rds_instance_default_admin
//!
//! ## Description
//!
//! Checks that the master user of each RDS DB instance is not called admin or postgres. For
//! an instance in a DB cluster the cluster's master user is the one checked (as in
//! Prowler).
//!
//! ## Risk
//!
//! A well-known master user name leaves only the password to guess in a brute-force or
//! credential-stuffing attack against the database endpoint.
//!
//! ## Remediation
//!
//! The master user name cannot be changed: restore a snapshot into a new instance (or
//! cluster) created with another master user name, then switch applications over.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.MasterAccounts.html

use kestrel_model::{Finding, Severity, Status};

use crate::rds::{cluster_id, cluster_of, each_instance, is_default_admin};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds_instance_default_admin",
        title: "RDS instance does not use a default master user name (admin or postgres)",
        service: "rds",
        subservice: "instance",
        severity: Severity::Medium,
        resource_type: "AwsRdsDbInstance",
        categories: &["identity-access"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "TTPs/Credential Access",
        ],
        needs: &[
            kestrel_model::rds::DESCRIBE_DB_INSTANCES,
            kestrel_model::rds::DESCRIBE_DB_CLUSTERS,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    each_instance(CHECK.meta.id, scan, emit, |db, rds| {
        let Some(cluster_id) = cluster_id(db) else {
            return Some(if is_default_admin(&db.master_username) {
                (
                    Status::Fail,
                    format!(
                        "RDS Instance {} is using the default master username.",
                        db.id
                    ),
                )
            } else {
                (
                    Status::Pass,
                    format!(
                        "RDS Instance {} is not using the default master username.",
                        db.id
                    ),
                )
            });
        };
        Some(match cluster_of(db, rds) {
            Err(why) => (Status::Error, why),
            Ok(Some(c)) if !is_default_admin(&c.master_username) => (
                Status::Pass,
                format!(
                    "RDS Instance {} is not using the default master username at cluster {cluster_id} level.",
                    db.id
                ),
            ),
            Ok(_) => (
                Status::Fail,
                format!(
                    "RDS Instance {} is using the default master username at cluster {cluster_id} level.",
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
    fn standalone_uses_its_user_members_their_clusters() {
        let mut s = snapshot();
        let r = region(&mut s);
        r.rds.instances = Fetched::Ok(vec![
            DbInstance {
                master_username: "app_owner".into(),
                ..instance("db-1")
            },
            DbInstance {
                master_username: "postgres".into(),
                ..instance("db-2")
            },
            DbInstance {
                master_username: "app_owner".into(),
                cluster_id: Some("c-admin".into()),
                ..instance("member-1")
            },
            DbInstance {
                cluster_id: Some("c-named".into()),
                ..instance("member-2")
            },
        ]);
        r.rds.clusters = Fetched::Ok(vec![
            DbCluster {
                master_username: "admin".into(),
                ..cluster("c-admin", "aurora-mysql")
            },
            DbCluster {
                master_username: "owner".into(),
                ..cluster("c-named", "aurora-mysql")
            },
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(
            statuses(&f),
            [Status::Pass, Status::Fail, Status::Fail, Status::Pass]
        );
        members_are_error_when_clusters_are_denied(&mut s);
    }

    fn members_are_error_when_clusters_are_denied(s: &mut kestrel_model::Snapshot) {
        region(s).rds.clusters =
            Fetched::Error(ApiError::new("rds:DescribeDBClusters", "AccessDenied", ""));
        let f = run(&CHECK, s);
        assert_eq!(
            statuses(&f),
            [Status::Pass, Status::Fail, Status::Error, Status::Error]
        );
    }
}
