//! GuardDuty detectors (regional).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched, Tags};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const LIST_DETECTORS: Action = Action::new("guardduty:ListDetectors", 1);
pub const GET_DETECTOR: Action = Action::new("guardduty:GetDetector", 0);

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct GuardDuty {
    /// The region's detector ids (at most one per account and region).
    pub detectors: Fetched<Vec<Detector>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Detector {
    pub id: String,
    pub arn: String,
    /// GetDetector's answer.
    pub details: Fetched<DetectorDetails>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DetectorDetails {
    /// `Status` is `ENABLED` (otherwise the detector is suspended).
    pub enabled: bool,
    /// `DataSources.S3Logs.Status` is `ENABLED`.
    pub s3_protection: bool,
    /// The `RDS_LOGIN_EVENTS` feature is `ENABLED`.
    pub rds_protection: bool,
    pub tags: Tags,
}
