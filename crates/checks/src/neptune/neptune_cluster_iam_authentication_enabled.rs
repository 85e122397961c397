//! # neptune_cluster_iam_authentication_enabled
//!
//! ## Description
//!
//! Checks that each Neptune DB cluster requires IAM database authentication.
//!
//! Read from the RDS API's cluster listing (engine neptune).
//!
//! ## Risk
//!
//! Without IAM authentication anyone who reaches the endpoint from the network can
//! query the graph; access cannot be granted, revoked or audited per principal.
//!
//! ## Remediation
//!
//! Enable IAM database authentication on the cluster and give clients neptune-db
//! permissions through IAM policies; requests are then signed with SigV4.
//!
//! `aws neptune modify-db-cluster --db-cluster-identifier <id>
//! --enable-iam-database-authentication --apply-immediately`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/neptune/latest/userguide/iam-auth-enable.html

use kestrel_model::{Finding, Severity, Status};

use crate::rds::clusters_of_engine;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "neptune_cluster_iam_authentication_enabled",
        title: "Neptune cluster has IAM authentication enabled",
        service: "neptune",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsRdsDbCluster",
        categories: &["identity-access"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "TTPs/Credential Access",
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
        let (status, text) = if c.iam_auth {
            (
                Status::Pass,
                format!("Neptune Cluster {} has IAM authentication enabled.", c.id),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "Neptune Cluster {} does not have IAM authentication enabled.",
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
                    iam_auth: true,
                    ..cluster("on", "neptune")
                },
                cluster("off", "neptune"),
                DbCluster {
                    iam_auth: true,
                    ..cluster("aurora", "aurora-mysql")
                },
            ]),
        );
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert_eq!(
            f[1].status_extended,
            format!(
                "Neptune Cluster {} does not have IAM authentication enabled.",
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
