//! # efs_have_backup_enabled
//!
//! ## Description
//!
//! Checks that every EFS file system has automatic backups turned on: its backup policy
//! is enabled (or being enabled). A file system without any backup policy fails.
//!
//! AWS Security Hub control EFS.2.
//!
//! ## Risk
//!
//! Without backups, deleted or corrupted files (an operator's mistake, ransomware, a bad
//! deployment) cannot be restored.
//!
//! ## Remediation
//!
//! Turn on automatic backups for the file system, or include it in an AWS Backup plan.
//!
//! `aws efs put-backup-policy --file-system-id <id> --backup-policy Status=ENABLED`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/efs/latest/ug/awsbackup.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/efs-controls.html#efs-2

use kestrel_model::{Finding, Severity, Status};

use super::run_file_system_check;
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "efs_have_backup_enabled",
        title: "EFS file system has automatic backups enabled",
        service: "efs",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsEfsFileSystem",
        categories: &["resilience"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Effects/Data Destruction",
        ],
        needs: &[
            kestrel_model::efs::DESCRIBE_FILE_SYSTEMS,
            kestrel_model::efs::DESCRIBE_BACKUP_POLICY,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    run_file_system_check(scan, emit, id, |fs, region, emit| {
        let policy = collected(&fs.backup_policy, id, region, &fs.id, &fs.arn, emit)?;
        Some(match policy.as_deref() {
            Some("ENABLED" | "ENABLING") => {
                (Status::Pass, format!("EFS {} has backup enabled.", fs.id))
            }
            _ => (
                Status::Fail,
                format!("EFS {} does not have backup enabled.", fs.id),
            ),
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::efs::tests::fs;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{efs::FileSystem, ApiError, Fetched};

    fn check(policies: &[Fetched<Option<&str>>]) -> Vec<Finding> {
        let mut s = snapshot();
        region(&mut s).efs.file_systems = Fetched::Ok(
            policies
                .iter()
                .enumerate()
                .map(|(i, p)| FileSystem {
                    backup_policy: match p {
                        Fetched::Ok(v) => Fetched::Ok(v.map(str::to_string)),
                        Fetched::Error(e) => Fetched::Error(e.clone()),
                        Fetched::NotCollected => Fetched::NotCollected,
                    },
                    ..fs(&format!("fs-{i}"))
                })
                .collect(),
        );
        run(&CHECK, &s)
    }

    #[test]
    fn pass_when_enabled_or_enabling() {
        let f = check(&[Fetched::Ok(Some("ENABLED")), Fetched::Ok(Some("ENABLING"))]);
        assert_eq!(statuses(&f), [Status::Pass, Status::Pass]);
        assert_eq!(f[0].status_extended, "EFS fs-0 has backup enabled.");
    }

    #[test]
    fn fail_when_disabled_or_no_policy() {
        let f = check(&[
            Fetched::Ok(Some("DISABLED")),
            Fetched::Ok(Some("DISABLING")),
            Fetched::Ok(None),
        ]);
        assert_eq!(statuses(&f), [Status::Fail; 3]);
        assert_eq!(
            f[2].status_extended,
            "EFS fs-2 does not have backup enabled."
        );
    }

    #[test]
    fn error_when_the_policy_is_unreadable() {
        let denied = ApiError::new(
            "elasticfilesystem:DescribeBackupPolicy",
            "AccessDeniedException",
            "",
        );
        let f = check(&[Fetched::Error(denied), Fetched::NotCollected]);
        assert_eq!(statuses(&f), [Status::Error, Status::Error]);
        assert_eq!(f[0].resource_id, "fs-0");
    }
}
