//! DynamoDB tables (regional).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const LIST_TABLES: Action = Action::new("dynamodb:ListTables", 1);
pub const DESCRIBE_TABLE: Action = Action::new("dynamodb:DescribeTable", 0);
pub const DESCRIBE_CONTINUOUS_BACKUPS: Action =
    Action::new("dynamodb:DescribeContinuousBackups", 0);

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DynamoDb {
    pub tables: Fetched<Vec<Table>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Table {
    pub name: String,
    pub arn: String,
    /// DescribeTable's answer.
    pub details: Fetched<TableDetails>,
    /// Point-in-time recovery is `ENABLED` (DescribeContinuousBackups).
    pub pitr: Fetched<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TableDetails {
    /// `SSEDescription.SSEType` (`KMS`; absent for the default, AWS-owned key).
    pub sse_type: Option<String>,
    /// `SSEDescription.KMSMasterKeyArn`.
    pub kms_key_arn: Option<String>,
    /// `DeletionProtectionEnabled`.
    pub deletion_protection: bool,
}
