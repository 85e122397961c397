//! A check's result for one resource.

use serde::{Deserialize, Serialize};

use crate::Tags;

/// PASS/FAIL/MANUAL as in Prowler, plus ERROR: the data the check needs could not be
/// collected (access denied, unsupported, throttled beyond retries), so the check could
/// not decide. An ERROR is never counted as a PASS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Status {
    Pass,
    Fail,
    Manual,
    Error,
}

impl Status {
    pub fn as_str(&self) -> &'static str {
        match self {
            Status::Pass => "PASS",
            Status::Fail => "FAIL",
            Status::Manual => "MANUAL",
            Status::Error => "ERROR",
        }
    }
}

/// Prowler's severities, lowest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Informational,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub fn as_str(&self) -> &'static str {
        match self {
            Severity::Informational => "informational",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Some(match s.to_ascii_lowercase().as_str() {
            "informational" => Severity::Informational,
            "low" => Severity::Low,
            "medium" => Severity::Medium,
            "high" => Severity::High,
            "critical" => Severity::Critical,
            _ => return None,
        })
    }

    pub const ALL: [Severity; 5] = [
        Severity::Critical,
        Severity::High,
        Severity::Medium,
        Severity::Low,
        Severity::Informational,
    ];
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    pub check_id: String,
    pub status: Status,
    pub status_extended: String,
    pub region: String,
    /// Prowler's `resource_id` (RESOURCE_NAME in the CSV).
    pub resource_id: String,
    /// Prowler's `resource_arn` (RESOURCE_UID in the CSV).
    pub resource_arn: String,
    pub resource_details: String,
    pub resource_tags: Tags,
    pub muted: bool,
    /// This finding's severity when it is not its check's: Prowler grades some FAILs by
    /// how reachable the resource is (an exposed port on an instance without a public
    /// IP is medium, in a public subnet critical).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<Severity>,
}

impl Finding {
    pub fn new(
        check_id: &str,
        status: Status,
        region: &str,
        resource_id: &str,
        resource_arn: &str,
        status_extended: impl Into<String>,
    ) -> Self {
        Finding {
            check_id: check_id.to_string(),
            status,
            status_extended: status_extended.into(),
            region: region.to_string(),
            resource_id: resource_id.to_string(),
            resource_arn: resource_arn.to_string(),
            resource_details: String::new(),
            resource_tags: Tags::new(),
            muted: false,
            severity: None,
        }
    }

    pub fn with_tags(mut self, tags: &Tags) -> Self {
        self.resource_tags = tags.clone();
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = Some(severity);
        self
    }

    /// The severity the reports show: this finding's own, else its check's.
    pub fn severity_or(&self, check: Severity) -> Severity {
        self.severity.unwrap_or(check)
    }

    pub fn with_details(mut self, details: impl Into<String>) -> Self {
        self.resource_details = details.into();
        self
    }
}
