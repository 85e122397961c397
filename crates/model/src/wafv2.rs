//! AWS WAF (v2) web ACLs: regional ones per region, CloudFront ones in the global region.

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const LIST_WEB_ACLS: Action = Action::new("wafv2:ListWebACLs", 1);
pub const GET_LOGGING_CONFIGURATION: Action = Action::new("wafv2:GetLoggingConfiguration", 0);
/// The same calls for the CLOUDFRONT scope (in the global region), told apart so each
/// scope's collector is declared once.
pub const LIST_CLOUDFRONT_WEB_ACLS: Action = LIST_WEB_ACLS.on("cloudfront");
pub const GET_CLOUDFRONT_LOGGING_CONFIGURATION: Action = GET_LOGGING_CONFIGURATION.on("cloudfront");

/// One scope's web ACLs (a region's REGIONAL ones, or the CLOUDFRONT ones).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Wafv2 {
    pub web_acls: Fetched<Vec<WebAcl>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct WebAcl {
    pub id: String,
    pub name: String,
    pub arn: String,
    /// Logging to at least one destination (WAFNonexistentItemException: false).
    pub logging: Fetched<bool>,
}
