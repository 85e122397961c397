//! EFS file systems (regional).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched, Tags};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const DESCRIBE_FILE_SYSTEMS: Action = Action::new("elasticfilesystem:DescribeFileSystems", 1);
pub const DESCRIBE_BACKUP_POLICY: Action = Action::new("elasticfilesystem:DescribeBackupPolicy", 0);

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Efs {
    pub file_systems: Fetched<Vec<FileSystem>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FileSystem {
    pub id: String,
    pub arn: String,
    pub encrypted: bool,
    /// The automatic-backup policy's status (`ENABLED`, `ENABLING`, `DISABLED`,
    /// `DISABLING`); None when the file system has no backup policy (PolicyNotFound).
    pub backup_policy: Fetched<Option<String>>,
    pub tags: Tags,
}
