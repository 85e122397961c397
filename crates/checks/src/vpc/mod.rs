//! VPC checks (flow logs, peering routes). The data lives in each region's EC2 part of
//! the snapshot, as the VPC APIs are EC2 APIs.

use crate::Check;

pub mod vpc_flow_logs_enabled;
pub mod vpc_peering_routing_tables_with_least_privilege;

pub const CHECKS: &[&Check] = &[
    &vpc_flow_logs_enabled::CHECK,
    &vpc_peering_routing_tables_with_least_privilege::CHECK,
];
