//! # kms_cmk_rotation_enabled
//!
//! ## Description
//!
//! Checks that enabled customer-managed symmetric KMS keys have automatic key rotation
//! enabled.
//!
//! CIS 4.6. Keys with imported or external key material cannot rotate automatically and
//! FAIL, as in Prowler.
//!
//! ## Risk
//!
//! Without rotation, a single key version protects data indefinitely, so a compromised key
//! material exposes everything encrypted under it.
//!
//! ## Remediation
//!
//! Enable automatic rotation on the key (aws kms enable-key-rotation); for imported key
//! material, rotate manually by creating a new key and updating aliases.
//!
//! `aws kms enable-key-rotation --key-id <key-id>`, optionally with
//! `--rotation-period-in-days`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/kms/latest/developerguide/rotating-keys-enable.html
//! - https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html

use kestrel_model::{kms::KmsKey, Finding, Severity, Status};

use crate::kms::enabled_customer_key;
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "kms_cmk_rotation_enabled",
        title: "KMS customer-managed symmetric CMK has automatic rotation enabled",
        service: "kms",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsKmsKey",
        categories: &["encryption"],
        check_type: &["Data Protection"],
        needs: &[
            kestrel_model::kms::LIST_KEYS,
            kestrel_model::kms::DESCRIBE_KEY,
            kestrel_model::kms::GET_KEY_ROTATION_STATUS,
        ],
    },
    run,
};

fn in_scope(k: &KmsKey) -> bool {
    enabled_customer_key(k) && k.spec.contains("SYMMETRIC")
}

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(keys) = collected(&r.kms.keys, id, region, scan.account_id(), "", emit) else {
            continue;
        };
        for k in keys.iter().filter(|k| in_scope(k)) {
            // Prowler never asks for the rotation status of keys with external key
            // material, and KMS refuses it for CloudHSM keys: neither can rotate.
            let cannot_rotate = k.origin.contains("EXTERNAL")
                || k.rotation_enabled
                    .error()
                    .is_some_and(|e| e.code == "UnsupportedOperationException");
            let rotating = if cannot_rotate {
                false
            } else {
                let Some(on) = collected(&k.rotation_enabled, id, region, &k.id, &k.arn, emit)
                else {
                    continue;
                };
                *on
            };
            let (status, text) = if rotating {
                (
                    Status::Pass,
                    format!("KMS CMK {} has automatic rotation enabled.", k.id),
                )
            } else {
                (
                    Status::Fail,
                    format!("KMS CMK {} has automatic rotation disabled.", k.id),
                )
            };
            emit(Finding::new(id, status, region, &k.id, &k.arn, text).with_tags(&k.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ApiError, Fetched};

    fn key(id: &str, manager: &str, state: &str, spec: &str, rotation: Fetched<bool>) -> KmsKey {
        KmsKey {
            id: id.into(),
            arn: format!("arn:aws:kms:us-east-1:123456789012:key/{id}"),
            manager: manager.into(),
            state: state.into(),
            spec: spec.into(),
            origin: "AWS_KMS".into(),
            rotation_enabled: rotation,
            ..Default::default()
        }
    }

    fn check(keys: Vec<KmsKey>) -> Vec<Finding> {
        let mut s = snapshot();
        region(&mut s).kms.keys = Fetched::Ok(keys);
        run(&CHECK, &s)
    }

    #[test]
    fn pass_and_fail_on_customer_symmetric_keys() {
        let f = check(vec![
            key(
                "k1",
                "CUSTOMER",
                "Enabled",
                "SYMMETRIC_DEFAULT",
                Fetched::Ok(true),
            ),
            key(
                "k2",
                "CUSTOMER",
                "Enabled",
                "SYMMETRIC_DEFAULT",
                Fetched::Ok(false),
            ),
        ]);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert_eq!(f[1].resource_id, "k2");
    }

    #[test]
    fn out_of_scope_keys_are_skipped() {
        let f = check(vec![
            key(
                "aws",
                "AWS",
                "Enabled",
                "SYMMETRIC_DEFAULT",
                Fetched::NotCollected,
            ),
            key(
                "off",
                "CUSTOMER",
                "Disabled",
                "SYMMETRIC_DEFAULT",
                Fetched::NotCollected,
            ),
            key(
                "rsa",
                "CUSTOMER",
                "Enabled",
                "RSA_2048",
                Fetched::NotCollected,
            ),
        ]);
        assert!(f.is_empty());
    }

    #[test]
    fn external_material_fails_and_denied_status_is_error() {
        let mut external = key(
            "ext",
            "CUSTOMER",
            "Enabled",
            "SYMMETRIC_DEFAULT",
            Fetched::NotCollected,
        );
        external.origin = "EXTERNAL".into();
        let denied = key(
            "den",
            "CUSTOMER",
            "Enabled",
            "SYMMETRIC_DEFAULT",
            Fetched::Error(ApiError::new(
                "kms:GetKeyRotationStatus",
                "AccessDeniedException",
                "",
            )),
        );
        let f = check(vec![external, denied]);
        assert_eq!(statuses(&f), [Status::Fail, Status::Error]);
        assert_eq!(f[1].resource_id, "den");
    }
}
