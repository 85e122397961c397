//! Secrets Manager secrets (regional).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched, ResourceWithPolicy};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const LIST_SECRETS: Action = Action::new("secretsmanager:ListSecrets", 1);
pub const GET_RESOURCE_POLICY: Action = Action::new("secretsmanager:GetResourcePolicy", 0);

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SecretsManager {
    pub secrets: Fetched<Vec<ResourceWithPolicy>>,
}
