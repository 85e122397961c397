//! Amazon ECS task definitions and services (regional).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched, Tags};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const LIST_TASK_DEFINITIONS: Action = Action::new("ecs:ListTaskDefinitions", 1);
pub const DESCRIBE_TASK_DEFINITION: Action = Action::new("ecs:DescribeTaskDefinition", 0);
pub const LIST_CLUSTERS: Action = Action::new("ecs:ListClusters", 2);
pub const LIST_SERVICES: Action = Action::new("ecs:ListServices", 1);
pub const DESCRIBE_SERVICES: Action = Action::new("ecs:DescribeServices", 0);

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Ecs {
    /// Every ACTIVE revision of every family (as Prowler audits them).
    pub task_definitions: Fetched<Vec<TaskDefinition>>,
    /// The services of every cluster.
    pub services: Fetched<Vec<Service>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TaskDefinition {
    pub arn: String,
    pub family: String,
    pub revision: String,
    /// What DescribeTaskDefinition tells.
    pub details: Fetched<TaskDefinitionDetails>,
}

impl TaskDefinition {
    /// `family:revision`, the finding's resource id (as in Prowler).
    pub fn id(&self) -> String {
        format!("{}:{}", self.family, self.revision)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TaskDefinitionDetails {
    /// `bridge` (the default when absent), `host`, `awsvpc`, `none`.
    pub network_mode: String,
    /// `host`, `task`, or empty.
    pub pid_mode: String,
    pub containers: Vec<Container>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Container {
    pub name: String,
    pub privileged: bool,
    pub readonly_root_filesystem: bool,
    /// Empty when not set.
    pub user: String,
    /// The log configuration's driver, empty without one.
    pub log_driver: String,
    /// Plain environment variables (name, value), in order.
    pub environment: Vec<(String, String)>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Service {
    pub name: String,
    pub arn: String,
    /// The cluster's name.
    pub cluster: String,
    /// Its awsvpc network configuration assigns public IPs.
    pub assign_public_ip: bool,
    pub tags: Tags,
}
