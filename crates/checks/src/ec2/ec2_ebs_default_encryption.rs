//! # ec2_ebs_default_encryption
//!
//! ## Description
//!
//! Checks that EBS encryption by default is enabled in every region that has EBS volumes,
//! so new volumes and snapshot copies are always encrypted.
//!
//! CIS 6.1.1. Regions without EBS volumes are reported only when unused services are
//! scanned, as in Prowler.
//!
//! ## Risk
//!
//! Without default encryption, volumes created without the encryption flag store data at
//! rest unencrypted, exposing it if snapshots or disks are shared or leaked.
//!
//! ## Remediation
//!
//! Enable EBS encryption by default in each region (EC2 console > Settings > EBS
//! encryption, or aws ec2 enable-ebs-encryption-by-default), preferably with a
//! customer-managed KMS key.
//!
//! `aws ec2 enable-ebs-encryption-by-default --region <region>`; `aws ec2
//! modify-ebs-default-kms-key-id --kms-key-id <key-arn>` sets the customer-managed default
//! key.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html
//! - https://docs.aws.amazon.com/ebs/latest/userguide/ebs-encryption.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::{arn, collected};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2_ebs_default_encryption",
        title: "EBS default encryption is enabled",
        service: "ec2",
        subservice: "ebs",
        severity: Severity::High,
        resource_type: "AwsEc2Volume",
        categories: &["encryption"],
        check_type: &["Data Protection"],
        needs: &[
            kestrel_model::ec2::GET_EBS_ENCRYPTION_BY_DEFAULT,
            kestrel_model::ec2::DESCRIBE_VOLUMES,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let account = scan.account_id();
    for (region, r) in scan.regions() {
        let resource_arn = arn(scan.partition(), "ec2", region, account, "volume");
        if !scan.settings.scan_unused_services {
            let Some(volumes) = collected(&r.ec2.volumes, id, region, account, &resource_arn, emit)
            else {
                continue;
            };
            if volumes.is_empty() {
                continue;
            }
        }
        let Some(enabled) = collected(
            &r.ec2.ebs_encryption_by_default,
            id,
            region,
            account,
            &resource_arn,
            emit,
        ) else {
            continue;
        };
        let (status, text) = if *enabled {
            (Status::Pass, "EBS Default Encryption is activated.")
        } else {
            (Status::Fail, "EBS Default Encryption is not activated.")
        };
        emit(Finding::new(
            id,
            status,
            region,
            account,
            &resource_arn,
            text,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, run_with, snapshot, statuses, ACCOUNT};
    use crate::Settings;
    use kestrel_model::{ec2::Volume, ApiError, Fetched};

    fn snap(enabled: bool, volumes: usize) -> kestrel_model::Snapshot {
        let mut s = snapshot();
        region(&mut s).ec2.ebs_encryption_by_default = Fetched::Ok(enabled);
        region(&mut s).ec2.volumes = Fetched::Ok(
            (0..volumes)
                .map(|i| Volume {
                    id: format!("vol-{i}"),
                    ..Default::default()
                })
                .collect(),
        );
        s
    }

    #[test]
    fn pass_when_enabled() {
        let f = run(&CHECK, &snap(true, 1));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(f[0].resource_id, ACCOUNT);
        assert_eq!(
            f[0].resource_arn,
            "arn:aws:ec2:us-east-1:123456789012:volume"
        );
    }

    #[test]
    fn fail_when_disabled() {
        assert_eq!(statuses(&run(&CHECK, &snap(false, 2))), [Status::Fail]);
    }

    #[test]
    fn regions_without_volumes_only_with_scan_unused_services() {
        assert!(run(&CHECK, &snap(false, 0)).is_empty());
        let settings = Settings {
            scan_unused_services: true,
            ..Default::default()
        };
        assert_eq!(
            statuses(&run_with(&CHECK, &snap(false, 0), &settings)),
            [Status::Fail]
        );
    }

    #[test]
    fn error_when_denied() {
        let mut s = snap(true, 1);
        region(&mut s).ec2.ebs_encryption_by_default = Fetched::Error(ApiError::new(
            "ec2:GetEbsEncryptionByDefault",
            "UnauthorizedOperation",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
