//! # rds_snapshots_public_access
//!
//! ## Description
//!
//! Checks that no RDS DB instance snapshot or DB cluster snapshot of the account is
//! shared with everyone (its restore attribute lists all).
//!
//! DocumentDB snapshots are left to documentdb_cluster_public_snapshot, as in Prowler;
//! Neptune cluster snapshots are assessed here and by neptune_cluster_public_snapshot.
//! A snapshot whose attributes could not be read is ERROR.
//!
//! ## Risk
//!
//! Any AWS account can copy or restore a public snapshot and read the whole database it
//! holds, including credentials and personal data.
//!
//! ## Remediation
//!
//! Remove all from the snapshot's restore attribute; share with named accounts only,
//! and only encrypted snapshots with a customer-managed key.
//!
//! `aws rds modify-db-snapshot-attribute --db-snapshot-identifier <id> --attribute-name
//! restore --values-to-remove all` (`modify-db-cluster-snapshot-attribute` for cluster
//! snapshots).
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ShareSnapshot.html
//! - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-share-snapshot.html

use kestrel_model::{Finding, Severity};

use crate::rds::{engine_in_scope, public_snapshot_findings};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds_snapshots_public_access",
        title: "RDS snapshot is not publicly shared",
        service: "rds",
        subservice: "",
        severity: Severity::Critical,
        resource_type: "AwsRdsDbSnapshot",
        categories: &["internet-exposed"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Effects/Data Exposure",
            "TTPs/Collection",
        ],
        needs: &[
            kestrel_model::rds::DESCRIBE_DB_SNAPSHOTS,
            kestrel_model::rds::DESCRIBE_DB_SNAPSHOT_ATTRIBUTES,
            kestrel_model::rds::DESCRIBE_DB_CLUSTER_SNAPSHOTS,
            kestrel_model::rds::DESCRIBE_DB_CLUSTER_SNAPSHOT_ATTRIBUTES,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    for (cluster, kind) in [(false, "Instance"), (true, "Cluster")] {
        let texts = |id: &str| {
            (
                format!("RDS {kind} Snapshot {id} is public."),
                format!("RDS {kind} Snapshot {id} is not shared."),
            )
        };
        public_snapshot_findings(CHECK.meta.id, scan, emit, cluster, engine_in_scope, texts);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rds::tests::snapshot as snap;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ApiError, Fetched, Status};

    #[test]
    fn public_fails_private_passes_docdb_skipped() {
        let mut s = snapshot();
        let r = region(&mut s);
        let mut open = snap("open", "postgres", false);
        open.public = Fetched::Ok(true);
        r.rds.snapshots = Fetched::Ok(vec![open, snap("closed", "mysql", false)]);
        let mut open_cl = snap("open-cl", "neptune", true);
        open_cl.public = Fetched::Ok(true);
        r.rds.cluster_snapshots = Fetched::Ok(vec![open_cl, snap("doc", "docdb", true)]);
        let f = run(&CHECK, &s);
        let got: Vec<_> = f
            .iter()
            .map(|f| (f.resource_id.as_str(), f.status))
            .collect();
        assert_eq!(
            got,
            [
                ("open", Status::Fail),
                ("closed", Status::Pass),
                ("open-cl", Status::Fail)
            ]
        );
        assert_eq!(
            f[0].status_extended,
            "RDS Instance Snapshot open is public."
        );
        assert_eq!(
            f[2].status_extended,
            "RDS Cluster Snapshot open-cl is public."
        );
    }

    #[test]
    fn unreadable_attributes_or_listing_are_errors() {
        let mut s = snapshot();
        let r = region(&mut s);
        let mut x = snap("x", "postgres", false);
        x.public = Fetched::Error(ApiError::new(
            "rds:DescribeDBSnapshotAttributes",
            "AccessDenied",
            "",
        ));
        r.rds.snapshots = Fetched::Ok(vec![x]);
        r.rds.cluster_snapshots = Fetched::Error(ApiError::new(
            "rds:DescribeDBClusterSnapshots",
            "AccessDenied",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error, Status::Error]);
    }
}
