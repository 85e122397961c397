//! SQS queues (regional).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched, ResourceWithPolicy};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const LIST_QUEUES: Action = Action::new("sqs:ListQueues", 1);
pub const GET_QUEUE_ATTRIBUTES: Action = Action::new("sqs:GetQueueAttributes", 0);

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Sqs {
    pub queues: Fetched<Vec<ResourceWithPolicy>>,
}
