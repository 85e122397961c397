//! # neptune_cluster_integration_cloudwatch_logs
//!
//! ## Description
//!
//! Checks that each Neptune DB cluster publishes its audit log to CloudWatch Logs.
//!
//! Read from the RDS API's cluster listing (engine neptune); the audit log must also be
//! turned on in the cluster parameter group (neptune_enable_audit_log) to carry events.
//!
//! ## Risk
//!
//! Without audit logs in CloudWatch there is no durable record of who connected and
//! what they queried, for investigations or alerts.
//!
//! ## Remediation
//!
//! Enable the audit log export of the cluster, and the neptune_enable_audit_log
//! parameter of its cluster parameter group.
//!
//! `aws neptune modify-db-cluster --db-cluster-identifier <id>
//! --cloudwatch-logs-export-configuration '{"EnableLogTypes":["audit"]}'`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/neptune/latest/userguide/cloudwatch-logs.html

use kestrel_model::{Finding, Severity, Status};

use crate::rds::clusters_of_engine;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "neptune_cluster_integration_cloudwatch_logs",
        title: "Neptune cluster has CloudWatch audit logs enabled",
        service: "neptune",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "Other",
        categories: &["logging", "forensics-ready"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Runtime Behavior Analysis",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
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
        let (status, text) = if c.cloudwatch_logs.iter().any(|l| l == "audit") {
            (
                Status::Pass,
                format!(
                    "Neptune Cluster {} has cloudwatch audit logs enabled.",
                    c.id
                ),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "Neptune Cluster {} does not have cloudwatch audit logs enabled.",
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
    fn audit_export_passes() {
        let f = run(
            &CHECK,
            &snap(vec![
                DbCluster {
                    cloudwatch_logs: vec!["audit".into()],
                    ..cluster("on", "neptune")
                },
                DbCluster {
                    cloudwatch_logs: vec!["slowquery".into()],
                    ..cluster("other", "neptune")
                },
                cluster("off", "neptune"),
            ]),
        );
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail, Status::Fail]);
    }

    #[test]
    fn error_when_clusters_cannot_be_listed() {
        let mut s = snapshot();
        region(&mut s).rds.clusters =
            Fetched::Error(ApiError::new("rds:DescribeDBClusters", "AccessDenied", ""));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
