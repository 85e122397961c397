//! Amazon EMR clusters and the account's Block Public Access setting (regional).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched, Tags};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const LIST_CLUSTERS: Action = Action::new("elasticmapreduce:ListClusters", 1);
pub const DESCRIBE_CLUSTER: Action = Action::new("elasticmapreduce:DescribeCluster", 0);
pub const GET_BLOCK_PUBLIC_ACCESS_CONFIGURATION: Action =
    Action::new("elasticmapreduce:GetBlockPublicAccessConfiguration", 0);

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Emr {
    /// Clusters not yet terminated.
    pub clusters: Fetched<Vec<Cluster>>,
    /// BlockPublicSecurityGroupRules (false when the answer does not say).
    pub block_public_access: Fetched<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Cluster {
    pub id: String,
    pub name: String,
    pub arn: String,
    pub state: String,
    /// The master node's public DNS name, None when it has none.
    pub master_public_dns: Fetched<Option<String>>,
    pub tags: Tags,
}
