//! AWS Organizations (global).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const DESCRIBE_ORGANIZATION: Action = Action::new("organizations:DescribeOrganization", 1);
pub const LIST_DELEGATED_ADMINISTRATORS: Action =
    Action::new("organizations:ListDelegatedAdministrators", 0);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Organizations {
    /// None when the account is not in an organization.
    pub organization: Fetched<Option<Organization>>,
    pub delegated_administrators: Fetched<Vec<DelegatedAdministrator>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Organization {
    pub id: String,
    pub arn: String,
    pub master_account_id: String,
    pub feature_set: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DelegatedAdministrator {
    pub id: String,
    pub arn: String,
    pub name: String,
    pub email: String,
    pub status: String,
}
