//! # rds_instance_backup_enabled
//!
//! ## Description
//!
//! Checks that each RDS DB instance keeps automated backups, i.e. has a backup retention
//! period of at least one day. Read replicas are left out unless the
//! check_rds_instance_replicas setting is on (Prowler's default: off), because a replica's
//! source holds the backups.
//!
//! ## Risk
//!
//! Without automated backups there is no point-in-time recovery: a deletion, a corrupting
//! write or ransomware leaves nothing to restore from.
//!
//! ## Remediation
//!
//! Set a backup retention period of 7 days or more.
//!
//! `aws rds modify-db-instance --db-instance-identifier <id> --backup-retention-period 7
//! --apply-immediately`
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html

use kestrel_model::{Finding, Severity, Status};

use crate::rds::each_instance;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds_instance_backup_enabled",
        title: "RDS instance has automated backups (retention period above 0 days)",
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
        needs: &[kestrel_model::rds::DESCRIBE_DB_INSTANCES],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let replicas = scan.settings.check_rds_instance_replicas;
    each_instance(CHECK.meta.id, scan, emit, |db, _| {
        if db.replica_source.is_some() && !replicas {
            return None;
        }
        Some(if db.backup_retention_period > 0 {
            (
                Status::Pass,
                format!(
                    "RDS Instance {} has backup enabled with retention period {} days.",
                    db.id, db.backup_retention_period
                ),
            )
        } else {
            (
                Status::Fail,
                format!("RDS Instance {} does not have backup enabled.", db.id),
            )
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rds::tests::instance;
    use crate::testkit::run_with;
    use crate::testkit::{region, run, snapshot, statuses};
    use crate::Settings;
    use kestrel_model::{rds::DbInstance, Fetched};

    #[test]
    fn pass_fail_and_replicas_left_out_unless_asked() {
        let mut s = snapshot();
        region(&mut s).rds.instances = Fetched::Ok(vec![
            DbInstance {
                backup_retention_period: 7,
                ..instance("db-1")
            },
            instance("db-2"),
            DbInstance {
                replica_source: Some("db-1".into()),
                ..instance("replica")
            },
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert!(f[0].status_extended.contains("retention period 7 days"));
        let settings = Settings {
            check_rds_instance_replicas: true,
            ..Settings::default()
        };
        let f = run_with(&CHECK, &s, &settings);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail, Status::Fail]);
        assert_eq!(f[2].resource_id, "replica");
    }
}
