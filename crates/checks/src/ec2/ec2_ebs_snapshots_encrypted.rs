//! # ec2_ebs_snapshots_encrypted
//!
//! ## Description
//!
//! Checks that every EBS snapshot the account owns is encrypted.
//!
//! One finding per snapshot, as in Prowler. A snapshot of an unencrypted volume is itself
//! unencrypted; copying it is the only way to encrypt it.
//!
//! ## Risk
//!
//! An unencrypted snapshot's data is protected by nothing but its permissions: a mistaken
//! share, a copy to another account, or access to the storage behind it exposes it in
//! clear, and no key policy or key audit trail stands in the way.
//!
//! ## Remediation
//!
//! Copy the snapshot with encryption on and delete the unencrypted original; turn on EBS
//! encryption by default so that new volumes and snapshots are encrypted.
//!
//! `aws ec2 copy-snapshot --source-region <region> --source-snapshot-id <snap> --encrypted
//! --kms-key-id <key>`, then `aws ec2 enable-ebs-encryption-by-default`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
//! - https://docs.aws.amazon.com/ebs/latest/userguide/ebs-copy-snapshot.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2_ebs_snapshots_encrypted",
        title: "EBS snapshot is encrypted",
        service: "ec2",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsEc2Volume",
        categories: &["encryption"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Effects/Data Exposure",
        ],
        needs: &[kestrel_model::ec2::DESCRIBE_SNAPSHOTS],
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
            let (status, text) = if s.encrypted {
                (Status::Pass, format!("EBS Snapshot {} is encrypted.", s.id))
            } else {
                (
                    Status::Fail,
                    format!("EBS Snapshot {} is unencrypted.", s.id),
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

    #[test]
    fn fail_unencrypted_pass_encrypted() {
        let mut s = snapshot();
        let snap = |id: &str, encrypted| Snapshot {
            id: id.into(),
            encrypted,
            ..Default::default()
        };
        region(&mut s).ec2.snapshots =
            Fetched::Ok(vec![snap("snap-1", false), snap("snap-2", true)]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Fail, Status::Pass]);
        assert_eq!(f[0].status_extended, "EBS Snapshot snap-1 is unencrypted.");
    }

    #[test]
    fn error_when_snapshots_cannot_be_listed() {
        let mut s = snapshot();
        region(&mut s).ec2.snapshots = Fetched::Error(ApiError::new(
            "ec2:DescribeSnapshots",
            "UnauthorizedOperation",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
