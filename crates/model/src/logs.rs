//! CloudWatch Logs metric filters, log groups and resource policies (regional).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const DESCRIBE_METRIC_FILTERS: Action = Action::new("logs:DescribeMetricFilters", 0);
pub const DESCRIBE_LOG_GROUPS: Action = Action::new("logs:DescribeLogGroups", 0);
pub const DESCRIBE_RESOURCE_POLICIES: Action = Action::new("logs:DescribeResourcePolicies", 0);

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Logs {
    pub metric_filters: Fetched<Vec<MetricFilter>>,
    pub log_groups: Fetched<Vec<LogGroup>>,
    /// The region's CloudWatch Logs resource policies (their documents).
    pub resource_policies: Fetched<Vec<serde_json::Value>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LogGroup {
    pub name: String,
    /// As DescribeLogGroups gives it (`…:log-group:<name>:*`).
    pub arn: String,
    /// `retentionInDays`; None = events never expire.
    pub retention_in_days: Option<i32>,
    /// `kmsKeyId`: the KMS key that encrypts the group, if one is associated.
    pub kms_key_id: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MetricFilter {
    pub name: String,
    pub log_group_name: String,
    pub pattern: String,
    /// (metric name, namespace) pairs.
    pub metrics: Vec<(String, String)>,
}
