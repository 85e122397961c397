//! RDS instances and clusters (regional).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched, Tags};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const DESCRIBE_DB_INSTANCES: Action = Action::new("rds:DescribeDBInstances", 0);
pub const DESCRIBE_DB_CLUSTERS: Action = Action::new("rds:DescribeDBClusters", 0);

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Rds {
    pub instances: Fetched<Vec<DbInstance>>,
    pub clusters: Fetched<Vec<DbCluster>>,
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
}
