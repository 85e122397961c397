//! Amazon MSK (Kafka) clusters (regional).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched, Tags};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const LIST_CLUSTERS_V2: Action = Action::new("kafka:ListClustersV2", 0);

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Kafka {
    /// Provisioned and serverless clusters.
    pub clusters: Fetched<Vec<Cluster>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Cluster {
    pub name: String,
    pub arn: String,
    /// Serverless clusters always encrypt in transit and are always monitored.
    pub serverless: bool,
    /// Client-to-broker encryption: `TLS`, `TLS_PLAINTEXT`, `PLAINTEXT` (the reading
    /// when the answer has none).
    pub client_broker: String,
    /// Encryption between brokers.
    pub in_cluster: bool,
    /// `DEFAULT`, `PER_BROKER`, `PER_TOPIC_PER_BROKER`, `PER_TOPIC_PER_PARTITION`.
    pub enhanced_monitoring: String,
    pub tags: Tags,
}

impl Cluster {
    /// The last part of the ARN, the finding's resource id (as in Prowler).
    pub fn id(&self) -> &str {
        self.arn.rsplit('/').next().unwrap_or(&self.arn)
    }
}
