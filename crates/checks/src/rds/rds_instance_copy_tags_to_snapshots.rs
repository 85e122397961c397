//! # rds_instance_copy_tags_to_snapshots
//!
//! ## Description
//!
//! Checks that each RDS DB instance outside Aurora copies its tags to its snapshots. Aurora
//! instances are left out: for them the setting belongs to the cluster
//! (rds_cluster_copy_tags_to_snapshots).
//!
//! ## Risk
//!
//! Untagged snapshots lose the owner, classification and cost information of their
//! database, so access rules and retention policies based on tags miss them.
//!
//! ## Remediation
//!
//! Change the setting on the DB instance (console: Modify; or the CLI).
//!
//! `aws rds modify-db-instance --db-instance-identifier <id> --copy-tags-to-snapshot`
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Tagging.html#USER_Tagging.CopyTags

use kestrel_model::{Finding, Severity, Status};

use crate::rds::each_instance;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds_instance_copy_tags_to_snapshots",
        title: "RDS instance copies its tags to snapshots",
        service: "rds",
        subservice: "instance",
        severity: Severity::Low,
        resource_type: "AwsRdsDbInstance",
        categories: &[],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices"],
        needs: &[kestrel_model::rds::DESCRIBE_DB_INSTANCES],
    },
    run,
};

const AURORA: [&str; 3] = ["aurora", "aurora-mysql", "aurora-postgresql"];

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    each_instance(CHECK.meta.id, scan, emit, |db, _| {
        if AURORA.contains(&db.engine.as_str()) {
            return None;
        }
        Some(if db.copy_tags_to_snapshot {
            (
                Status::Pass,
                format!("RDS Instance {} has copy tags to snapshots enabled.", db.id),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "RDS Instance {} does not have copy tags to snapshots enabled.",
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
    fn pass_fail_and_aurora_left_out() {
        let mut s = snapshot();
        region(&mut s).rds.instances = Fetched::Ok(vec![
            DbInstance {
                copy_tags_to_snapshot: true,
                ..instance("db-1")
            },
            instance("db-2"),
            DbInstance {
                engine: "aurora-postgresql".into(),
                ..instance("db-3")
            },
        ]);
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Pass, Status::Fail]);
    }
}
