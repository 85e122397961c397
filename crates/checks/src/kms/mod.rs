//! KMS checks.

use kestrel_model::kms::KmsKey;

use crate::Check;

pub mod kms_cmk_rotation_enabled;
pub mod kms_key_not_publicly_accessible;

pub const CHECKS: &[&Check] = &[
    &kms_cmk_rotation_enabled::CHECK,
    &kms_key_not_publicly_accessible::CHECK,
];

/// An enabled customer-managed key: the keys Prowler's KMS checks look at.
pub fn enabled_customer_key(k: &KmsKey) -> bool {
    k.manager == "CUSTOMER" && k.state == "Enabled"
}
