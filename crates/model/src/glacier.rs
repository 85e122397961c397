//! S3 Glacier vaults (regional).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched, ResourceWithPolicy};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const LIST_VAULTS: Action = Action::new("glacier:ListVaults", 1);
pub const GET_VAULT_ACCESS_POLICY: Action = Action::new("glacier:GetVaultAccessPolicy", 0);

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Glacier {
    pub vaults: Fetched<Vec<ResourceWithPolicy>>,
}
