//! CloudTrail trails (regional).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{Action, Fetched, Tags};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const DESCRIBE_TRAILS: Action = Action::new("cloudtrail:DescribeTrails", 1);
pub const GET_TRAIL_STATUS: Action = Action::new("cloudtrail:GetTrailStatus", 0);
pub const GET_EVENT_SELECTORS: Action = Action::new("cloudtrail:GetEventSelectors", 0);
pub const LIST_TAGS: Action = Action::new("cloudtrail:ListTags", 0);

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CloudTrail {
    pub trails: Fetched<Vec<Trail>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Trail {
    pub name: String,
    pub arn: String,
    pub home_region: String,
    pub is_multi_region: bool,
    pub is_organization_trail: bool,
    pub log_file_validation_enabled: bool,
    pub kms_key_id: Option<String>,
    pub s3_bucket_name: Option<String>,
    pub cloudwatch_logs_log_group_arn: Option<String>,
    pub is_logging: Fetched<bool>,
    /// When the trail last delivered events to its CloudWatch Logs log group (RFC 3339),
    /// from the same GetTrailStatus answer as `is_logging`; None when it never did or
    /// has no log group.
    pub latest_cloudwatch_logs_delivery: Option<String>,
    pub event_selectors: Fetched<EventSelectors>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventSelectors {
    pub basic: Vec<EventSelector>,
    /// Advanced event selectors as returned (field selectors).
    pub advanced: Vec<Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventSelector {
    /// `ReadOnly`, `WriteOnly` or `All`.
    pub read_write_type: String,
    pub include_management_events: bool,
    pub data_resources: Vec<DataResource>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DataResource {
    /// e.g. `AWS::S3::Object`.
    pub resource_type: String,
    pub values: Vec<String>,
}
