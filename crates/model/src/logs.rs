//! CloudWatch Logs metric filters (regional).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const DESCRIBE_METRIC_FILTERS: Action = Action::new("logs:DescribeMetricFilters", 0);

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Logs {
    pub metric_filters: Fetched<Vec<MetricFilter>>,
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
