//! AWS Backup plans and vaults (regional).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched, Tags};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const LIST_BACKUP_PLANS: Action = Action::new("backup:ListBackupPlans", 0);
pub const LIST_BACKUP_VAULTS: Action = Action::new("backup:ListBackupVaults", 0);

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Backup {
    pub plans: Fetched<Vec<Plan>>,
    pub vaults: Fetched<Vec<Vault>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Plan {
    pub name: String,
    pub arn: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Vault {
    pub name: String,
    pub arn: String,
    /// The KMS key that encrypts its recovery points; empty when none is reported.
    pub encryption_key_arn: String,
    pub tags: Tags,
}
