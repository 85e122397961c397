//! RDS instances and clusters (regional), and the parameters of their parameter groups
//! that checks read.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched, Tags};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const DESCRIBE_DB_INSTANCES: Action = Action::new("rds:DescribeDBInstances", 1);
pub const DESCRIBE_DB_CLUSTERS: Action = Action::new("rds:DescribeDBClusters", 1);
pub const DESCRIBE_DB_PARAMETERS: Action = Action::new("rds:DescribeDBParameters", 0);
pub const DESCRIBE_DB_CLUSTER_PARAMETERS: Action =
    Action::new("rds:DescribeDBClusterParameters", 0);
pub const DESCRIBE_DB_SNAPSHOTS: Action = Action::new("rds:DescribeDBSnapshots", 1);
pub const DESCRIBE_DB_SNAPSHOT_ATTRIBUTES: Action =
    Action::new("rds:DescribeDBSnapshotAttributes", 0);
pub const DESCRIBE_DB_CLUSTER_SNAPSHOTS: Action = Action::new("rds:DescribeDBClusterSnapshots", 1);
pub const DESCRIBE_DB_CLUSTER_SNAPSHOT_ATTRIBUTES: Action =
    Action::new("rds:DescribeDBClusterSnapshotAttributes", 0);
pub const DESCRIBE_EVENT_SUBSCRIPTIONS: Action = Action::new("rds:DescribeEventSubscriptions", 0);

/// The parameters kept from a parameter group's listing (a group holds hundreds; the
/// snapshot keeps the ones checks read).
pub const KEPT_PARAMETERS: &[&str] = &["rds.force_ssl", "require_secure_transport"];

/// A parameter group's kept parameters that have a value: name → `ParameterValue`.
pub type Parameters = BTreeMap<String, String>;

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Rds {
    pub instances: Fetched<Vec<DbInstance>>,
    pub clusters: Fetched<Vec<DbCluster>>,
    /// DB parameter group name → its kept parameters, for the groups of standalone
    /// (cluster-less) instances; a group missing here was not asked.
    pub db_parameters: BTreeMap<String, Fetched<Parameters>>,
    /// DB cluster parameter group name → its kept parameters, for every cluster's group.
    pub cluster_parameters: BTreeMap<String, Fetched<Parameters>>,
    /// The account's own DB instance snapshots (automated and manual), every engine.
    pub snapshots: Fetched<Vec<DbSnapshot>>,
    /// The account's own DB cluster snapshots, every engine (Aurora, Neptune, DocumentDB).
    pub cluster_snapshots: Fetched<Vec<DbSnapshot>>,
    pub event_subscriptions: Fetched<Vec<EventSubscription>>,
}

/// An RDS event notification subscription.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventSubscription {
    /// `CustSubscriptionId`.
    pub id: String,
    pub arn: String,
    /// `db-instance`, `db-cluster`, `db-parameter-group`, `db-security-group`, … (empty:
    /// every source type).
    pub source_type: String,
    /// `EventCategoriesList` (empty: every category).
    pub categories: Vec<String>,
    pub enabled: bool,
}

/// A DB instance or DB cluster snapshot.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DbSnapshot {
    pub id: String,
    pub arn: String,
    pub engine: String,
    /// The instance or cluster it was taken from.
    pub source_id: String,
    /// `Encrypted` (instance snapshots) or `StorageEncrypted` (cluster snapshots).
    pub encrypted: bool,
    /// Whether its `restore` attribute lists `all` (anyone may copy or restore it).
    pub public: Fetched<bool>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DbInstance {
    pub id: String,
    pub arn: String,
    pub engine: String,
    pub publicly_accessible: bool,
    pub storage_encrypted: bool,
    pub multi_az: bool,
    pub auto_minor_version_upgrade: bool,
    pub cluster_id: Option<String>,
    pub port: Option<i32>,
    pub security_group_ids: Vec<String>,
    pub tags: Tags,
    /// `Endpoint.Address`.
    pub endpoint_address: Option<String>,
    /// `DBSubnetGroup.VpcId`.
    pub vpc_id: Option<String>,
    /// `DBSubnetGroup.Subnets[].SubnetIdentifier` of the subnets whose status is `Active`.
    pub subnet_ids: Vec<String>,
    /// `BackupRetentionPeriod` (days; 0 = automated backups off).
    pub backup_retention_period: i32,
    /// `ReadReplicaSourceDBInstanceIdentifier`: set on a read replica.
    pub replica_source: Option<String>,
    pub deletion_protection: bool,
    /// `EnhancedMonitoringResourceArn`: set when Enhanced Monitoring is on.
    pub enhanced_monitoring_arn: Option<String>,
    /// `IAMDatabaseAuthenticationEnabled`.
    pub iam_auth: bool,
    /// `EnabledCloudwatchLogsExports`.
    pub cloudwatch_logs: Vec<String>,
    pub copy_tags_to_snapshot: bool,
    pub master_username: String,
    /// `DBParameterGroups[].DBParameterGroupName`.
    pub parameter_groups: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DbCluster {
    pub id: String,
    pub arn: String,
    pub engine: String,
    pub multi_az: bool,
    pub storage_encrypted: bool,
    pub tags: Tags,
    pub deletion_protection: bool,
    /// `IAMDatabaseAuthenticationEnabled`.
    pub iam_auth: bool,
    pub copy_tags_to_snapshot: bool,
    /// `BacktrackWindow` (seconds; 0 = Backtrack off; Aurora MySQL only).
    pub backtrack_window: i64,
    pub master_username: String,
    /// `EnabledCloudwatchLogsExports`.
    pub cloudwatch_logs: Vec<String>,
    pub auto_minor_version_upgrade: bool,
    /// `DBClusterParameterGroup`.
    pub parameter_group: Option<String>,
    /// `DbClusterResourceId` (`cluster-…`).
    pub resource_id: String,
    /// `BackupRetentionPeriod` (days).
    pub backup_retention_period: i32,
}
