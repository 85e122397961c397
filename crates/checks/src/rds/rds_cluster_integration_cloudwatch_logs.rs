//! # rds_cluster_integration_cloudwatch_logs
//!
//! ## Description
//!
//! Checks that each Aurora MySQL, Aurora PostgreSQL, MySQL or PostgreSQL DB cluster
//! publishes at least one of its logs to CloudWatch Logs. Clusters of other engines are not
//! assessed.
//!
//! ## Risk
//!
//! Logs kept only on the cluster are rotated away and cannot be searched, alarmed on or
//! retained for an investigation.
//!
//! ## Remediation
//!
//! Change the setting on the DB cluster (console: Modify; or the CLI).
//!
//! `aws rds modify-db-cluster --db-cluster-identifier <id>
//! --cloudwatch-logs-export-configuration '{"EnableLogTypes":["audit","error"]}'` (the log
//! types depend on the engine).
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html

use kestrel_model::{Finding, Severity, Status};

use crate::rds::each_cluster;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds_cluster_integration_cloudwatch_logs",
        title: "RDS cluster exports its logs to CloudWatch Logs",
        service: "rds",
        subservice: "cluster",
        severity: Severity::Medium,
        resource_type: "AwsRdsDbCluster",
        categories: &["logging"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Runtime Behavior Analysis",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
        ],
        needs: &[kestrel_model::rds::DESCRIBE_DB_CLUSTERS],
    },
    run,
};

const LOGGING_ENGINES: [&str; 4] = ["aurora-mysql", "aurora-postgresql", "mysql", "postgres"];

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    each_cluster(CHECK.meta.id, scan, emit, |c, _| {
        if !(LOGGING_ENGINES.contains(&c.engine.as_str())) {
            return None;
        }
        Some(if !c.cloudwatch_logs.is_empty() {
            (
                Status::Pass,
                format!(
                    "RDS Cluster {} is shipping {} logs to CloudWatch Logs.",
                    c.id,
                    c.cloudwatch_logs.join(", ")
                ),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "RDS Cluster {} does not have CloudWatch Logs enabled.",
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
    fn pass_fail_and_other_engines_left_out() {
        let mut s = snapshot();
        region(&mut s).rds.clusters = Fetched::Ok(vec![
            DbCluster {
                cloudwatch_logs: vec!["audit".into(), "error".into()],
                ..cluster("c-1", "aurora-mysql")
            },
            cluster("c-2", "postgres"),
            cluster("c-3", "neptune"),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert!(f[0].status_extended.contains("audit, error logs"));
    }
}
