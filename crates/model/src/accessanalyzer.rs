//! IAM Access Analyzer (regional).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const LIST_ANALYZERS: Action = Action::new("access-analyzer:ListAnalyzers", 0);

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AccessAnalyzer {
    pub analyzers: Fetched<Vec<Analyzer>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Analyzer {
    pub name: String,
    pub arn: String,
    /// `ACTIVE`, `CREATING`, `DISABLED`, `FAILED`.
    pub status: String,
    /// `ACCOUNT`, `ORGANIZATION`, …
    pub analyzer_type: String,
}
