//! Security Hub (regional).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const DESCRIBE_HUB: Action = Action::new("securityhub:DescribeHub", 1);
pub const GET_ENABLED_STANDARDS: Action = Action::new("securityhub:GetEnabledStandards", 0);
pub const LIST_ENABLED_PRODUCTS_FOR_IMPORT: Action =
    Action::new("securityhub:ListEnabledProductsForImport", 0);

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SecurityHub {
    /// None when Security Hub is not enabled in the region.
    pub hub: Fetched<Option<Hub>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Hub {
    pub arn: String,
    pub subscribed_at: Option<String>,
    /// GetEnabledStandards: the `StandardsArn` of each enabled standard subscription.
    pub standards: Fetched<Vec<String>>,
    /// ListEnabledProductsForImport: the product subscription ARNs, as returned.
    pub integrations: Fetched<Vec<String>>,
}
