//! # rds_instance_minor_version_upgrade_enabled
//!
//! ## Description
//!
//! Checks that each RDS DB instance has Auto Minor Version Upgrade enabled, so engine
//! patches are applied automatically during the maintenance window.
//!
//! CIS 3.2.2.
//!
//! ## Risk
//!
//! Without automatic minor upgrades, known engine vulnerabilities and bugs stay unpatched
//! until someone upgrades manually.
//!
//! ## Remediation
//!
//! Enable Auto Minor Version Upgrade on the instance (console Modify, or aws rds
//! modify-db-instance --auto-minor-version-upgrade).
//!
//! `aws rds modify-db-instance --db-instance-identifier <id> --auto-minor-version-upgrade
//! --apply-immediately`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Upgrading.html#USER_UpgradeDBInstance.Upgrading.AutoMinorVersionUpgrades
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_UpgradeDBInstance.Maintenance.html

use kestrel_model::{Finding, Severity, Status};

use crate::rds::each_instance;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds_instance_minor_version_upgrade_enabled",
        title: "RDS instance has minor version upgrade enabled",
        service: "rds",
        subservice: "instance",
        severity: Severity::Medium,
        resource_type: "AwsRdsDbInstance",
        categories: &["vulnerabilities"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices"],
        needs: &[kestrel_model::rds::DESCRIBE_DB_INSTANCES],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    each_instance(CHECK.meta.id, scan, emit, |db, _| {
        Some(if db.auto_minor_version_upgrade {
            (
                Status::Pass,
                format!("RDS Instance {} has minor version upgrade enabled.", db.id),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "RDS Instance {} does not have minor version upgrade enabled.",
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

    fn check(auto: bool) -> Vec<Status> {
        let mut s = snapshot();
        region(&mut s).rds.instances = Fetched::Ok(vec![DbInstance {
            auto_minor_version_upgrade: auto,
            ..instance("db-1")
        }]);
        statuses(&run(&CHECK, &s))
    }

    #[test]
    fn pass_when_enabled() {
        assert_eq!(check(true), [Status::Pass]);
    }

    #[test]
    fn fail_when_disabled() {
        assert_eq!(check(false), [Status::Fail]);
    }

    #[test]
    fn error_when_not_collected() {
        assert_eq!(statuses(&run(&CHECK, &snapshot())), [Status::Error]);
    }
}
