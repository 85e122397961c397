//! # rds_cluster_default_admin
//!
//! ## Description
//!
//! Checks that the master user of each RDS DB cluster is not called admin or postgres.
//!
//! ## Risk
//!
//! A well-known master user name leaves only the password to guess in brute-force and
//! credential-stuffing attacks on the cluster endpoint.
//!
//! ## Remediation
//!
//! The master user name cannot be changed: restore a snapshot into a new cluster with
//! another master user name and move applications to it.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/UsingWithRDS.MasterAccounts.html

use kestrel_model::{Finding, Severity, Status};

use crate::rds::{each_cluster, is_default_admin};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds_cluster_default_admin",
        title: "RDS cluster does not use a default master user name (admin or postgres)",
        service: "rds",
        subservice: "cluster",
        severity: Severity::Medium,
        resource_type: "AwsRdsDbCluster",
        categories: &["identity-access"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "TTPs/Initial Access",
            "TTPs/Credential Access",
        ],
        needs: &[kestrel_model::rds::DESCRIBE_DB_CLUSTERS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    each_cluster(CHECK.meta.id, scan, emit, |c, _| {
        Some(if !is_default_admin(&c.master_username) {
            (
                Status::Pass,
                format!(
                    "RDS Cluster {} is not using the default master username.",
                    c.id
                ),
            )
        } else {
            (
                Status::Fail,
                format!("RDS Cluster {} is using the default master username.", c.id),
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
    fn admin_and_postgres_fail() {
        let mut s = snapshot();
        region(&mut s).rds.clusters = Fetched::Ok(vec![
            DbCluster {
                master_username: "owner".into(),
                ..cluster("c-1", "aurora-mysql")
            },
            DbCluster {
                master_username: "admin".into(),
                ..cluster("c-2", "aurora-mysql")
            },
            DbCluster {
                master_username: "postgres".into(),
                ..cluster("c-3", "aurora-postgresql")
            },
        ]);
        assert_eq!(
            statuses(&run(&CHECK, &s)),
            [Status::Pass, Status::Fail, Status::Fail]
        );
    }
}
