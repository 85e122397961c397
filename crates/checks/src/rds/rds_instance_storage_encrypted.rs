//! # rds_instance_storage_encrypted
//!
//! ## Description
//!
//! Checks that each RDS DB instance has storage encryption enabled.
//!
//! CIS 3.2.1.
//!
//! ## Risk
//!
//! Unencrypted database storage, backups and snapshots expose their data to anyone who
//! gains access to the underlying storage or a shared snapshot.
//!
//! ## Remediation
//!
//! Create an encrypted copy of a snapshot of the instance and restore from it (encryption
//! cannot be enabled in place); use a customer-managed KMS key where possible.
//!
//! `aws rds create-db-snapshot`, `aws rds copy-db-snapshot --kms-key-id <key-arn>`, then
//! `aws rds restore-db-instance-from-db-snapshot` from the encrypted copy.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/encryption-best-practices.html

use kestrel_model::{Finding, Severity, Status};

use crate::rds::each_instance;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds_instance_storage_encrypted",
        title: "RDS DB instance storage is encrypted at rest",
        service: "rds",
        subservice: "instance",
        severity: Severity::High,
        resource_type: "AwsRdsDbInstance",
        categories: &["encryption"],
        check_type: &["Data Protection"],
        needs: &[kestrel_model::rds::DESCRIBE_DB_INSTANCES],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    each_instance(CHECK.meta.id, scan, emit, |db, _| {
        Some(if db.storage_encrypted {
            (
                Status::Pass,
                format!("RDS Instance {} is encrypted.", db.id),
            )
        } else {
            (
                Status::Fail,
                format!("RDS Instance {} is not encrypted.", db.id),
            )
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rds::tests::instance;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{rds::DbInstance, ApiError, Fetched};

    #[test]
    fn pass_and_fail_per_instance_docdb_skipped() {
        let mut s = snapshot();
        region(&mut s).rds.instances = Fetched::Ok(vec![
            DbInstance {
                storage_encrypted: true,
                ..instance("db-1")
            },
            instance("db-2"),
            DbInstance {
                engine: "docdb".into(),
                ..instance("docdb-1")
            },
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert_eq!(
            f[1].resource_arn,
            "arn:aws:rds:us-east-1:123456789012:db:db-2"
        );
    }

    #[test]
    fn error_when_denied() {
        let mut s = snapshot();
        region(&mut s).rds.instances =
            Fetched::Error(ApiError::new("rds:DescribeDBInstances", "AccessDenied", ""));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
