//! EventBridge event buses (regional).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{Action, Fetched};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const LIST_EVENT_BUSES: Action = Action::new("events:ListEventBuses", 0);

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventBridge {
    pub buses: Fetched<Vec<EventBus>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventBus {
    pub name: String,
    pub arn: String,
    pub policy: Option<Value>,
}
