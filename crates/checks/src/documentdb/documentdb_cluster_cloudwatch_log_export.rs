//! # documentdb_cluster_cloudwatch_log_export
//!
//! ## Description
//!
//! Checks that each Amazon DocumentDB cluster exports both its audit and its profiler
//! logs to CloudWatch Logs.
//!
//! Exporting only one of the two fails at low severity, as in Prowler.
//!
//! ## Risk
//!
//! Without the audit log there is no record of authentication and data-definition
//! events; without the profiler, no trace of slow or abusive queries.
//!
//! ## Remediation
//!
//! Enable the export of both log types on the cluster (and audit_logs in its cluster
//! parameter group).
//!
//! `aws docdb modify-db-cluster --db-cluster-identifier <id>
//! --cloudwatch-logs-export-configuration '{"EnableLogTypes":["audit","profiler"]}'`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/documentdb/latest/developerguide/event-auditing.html
//! - https://docs.aws.amazon.com/documentdb/latest/developerguide/profiling.html

use kestrel_model::{Finding, Severity, Status};

use crate::rds::clusters_of_engine;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "documentdb_cluster_cloudwatch_log_export",
        title: "DocumentDB cluster exports audit and profiler logs to CloudWatch Logs",
        service: "documentdb",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsRdsDbCluster",
        categories: &["logging"],
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
    for (region, c) in clusters_of_engine(id, scan, "docdb", emit) {
        let has = |t: &str| c.cloudwatch_logs.iter().any(|l| l == t);
        let shipped = c.cloudwatch_logs.join(" ");
        let (status, text, low) = if has("audit") && has("profiler") {
            (
                Status::Pass,
                format!(
                    "DocumentDB Cluster {} is shipping {shipped} to CloudWatch Logs.",
                    c.id
                ),
                false,
            )
        } else if has("audit") || has("profiler") {
            (
                Status::Fail,
                format!("DocumentDB Cluster {} is only shipping {shipped} to CloudWatch Logs. Recommended to ship both Audit and Profiler logs.", c.id),
                true,
            )
        } else {
            (
                Status::Fail,
                format!(
                    "DocumentDB Cluster {} does not have cloudwatch log export enabled.",
                    c.id
                ),
                false,
            )
        };
        let mut f = Finding::new(id, status, region, &c.id, &c.arn, text).with_tags(&c.tags);
        if low {
            f = f.with_severity(Severity::Low);
        }
        emit(f);
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
    fn both_logs_pass_one_is_low_none_fails() {
        let logs = |l: &[&str]| l.iter().map(|s| s.to_string()).collect();
        let f = run(
            &CHECK,
            &snap(vec![
                DbCluster {
                    cloudwatch_logs: logs(&["audit", "profiler"]),
                    ..cluster("both", "docdb")
                },
                DbCluster {
                    cloudwatch_logs: logs(&["profiler"]),
                    ..cluster("one", "docdb")
                },
                cluster("none", "docdb"),
            ]),
        );
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail, Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "DocumentDB Cluster both is shipping audit profiler to CloudWatch Logs."
        );
        assert_eq!((f[1].severity, f[2].severity), (Some(Severity::Low), None));
    }

    #[test]
    fn error_when_clusters_cannot_be_listed() {
        let mut s = snapshot();
        region(&mut s).rds.clusters =
            Fetched::Error(ApiError::new("rds:DescribeDBClusters", "AccessDenied", ""));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
