//! Amazon ECR repositories (regional).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched, Tags};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const DESCRIBE_REPOSITORIES: Action = Action::new("ecr:DescribeRepositories", 1);
pub const GET_LIFECYCLE_POLICY: Action = Action::new("ecr:GetLifecyclePolicy", 0);

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Ecr {
    pub repositories: Fetched<Vec<Repository>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Repository {
    pub name: String,
    pub arn: String,
    pub scan_on_push: bool,
    /// `MUTABLE`, `IMMUTABLE`, `MUTABLE_WITH_EXCLUSION`, `IMMUTABLE_WITH_EXCLUSION`.
    pub tag_mutability: String,
    /// Whether a lifecycle policy is set (LifecyclePolicyNotFound: false).
    pub lifecycle_policy: Fetched<bool>,
    pub tags: Tags,
}
