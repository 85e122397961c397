//! # rds_cluster_storage_encrypted
//!
//! ## Description
//!
//! Checks that each RDS DB cluster encrypts its storage (and so its instances, automated
//! backups and snapshots).
//!
//! ## Risk
//!
//! Unencrypted cluster storage and snapshots expose the data to anyone who obtains the
//! underlying volumes or a shared snapshot.
//!
//! ## Remediation
//!
//! Encryption cannot be turned on in place: take a snapshot, restore it into a new cluster
//! with --storage-encrypted --kms-key-id <key>, and move applications to it.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Overview.Encryption.html

use kestrel_model::{Finding, Severity, Status};

use crate::rds::each_cluster;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds_cluster_storage_encrypted",
        title: "RDS cluster storage is encrypted at rest",
        service: "rds",
        subservice: "cluster",
        severity: Severity::High,
        resource_type: "AwsRdsDbCluster",
        categories: &["encryption"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
        ],
        needs: &[kestrel_model::rds::DESCRIBE_DB_CLUSTERS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    each_cluster(CHECK.meta.id, scan, emit, |c, _| {
        Some(if c.storage_encrypted {
            (Status::Pass, format!("RDS cluster {} is encrypted.", c.id))
        } else {
            (
                Status::Fail,
                format!("RDS cluster {} is not encrypted.", c.id),
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
    fn pass_and_fail_per_cluster() {
        let mut s = snapshot();
        region(&mut s).rds.clusters = Fetched::Ok(vec![
            DbCluster {
                storage_encrypted: true,
                ..cluster("c-1", "aurora-mysql")
            },
            cluster("c-2", "aurora-postgresql"),
        ]);
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Pass, Status::Fail]);
    }
}
