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

use kestrel_model::{Finding, Severity, Status};

use crate::rds::snapshots;
use crate::util::collected;
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
    let id = CHECK.meta.id;
    for (region, s) in snapshots(id, scan, true, |e| e == "neptune", emit) {
        let Some(public) = collected(&s.public, id, region, &s.id, &s.arn, emit) else {
            continue;
        };
        let (status, text) = if *public {
            (
                Status::Fail,
                format!("NeptuneDB Cluster Snapshot {} is public.", s.id),
            )
        } else {
            (
                Status::Pass,
                format!(
                    "NeptuneDB Cluster Snapshot {} is not shared publicly.",
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
    use kestrel_model::{ApiError, Fetched};

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
