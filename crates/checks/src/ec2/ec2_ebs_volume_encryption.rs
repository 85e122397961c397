//! # ec2_ebs_volume_encryption
//!
//! ## Description
//!
//! Checks that each EBS volume is encrypted at rest with KMS.
//!
//! ## Risk
//!
//! Data on unencrypted volumes and their snapshots can be read by anyone who obtains a copy
//! of the volume or snapshot.
//!
//! An encrypted volume also protects data in transit between the instance and the volume;
//! an unencrypted one does not.
//!
//! ## Remediation
//!
//! Replace unencrypted volumes with encrypted copies (snapshot, copy the snapshot with
//! encryption, restore) and enable EBS encryption by default.
//!
//! Encryption cannot be turned on for an existing volume. The copy step is `aws ec2
//! copy-snapshot --source-region <region> --source-snapshot-id <snapshot> --encrypted`;
//! detach the old volume and attach the new one in its place.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html
//! - https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2_ebs_volume_encryption",
        title: "EBS volume is encrypted",
        service: "ec2",
        subservice: "volume",
        severity: Severity::High,
        resource_type: "AwsEc2Volume",
        categories: &["encryption"],
        check_type: &["Data Protection"],
        needs: &[kestrel_model::ec2::DESCRIBE_VOLUMES],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(volumes) = collected(&r.ec2.volumes, id, region, scan.account_id(), "", emit)
        else {
            continue;
        };
        for v in volumes {
            let (status, text) = if v.encrypted {
                (Status::Pass, format!("EBS Volume {} is encrypted.", v.id))
            } else {
                (Status::Fail, format!("EBS Volume {} is unencrypted.", v.id))
            };
            emit(Finding::new(id, status, region, &v.id, &v.arn, text).with_tags(&v.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ec2::Volume, ApiError, Fetched};

    fn volume(id: &str, encrypted: bool) -> Volume {
        Volume {
            id: id.into(),
            arn: format!("arn:aws:ec2:us-east-1:123456789012:volume/{id}"),
            encrypted,
            state: "in-use".into(),
            ..Default::default()
        }
    }

    #[test]
    fn one_finding_per_volume() {
        let mut s = snapshot();
        region(&mut s).ec2.volumes =
            Fetched::Ok(vec![volume("vol-1", true), volume("vol-2", false)]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert_eq!(f[1].resource_id, "vol-2");
        assert!(f[1].resource_arn.ends_with("volume/vol-2"));
    }

    #[test]
    fn error_when_denied() {
        let mut s = snapshot();
        region(&mut s).ec2.volumes = Fetched::Error(ApiError::new(
            "ec2:DescribeVolumes",
            "UnauthorizedOperation",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
