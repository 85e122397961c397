//! AWS Network Firewall firewalls (regional).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched, Tags};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const LIST_FIREWALLS: Action = Action::new("network-firewall:ListFirewalls", 1);
pub const DESCRIBE_FIREWALL: Action = Action::new("network-firewall:DescribeFirewall", 0);

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct NetworkFirewall {
    pub firewalls: Fetched<Vec<Firewall>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Firewall {
    pub name: String,
    pub arn: String,
    pub deletion_protection: Fetched<bool>,
    pub tags: Tags,
}
