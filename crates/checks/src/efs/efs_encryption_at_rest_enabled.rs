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

use super::run_file_system_check;
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
    run_file_system_check(scan, emit, CHECK.meta.id, |fs, _, _| {
        Some(if fs.encrypted {
            (
                Status::Pass,
                format!("EFS {} has encryption at rest enabled.", fs.id),
            )
        } else {
            (
                Status::Fail,
                format!("EFS {} does not have encryption at rest enabled.", fs.id),
            )
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{efs::FileSystem, ApiError, Fetched};

    fn fs(id: &str, encrypted: bool) -> FileSystem {
        FileSystem {
            encrypted,
            ..crate::efs::tests::fs(id)
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
