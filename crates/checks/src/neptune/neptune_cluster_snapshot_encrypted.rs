//! # neptune_cluster_snapshot_encrypted
//!
//! ## Description
//!
//! Checks that every Neptune cluster snapshot of the account is encrypted at rest.
//!
//! Read from the RDS API's cluster snapshot listing (engine neptune).
//!
//! ## Risk
//!
//! An unencrypted snapshot holds the graph's data in plaintext, and clusters restored
//! from it are unencrypted too.
//!
//! ## Remediation
//!
//! Neptune encryption is chosen when a cluster is created: restore the snapshot into a
//! new cluster with a KMS key, snapshot that cluster, and delete the unencrypted
//! snapshot.
//!
//! `aws neptune restore-db-cluster-from-snapshot --db-cluster-identifier <new>
//! --snapshot-identifier <id> --engine neptune --kms-key-id <key-arn>`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/neptune/latest/userguide/encrypt.html
//! - https://docs.aws.amazon.com/neptune/latest/userguide/backup-restore-restore-snapshot.html

use kestrel_model::{Finding, Severity, Status};

use crate::rds::snapshots;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "neptune_cluster_snapshot_encrypted",
        title: "Neptune DB cluster snapshot is encrypted at rest",
        service: "neptune",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsRdsDbClusterSnapshot",
        categories: &["encryption"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Encryption at Rest",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Effects/Data Exposure",
        ],
        needs: &[
            kestrel_model::rds::DESCRIBE_DB_CLUSTER_SNAPSHOTS,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, s) in snapshots(id, scan, true, |e| e == "neptune", emit) {
        let (status, text) = if s.encrypted {
            (
                Status::Pass,
                format!("Neptune Cluster Snapshot {} is encrypted at rest.", s.id),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "Neptune Cluster Snapshot {} is not encrypted at rest.",
                    s.id
                ),
            )
        };
        emit(Finding::new(id, status, region, &s.id, &s.arn, text).with_tags(&s.tags));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rds::tests::snapshot as snap;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{rds::DbSnapshot, ApiError, Fetched};

    #[test]
    fn encrypted_pass_plain_fail_other_engines_skipped() {
        let mut s = snapshot();
        region(&mut s).rds.cluster_snapshots = Fetched::Ok(vec![
            DbSnapshot {
                encrypted: true,
                ..snap("enc", "neptune", true)
            },
            snap("plain", "neptune", true),
            snap("aurora", "aurora-mysql", true),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert_eq!(
            f[1].status_extended,
            "Neptune Cluster Snapshot plain is not encrypted at rest."
        );
    }

    #[test]
    fn error_when_listing_fails() {
        let mut s = snapshot();
        region(&mut s).rds.cluster_snapshots = Fetched::Error(ApiError::new(
            "rds:DescribeDBClusterSnapshots",
            "AccessDenied",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
