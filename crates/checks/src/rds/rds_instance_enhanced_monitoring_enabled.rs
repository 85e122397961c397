//! # rds_instance_enhanced_monitoring_enabled
//!
//! ## Description
//!
//! Checks that each RDS DB instance has Enhanced Monitoring on, i.e. sends operating-system
//! metrics of its host to CloudWatch Logs.
//!
//! ## Risk
//!
//! Without host-level metrics (processes, memory, I/O per second), resource exhaustion,
//! runaway queries or unexpected activity on the database host go unseen until they cause
//! an outage.
//!
//! ## Remediation
//!
//! Turn Enhanced Monitoring on with a monitoring role and an interval.
//!
//! `aws rds modify-db-instance --db-instance-identifier <id> --monitoring-interval 60
//! --monitoring-role-arn <role-arn>`
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.html

use kestrel_model::{Finding, Severity, Status};

use crate::rds::each_instance;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds_instance_enhanced_monitoring_enabled",
        title: "RDS instance has Enhanced Monitoring enabled",
        service: "rds",
        subservice: "instance",
        severity: Severity::Low,
        resource_type: "AwsRdsDbInstance",
        categories: &["logging"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Runtime Behavior Analysis",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
        ],
        needs: &[kestrel_model::rds::DESCRIBE_DB_INSTANCES],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    each_instance(CHECK.meta.id, scan, emit, |db, _| {
        Some(if db.enhanced_monitoring_arn.is_some() {
            (
                Status::Pass,
                format!("RDS Instance {} has enhanced monitoring enabled.", db.id),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "RDS Instance {} does not have enhanced monitoring enabled.",
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
    fn pass_and_fail_per_instance() {
        let mut s = snapshot();
        region(&mut s).rds.instances = Fetched::Ok(vec![
            DbInstance {
                enhanced_monitoring_arn: Some(
                    "arn:aws:logs:us-east-1:123456789012:log-group:RDSOSMetrics:log-stream:db-1"
                        .into(),
                ),
                ..instance("db-1")
            },
            instance("db-2"),
        ]);
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Pass, Status::Fail]);
    }
}
