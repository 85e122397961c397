//! Amazon EKS clusters (regional).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched, Tags};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const LIST_CLUSTERS: Action = Action::new("eks:ListClusters", 1);
pub const DESCRIBE_CLUSTER: Action = Action::new("eks:DescribeCluster", 0);

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Eks {
    pub clusters: Fetched<Vec<Cluster>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Cluster {
    pub name: String,
    pub arn: String,
    /// What DescribeCluster tells.
    pub details: Fetched<ClusterDetails>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClusterDetails {
    /// Kubernetes `major.minor`, empty when not reported.
    pub version: String,
    pub endpoint_public_access: bool,
    pub public_access_cidrs: Vec<String>,
    /// The cluster has an encryption config: Kubernetes secrets are envelope-encrypted
    /// with a KMS key of the account's.
    pub secrets_encrypted: bool,
    /// The control-plane log types enabled (from every enabled clusterLogging entry).
    pub enabled_log_types: Vec<String>,
    pub tags: Tags,
}
