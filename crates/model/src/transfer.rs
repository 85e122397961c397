//! AWS Transfer Family servers (regional).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched, Tags};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const LIST_SERVERS: Action = Action::new("transfer:ListServers", 1);
pub const DESCRIBE_SERVER: Action = Action::new("transfer:DescribeServer", 0);

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Transfer {
    pub servers: Fetched<Vec<Server>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Server {
    pub id: String,
    pub arn: String,
    /// `SFTP`, `FTPS`, `FTP`, `AS2`.
    pub protocols: Fetched<Vec<String>>,
    pub tags: Tags,
}
