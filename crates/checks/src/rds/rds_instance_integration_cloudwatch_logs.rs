//! # rds_instance_integration_cloudwatch_logs
//!
//! ## Description
//!
//! Checks that each RDS DB instance publishes at least one of its database logs (error,
//! general, slow query, audit, postgresql, …) to CloudWatch Logs.
//!
//! ## Risk
//!
//! Database logs kept only on the instance are rotated away and cannot be searched, alarmed
//! on or kept for an investigation; failed logins and suspicious queries leave no durable
//! trace.
//!
//! ## Remediation
//!
//! Publish the engine's logs to CloudWatch Logs.
//!
//! `aws rds modify-db-instance --db-instance-identifier <id>
//! --cloudwatch-logs-export-configuration '{"EnableLogTypes":["postgresql"]}'` (the log
//! types depend on the engine).
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_LogAccess.Procedural.UploadtoCloudWatch.html

use kestrel_model::{Finding, Severity, Status};

use crate::rds::each_instance;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds_instance_integration_cloudwatch_logs",
        title: "RDS instance exports its logs to CloudWatch Logs",
        service: "rds",
        subservice: "instance",
        severity: Severity::Medium,
        resource_type: "AwsRdsDbInstance",
        categories: &["logging"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
        ],
        needs: &[kestrel_model::rds::DESCRIBE_DB_INSTANCES],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    each_instance(CHECK.meta.id, scan, emit, |db, _| {
        Some(if !db.cloudwatch_logs.is_empty() {
            (
                Status::Pass,
                format!(
                    "RDS Instance {} is shipping {} logs to CloudWatch Logs.",
                    db.id,
                    db.cloudwatch_logs.join(", ")
                ),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "RDS Instance {} does not have CloudWatch Logs enabled.",
                    db.id
                ),
            )
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rds::tests::instance;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{rds::DbInstance, Fetched};

    #[test]
    fn pass_lists_the_exported_logs() {
        let mut s = snapshot();
        region(&mut s).rds.instances = Fetched::Ok(vec![
            DbInstance {
                cloudwatch_logs: vec!["postgresql".into(), "upgrade".into()],
                ..instance("db-1")
            },
            instance("db-2"),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert!(f[0].status_extended.contains("postgresql, upgrade logs"));
    }
}
