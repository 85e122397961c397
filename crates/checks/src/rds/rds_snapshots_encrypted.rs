//! # rds_snapshots_encrypted
//!
//! ## Description
//!
//! Checks that every RDS DB instance snapshot and DB cluster snapshot of the account is
//! encrypted.
//!
//! DocumentDB snapshots are not assessed, as in Prowler.
//!
//! ## Risk
//!
//! An unencrypted snapshot exposes the database's contents to anyone who obtains a
//! copy, and every database restored from it starts unencrypted.
//!
//! ## Remediation
//!
//! Copy the snapshot with a KMS key (the copy is encrypted), restore from the copy
//! where needed, and delete the unencrypted original.
//!
//! `aws rds copy-db-snapshot --source-db-snapshot-identifier <id>
//! --target-db-snapshot-identifier <id>-enc --kms-key-id <key-arn>`
//! (`copy-db-cluster-snapshot` for cluster snapshots).
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.Encryption.html
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_CopySnapshot.html

use kestrel_model::{Finding, Severity, Status};

use crate::rds::{engine_in_scope, snapshots};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds_snapshots_encrypted",
        title: "RDS DB instance snapshot or DB cluster snapshot is encrypted",
        service: "rds",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsRdsDbSnapshot",
        categories: &["encryption"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
            "Effects/Data Exposure",
        ],
        needs: &[
            kestrel_model::rds::DESCRIBE_DB_SNAPSHOTS,
            kestrel_model::rds::DESCRIBE_DB_CLUSTER_SNAPSHOTS,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (cluster, kind) in [(false, "Instance"), (true, "Cluster")] {
        for (region, s) in snapshots(id, scan, cluster, engine_in_scope, emit) {
            let (status, text) = if s.encrypted {
                (
                    Status::Pass,
                    format!("RDS {kind} Snapshot {} is encrypted.", s.id),
                )
            } else {
                (
                    Status::Fail,
                    format!("RDS {kind} Snapshot {} is not encrypted.", s.id),
                )
            };
            emit(Finding::new(id, status, region, &s.id, &s.arn, text).with_tags(&s.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rds::tests::snapshot as snap;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{rds::DbSnapshot, ApiError, Fetched};

    #[test]
    fn encrypted_pass_plain_fail() {
        let mut s = snapshot();
        let r = region(&mut s);
        r.rds.snapshots = Fetched::Ok(vec![
            DbSnapshot {
                encrypted: true,
                ..snap("enc", "postgres", false)
            },
            snap("plain", "mysql", false),
        ]);
        r.rds.cluster_snapshots = Fetched::Ok(vec![
            snap("plain-cl", "aurora-mysql", true),
            snap("doc", "docdb", true),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail, Status::Fail]);
        assert_eq!(
            f[2].status_extended,
            "RDS Cluster Snapshot plain-cl is not encrypted."
        );
    }

    #[test]
    fn error_when_listing_fails() {
        let mut s = snapshot();
        let r = region(&mut s);
        r.rds.snapshots =
            Fetched::Error(ApiError::new("rds:DescribeDBSnapshots", "AccessDenied", ""));
        r.rds.cluster_snapshots = Fetched::Ok(vec![]);
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
