//! # rds_cluster_iam_authentication_enabled
//!
//! ## Description
//!
//! Checks that each RDS DB cluster accepts IAM database authentication. Every cluster is
//! assessed, as Prowler 5.46 does (its engine filter is written so that it never excludes
//! one); every cluster engine the RDS API lists besides DocumentDB supports IAM
//! authentication.
//!
//! ## Risk
//!
//! With only database passwords, credentials are long-lived and shared; IAM authentication
//! issues short-lived tokens bound to an identity, logged and revocable in one place.
//!
//! ## Remediation
//!
//! Change the setting on the DB cluster (console: Modify; or the CLI).
//!
//! `aws rds modify-db-cluster --db-cluster-identifier <id>
//! --enable-iam-database-authentication --apply-immediately`, then grant `rds-db:connect`
//! to the identities that need it.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/UsingWithRDS.IAMDBAuth.html

use kestrel_model::{Finding, Severity, Status};

use crate::rds::each_cluster;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds_cluster_iam_authentication_enabled",
        title: "RDS cluster has IAM database authentication enabled",
        service: "rds",
        subservice: "cluster",
        severity: Severity::Medium,
        resource_type: "AwsRdsDbCluster",
        categories: &["identity-access"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "TTPs/Credential Access",
        ],
        needs: &[kestrel_model::rds::DESCRIBE_DB_CLUSTERS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    each_cluster(CHECK.meta.id, scan, emit, |c, _| {
        Some(if c.iam_auth {
            (
                Status::Pass,
                format!("RDS Cluster {} has IAM authentication enabled.", c.id),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "RDS Cluster {} does not have IAM authentication enabled.",
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
                iam_auth: true,
                ..cluster("c-1", "aurora-mysql")
            },
            cluster("c-2", "neptune"),
        ]);
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Pass, Status::Fail]);
    }
}
