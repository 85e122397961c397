//! AWS Config recorders (regional).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const DESCRIBE_CONFIGURATION_RECORDERS: Action =
    Action::new("config:DescribeConfigurationRecorders", 0);
pub const DESCRIBE_CONFIGURATION_RECORDER_STATUS: Action =
    Action::new("config:DescribeConfigurationRecorderStatus", 0);

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    pub recorders: Fetched<Vec<ConfigRecorder>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConfigRecorder {
    pub name: String,
    pub all_supported: bool,
    pub include_global_resource_types: bool,
    pub recording: bool,
    /// Last status: `SUCCESS`, `FAILURE`, `PENDING`, or None.
    pub last_status: Option<String>,
}
