//! KMS keys (regional).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{Action, Fetched, Tags};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const LIST_KEYS: Action = Action::new("kms:ListKeys", 2);
pub const DESCRIBE_KEY: Action = Action::new("kms:DescribeKey", 1);
pub const GET_KEY_ROTATION_STATUS: Action = Action::new("kms:GetKeyRotationStatus", 0);
pub const GET_KEY_POLICY: Action = Action::new("kms:GetKeyPolicy", 0);

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Kms {
    pub keys: Fetched<Vec<KmsKey>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct KmsKey {
    pub id: String,
    pub arn: String,
    /// `CUSTOMER` or `AWS`.
    pub manager: String,
    /// `Enabled`, `Disabled`, `PendingDeletion`, …
    pub state: String,
    /// `SYMMETRIC_DEFAULT`, `RSA_2048`, …
    pub spec: String,
    pub origin: String,
    pub rotation_enabled: Fetched<bool>,
    pub policy: Fetched<Option<Value>>,
    pub tags: Tags,
}
