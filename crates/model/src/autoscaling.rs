//! EC2 Auto Scaling groups (regional).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched, Tags};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const DESCRIBE_AUTO_SCALING_GROUPS: Action =
    Action::new("autoscaling:DescribeAutoScalingGroups", 0);

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AutoScaling {
    pub groups: Fetched<Vec<Group>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Group {
    pub name: String,
    pub arn: String,
    pub availability_zones: Vec<String>,
    pub tags: Tags,
}
