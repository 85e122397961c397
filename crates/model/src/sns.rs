//! SNS topics (regional).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched, ResourceWithPolicy};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const LIST_TOPICS: Action = Action::new("sns:ListTopics", 1);
pub const GET_TOPIC_ATTRIBUTES: Action = Action::new("sns:GetTopicAttributes", 0);

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Sns {
    pub topics: Fetched<Vec<ResourceWithPolicy>>,
}
