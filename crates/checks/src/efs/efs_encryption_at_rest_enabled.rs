//! # efs_encryption_at_rest_enabled
//!
//! ## Description
//!
//! Checks that each Amazon EFS file system is encrypted at rest with AWS KMS.
//!
//! CIS 3.3.1.
//!
//! ## Risk
//!
//! Data on an unencrypted file system is stored in clear and is not protected by KMS key
//! policies, increasing the impact of unauthorized access to the storage.
//!
//! ## Remediation
//!
//! Create a new EFS file system with encryption at rest enabled (ideally with a
//! customer-managed KMS key), migrate the data, and delete the unencrypted one.
//!
//! Encryption at rest can only be chosen when a file system is created: `aws efs
//! create-file-system --encrypted --kms-key-id <key-arn>`, then copy the data across, for
//! example with AWS DataSync.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html
//! - https://docs.aws.amazon.com/efs/latest/ug/encryption.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "efs_encryption_at_rest_enabled",
        title: "EFS file system has encryption at rest enabled",
        service: "efs",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsEfsFileSystem",
        categories: &["encryption"],
        check_type: &["Data Protection"],
        needs: &[kestrel_model::efs::DESCRIBE_FILE_SYSTEMS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(filesystems) =
            collected(&r.efs.file_systems, id, region, scan.account_id(), "", emit)
        else {
            continue;
        };
        for fs in filesystems {
            let (status, text) = if fs.encrypted {
                (
                    Status::Pass,
                    format!("EFS {} has encryption at rest enabled.", fs.id),
                )
            } else {
                (
                    Status::Fail,
                    format!("EFS {} does not have encryption at rest enabled.", fs.id),
                )
            };
            emit(Finding::new(id, status, region, &fs.id, &fs.arn, text).with_tags(&fs.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{efs::FileSystem, ApiError, Fetched};

    fn fs(id: &str, encrypted: bool) -> FileSystem {
        FileSystem {
            id: id.into(),
            arn: format!("arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/{id}"),
            encrypted,
            ..Default::default()
        }
    }

    #[test]
    fn pass_and_fail_per_file_system() {
        let mut s = snapshot();
        region(&mut s).efs.file_systems = Fetched::Ok(vec![fs("fs-1", true), fs("fs-2", false)]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert_eq!(f[1].resource_id, "fs-2");
    }

    #[test]
    fn error_when_denied() {
        let mut s = snapshot();
        region(&mut s).efs.file_systems = Fetched::Error(ApiError::new(
            "elasticfilesystem:DescribeFileSystems",
            "AccessDeniedException",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
