//! # kms_cmk_not_deleted_unintentionally
//!
//! ## Description
//!
//! Checks that no customer-managed KMS key is scheduled for deletion.
//!
//! AWS-managed keys are not assessed; disabled customer keys only when unused services
//! are scanned, as in Prowler.
//!
//! ## Risk
//!
//! Once the waiting period ends, a deleted key is gone for good, and so is every piece of
//! data encrypted under it: backups, volumes, secrets and objects become unreadable.
//!
//! ## Remediation
//!
//! Cancel the deletion of any key that is still needed during its waiting period, and
//! keep the key disabled until its users are confirmed; alarm on ScheduleKeyDeletion in
//! CloudTrail.
//!
//! `aws kms cancel-key-deletion --key-id <key-id>`, then `aws kms enable-key --key-id
//! <key-id>` if the key must be used again.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys.html
//! - https://docs.aws.amazon.com/kms/latest/developerguide/deleting-keys-scheduling-key-deletion.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "kms_cmk_not_deleted_unintentionally",
        title: "AWS KMS customer managed key is not scheduled for deletion",
        service: "kms",
        subservice: "",
        severity: Severity::Critical,
        resource_type: "AwsKmsKey",
        categories: &["encryption"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Effects/Data Destruction",
        ],
        needs: &[kestrel_model::kms::LIST_KEYS, kestrel_model::kms::DESCRIBE_KEY],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(keys) = collected(&r.kms.keys, id, region, scan.account_id(), "", emit) else {
            continue;
        };
        let in_scope = |state: &str| state != "Disabled" || scan.settings.scan_unused_services;
        for k in keys
            .iter()
            .filter(|k| k.manager == "CUSTOMER" && in_scope(&k.state))
        {
            let (status, text) = if k.state == "PendingDeletion" {
                (
                    Status::Fail,
                    format!(
                        "KMS CMK {} is scheduled for deletion; cancel it if that was not intended.",
                        k.id
                    ),
                )
            } else {
                (
                    Status::Pass,
                    format!("KMS CMK {} is not scheduled for deletion.", k.id),
                )
            };
            emit(Finding::new(id, status, region, &k.id, &k.arn, text).with_tags(&k.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, run_with, snapshot, statuses};
    use crate::Settings;
    use kestrel_model::{kms::KmsKey, ApiError, Fetched, Snapshot};

    fn key(id: &str, manager: &str, state: &str) -> KmsKey {
        KmsKey {
            id: id.into(),
            arn: format!("arn:aws:kms:us-east-1:123456789012:key/{id}"),
            manager: manager.into(),
            state: state.into(),
            ..Default::default()
        }
    }

    fn snap() -> Snapshot {
        let mut s = snapshot();
        region(&mut s).kms.keys = Fetched::Ok(vec![
            key("live", "CUSTOMER", "Enabled"),
            key("doomed", "CUSTOMER", "PendingDeletion"),
            key("off", "CUSTOMER", "Disabled"),
            key("aws", "AWS", "PendingDeletion"),
        ]);
        s
    }

    #[test]
    fn pending_deletion_fails_aws_keys_and_disabled_ones_skipped() {
        let f = run(&CHECK, &snap());
        let got: Vec<_> = f
            .iter()
            .map(|f| (f.resource_id.as_str(), f.status))
            .collect();
        assert_eq!(got, [("live", Status::Pass), ("doomed", Status::Fail)]);
        assert!(f[1].status_extended.contains("scheduled for deletion"));
    }

    #[test]
    fn disabled_keys_with_scan_unused_services() {
        let settings = Settings {
            scan_unused_services: true,
            ..Default::default()
        };
        let f = run_with(&CHECK, &snap(), &settings);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail, Status::Pass]);
    }

    #[test]
    fn error_when_keys_cannot_be_listed() {
        let mut s = snapshot();
        region(&mut s).kms.keys = Fetched::Error(ApiError::new("kms:ListKeys", "AccessDenied", ""));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
