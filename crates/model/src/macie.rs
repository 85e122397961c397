//! Macie (regional).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const GET_MACIE_SESSION: Action = Action::new("macie2:GetMacieSession", 0);

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Macie {
    /// The Macie session status (`ENABLED`, `PAUSED`); None when Macie is not enabled.
    pub status: Fetched<Option<String>>,
}
