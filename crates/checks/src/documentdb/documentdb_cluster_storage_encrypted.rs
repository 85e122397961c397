//! # documentdb_cluster_storage_encrypted
//!
//! ## Description
//!
//! Checks that each Amazon DocumentDB cluster encrypts its storage at rest.
//!
//! Read from the RDS API's cluster listing (engine docdb).
//!
//! ## Risk
//!
//! Unencrypted storage exposes the documents, indexes, backups and snapshots of the
//! cluster to anyone who gets at the underlying storage or a copy.
//!
//! ## Remediation
//!
//! Encryption is set when a cluster is created: snapshot the cluster, restore the
//! snapshot into a new cluster with a KMS key, and move clients to it.
//!
//! `aws docdb restore-db-cluster-from-snapshot --db-cluster-identifier <new>
//! --snapshot-identifier <id> --engine docdb --kms-key-id <key-arn>`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/documentdb/latest/developerguide/encryption-at-rest.html

use kestrel_model::{Finding, Severity, Status};

use crate::rds::clusters_of_engine;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "documentdb_cluster_storage_encrypted",
        title: "DocumentDB cluster storage is encrypted at rest",
        service: "documentdb",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsRdsDbCluster",
        categories: &["encryption"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/PCI-DSS",
            "Software and Configuration Checks/Industry and Regulatory Standards/HIPAA Controls (USA)",
            "Software and Configuration Checks/Industry and Regulatory Standards/NIST 800-53 Controls (USA)",
            "Software and Configuration Checks/Industry and Regulatory Standards/ISO 27001 Controls",
            "Effects/Data Exposure",
        ],
        needs: &[
            kestrel_model::rds::DESCRIBE_DB_CLUSTERS,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, c) in clusters_of_engine(id, scan, "docdb", emit) {
        let (status, text) = if c.storage_encrypted {
            (
                Status::Pass,
                format!("DocumentDB Cluster {} is encrypted at rest.", c.id),
            )
        } else {
            (
                Status::Fail,
                format!("DocumentDB Cluster {} is not encrypted at rest.", c.id),
            )
        };
        emit(Finding::new(id, status, region, &c.id, &c.arn, text).with_tags(&c.tags));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rds::tests::cluster;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{rds::DbCluster, ApiError, Fetched, Snapshot};

    fn snap(clusters: Vec<DbCluster>) -> Snapshot {
        let mut s = snapshot();
        region(&mut s).rds.clusters = Fetched::Ok(clusters);
        s
    }

    #[test]
    fn on_passes_off_fails_other_engines_skipped() {
        let f = run(
            &CHECK,
            &snap(vec![
                DbCluster {
                    storage_encrypted: true,
                    ..cluster("on", "docdb")
                },
                cluster("off", "docdb"),
                DbCluster {
                    storage_encrypted: true,
                    ..cluster("aurora", "aurora-mysql")
                },
            ]),
        );
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert_eq!(
            f[1].status_extended,
            format!("DocumentDB Cluster {} is not encrypted at rest.", "off")
        );
    }

    #[test]
    fn error_when_clusters_cannot_be_listed() {
        let mut s = snapshot();
        region(&mut s).rds.clusters =
            Fetched::Error(ApiError::new("rds:DescribeDBClusters", "AccessDenied", ""));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
