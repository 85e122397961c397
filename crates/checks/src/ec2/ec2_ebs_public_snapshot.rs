//! # ec2_ebs_public_snapshot
//!
//! ## Description
//!
//! Checks that none of the account's EBS snapshots can be restored by anyone.
//!
//! AWS FSBP EC2.1. A snapshot is public when its createVolumePermission includes the group
//! `all`; sharing with named accounts is not public. Every snapshot the account owns is
//! reported. Where Prowler passes a snapshot whose permissions could not be read
//! (AccessDenied is silently ignored there), kestrel reports ERROR with the reason.
//!
//! ## Risk
//!
//! Anyone with an AWS account can create a volume from a public snapshot and read
//! everything it holds: databases, keys, credentials and customer data.
//!
//! ## Remediation
//!
//! Remove the public permission; share with specific accounts instead when others need the
//! snapshot, and block public sharing for the region.
//!
//! `aws ec2 modify-snapshot-attribute --snapshot-id <snap> --attribute
//! createVolumePermission --operation-type remove --group-names all`, then `aws ec2
//! enable-snapshot-block-public-access --state block-all-sharing`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-1
//! - https://docs.aws.amazon.com/ebs/latest/userguide/ebs-modifying-snapshot-permissions.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2_ebs_public_snapshot",
        title: "EBS snapshot cannot be restored by everyone",
        service: "ec2",
        subservice: "",
        severity: Severity::Critical,
        resource_type: "AwsEc2Volume",
        categories: &["internet-exposed"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Effects/Data Exposure",
        ],
        needs: &[
            kestrel_model::ec2::DESCRIBE_SNAPSHOTS,
            kestrel_model::ec2::DESCRIBE_SNAPSHOT_ATTRIBUTE,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(snapshots) = collected(&r.ec2.snapshots, id, region, scan.account_id(), "", emit)
        else {
            continue;
        };
        for s in snapshots {
            let Some(public) = collected(&s.public, id, region, &s.id, &s.arn, emit) else {
                continue;
            };
            let (status, text) = if *public {
                (
                    Status::Fail,
                    format!("EBS Snapshot {} is currently Public.", s.id),
                )
            } else {
                (
                    Status::Pass,
                    format!("EBS Snapshot {} is not Public.", s.id),
                )
            };
            emit(Finding::new(id, status, region, &s.id, &s.arn, text).with_tags(&s.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ec2::Snapshot, ApiError, Fetched};

    fn snap(id: &str, public: Fetched<bool>) -> Snapshot {
        Snapshot {
            id: id.into(),
            arn: format!("arn:aws:ec2:us-east-1:123456789012:snapshot/{id}"),
            public,
            ..Default::default()
        }
    }

    #[test]
    fn fail_public_pass_private_error_unreadable() {
        let mut s = snapshot();
        region(&mut s).ec2.snapshots = Fetched::Ok(vec![
            snap("snap-1", Fetched::Ok(true)),
            snap("snap-2", Fetched::Ok(false)),
            snap(
                "snap-3",
                Fetched::Error(ApiError::new(
                    "ec2:DescribeSnapshotAttribute",
                    "UnauthorizedOperation",
                    "",
                )),
            ),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Fail, Status::Pass, Status::Error]);
        assert_eq!(
            f[0].status_extended,
            "EBS Snapshot snap-1 is currently Public."
        );
        assert_eq!(f[1].status_extended, "EBS Snapshot snap-2 is not Public.");
        assert_eq!(f[2].resource_id, "snap-3");
    }
}
