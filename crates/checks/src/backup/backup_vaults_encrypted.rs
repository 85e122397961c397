//! # backup_vaults_encrypted
//!
//! ## Description
//!
//! Checks that every AWS Backup vault encrypts its recovery points with a KMS key (the
//! vault reports an encryption key).
//!
//! ## Risk
//!
//! Unencrypted backups expose the data they hold to anyone who reaches the storage, and
//! without a key of the account's there is no second control (a key policy) over who can
//! restore them.
//!
//! ## Remediation
//!
//! Create a vault encrypted with a customer managed KMS key and direct the backup plans'
//! rules to it (a vault's key cannot be changed after creation).
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/aws-backup/latest/devguide/encryption.html
//! - https://docs.aws.amazon.com/aws-backup/latest/devguide/vaults.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "backup_vaults_encrypted",
        title: "AWS Backup vault is encrypted",
        service: "backup",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsBackupBackupVault",
        categories: &["encryption"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/NIST 800-53 Controls (USA)",
            "Software and Configuration Checks/Industry and Regulatory Standards/NIST CSF Controls (USA)",
            "Software and Configuration Checks/Industry and Regulatory Standards/PCI-DSS",
            "Software and Configuration Checks/Industry and Regulatory Standards/ISO 27001 Controls",
            "Software and Configuration Checks/Industry and Regulatory Standards/HIPAA Controls (USA)",
        ],
        needs: &[kestrel_model::backup::LIST_BACKUP_VAULTS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(vaults) = collected(&r.backup.vaults, id, region, scan.account_id(), "", emit)
        else {
            continue;
        };
        for v in vaults {
            let (status, text) = if v.encryption_key_arn.is_empty() {
                (
                    Status::Fail,
                    format!("Backup Vault {} is not encrypted at rest.", v.name),
                )
            } else {
                (
                    Status::Pass,
                    format!("Backup Vault {} is encrypted at rest.", v.name),
                )
            };
            emit(Finding::new(id, status, region, &v.name, &v.arn, text).with_tags(&v.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{backup::Vault, ApiError, Fetched};

    #[test]
    fn pass_and_fail_per_vault() {
        let mut s = snapshot();
        let v = |name: &str, key: &str| Vault {
            name: name.into(),
            encryption_key_arn: key.into(),
            ..Default::default()
        };
        region(&mut s).backup.vaults = Fetched::Ok(vec![
            v("kept", "arn:aws:kms:us-east-1:123456789012:key/k"),
            v("bare", ""),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert_eq!(f[1].resource_id, "bare");
        assert_eq!(
            f[1].status_extended,
            "Backup Vault bare is not encrypted at rest."
        );
    }

    #[test]
    fn error_when_unreadable() {
        let mut s = snapshot();
        region(&mut s).backup.vaults = Fetched::Error(ApiError::new(
            "backup:ListBackupVaults",
            "AccessDeniedException",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
