//! CloudFront (global).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched, Tags};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const LIST_DISTRIBUTIONS: Action = Action::new("cloudfront:ListDistributions", 1);
pub const GET_DISTRIBUTION_CONFIG: Action = Action::new("cloudfront:GetDistributionConfig", 0);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CloudFront {
    pub distributions: Fetched<Vec<Distribution>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Distribution {
    pub id: String,
    pub arn: String,
    /// Standard logging enabled in the distribution config.
    pub logging_enabled: Fetched<bool>,
    /// Any cache behavior with a real-time log config.
    pub realtime_logging: bool,
    pub tags: Tags,
}
