//! Classic Load Balancers (Elastic Load Balancing, the first API; regional).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched, Tags};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first). The IAM
// names are ELBv2's too: `.on("elb")` keeps the two collectors apart.
pub const DESCRIBE_LOAD_BALANCERS: Action =
    Action::new("elasticloadbalancing:DescribeLoadBalancers", 1).on("elb");
pub const DESCRIBE_LOAD_BALANCER_ATTRIBUTES: Action =
    Action::new("elasticloadbalancing:DescribeLoadBalancerAttributes", 0).on("elb");

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Elb {
    pub load_balancers: Fetched<Vec<LoadBalancer>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LoadBalancer {
    pub name: String,
    pub arn: String,
    /// Each listener's front-end protocol (`HTTP`, `HTTPS`, `TCP`, `SSL`).
    pub listener_protocols: Vec<String>,
    pub availability_zones: Vec<String>,
    pub attributes: Fetched<Attributes>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Attributes {
    pub access_logs: bool,
    pub cross_zone: bool,
}
