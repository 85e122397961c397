//! # neptune_cluster_public_snapshot
//!
//! ## Description
//!
//! Checks that no Neptune cluster snapshot of the account is shared with everyone (its
//! restore attribute lists all).
//!
//! Read from the RDS API's cluster snapshot listing (engine neptune); a snapshot whose
//! attributes could not be read is ERROR.
//!
//! ## Risk
//!
//! Any AWS account can restore a public snapshot into a Neptune cluster of its own and
//! read all of its data.
//!
//! ## Remediation
//!
//! Remove all from the snapshot's restore attribute and share it only with named
//! accounts that need it.
//!
//! `aws rds modify-db-cluster-snapshot-attribute --db-cluster-snapshot-identifier <id>
//! --attribute-name restore --values-to-remove all`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-share-snapshot.html
//! - https://docs.aws.amazon.com/neptune/latest/userguide/security-considerations.html

use kestrel_model::{Finding, Severity};

use crate::rds::public_snapshot_findings;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "neptune_cluster_public_snapshot",
        title: "NeptuneDB cluster snapshot is not publicly shared",
        service: "neptune",
        subservice: "",
        severity: Severity::Critical,
        resource_type: "AwsRdsDbClusterSnapshot",
        categories: &["internet-exposed"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Network Reachability",
            "Effects/Data Exposure",
            "TTPs/Initial Access/Unauthorized Access",
        ],
        needs: &[
            kestrel_model::rds::DESCRIBE_DB_CLUSTER_SNAPSHOTS,
            kestrel_model::rds::DESCRIBE_DB_CLUSTER_SNAPSHOT_ATTRIBUTES,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let texts = |id: &str| {
        (
            format!("NeptuneDB Cluster Snapshot {id} is public."),
            format!("NeptuneDB Cluster Snapshot {id} is not shared publicly."),
        )
    };
    public_snapshot_findings(CHECK.meta.id, scan, emit, true, |e| e == "neptune", texts);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rds::tests::snapshot as snap;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ApiError, Fetched, Status};

    #[test]
    fn only_this_engines_snapshots_public_fails() {
        let mut s = snapshot();
        let mut open = snap("open", "neptune", true);
        open.public = Fetched::Ok(true);
        let mut other = snap("aurora", "aurora-mysql", true);
        other.public = Fetched::Ok(true);
        let mut unknown = snap("unknown", "neptune", true);
        unknown.public = Fetched::Error(ApiError::new(
            "rds:DescribeDBClusterSnapshotAttributes",
            "AccessDenied",
            "",
        ));
        region(&mut s).rds.cluster_snapshots =
            Fetched::Ok(vec![open, snap("closed", "neptune", true), other, unknown]);
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
                ("unknown", Status::Error)
            ]
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
