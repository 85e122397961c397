//! Elastic Load Balancing v2 (regional).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched, Tags};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const DESCRIBE_LOAD_BALANCERS: Action =
    Action::new("elasticloadbalancing:DescribeLoadBalancers", 1);
pub const DESCRIBE_LOAD_BALANCER_ATTRIBUTES: Action =
    Action::new("elasticloadbalancing:DescribeLoadBalancerAttributes", 0);
pub const DESCRIBE_LISTENERS: Action = Action::new("elasticloadbalancing:DescribeListeners", 1);
pub const DESCRIBE_RULES: Action = Action::new("elasticloadbalancing:DescribeRules", 0);

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Elbv2 {
    pub load_balancers: Fetched<Vec<LoadBalancer>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LoadBalancer {
    pub name: String,
    pub arn: String,
    /// `application`, `network`, `gateway`.
    pub lb_type: String,
    pub access_logs_enabled: Fetched<bool>,
    /// Every attribute (`deletion_protection.enabled`,
    /// `routing.http.desync_mitigation_mode`, …) as DescribeLoadBalancerAttributes
    /// lists it, from the same call as `access_logs_enabled`.
    pub attributes: Fetched<std::collections::BTreeMap<String, String>>,
    /// The availability zones it is enabled in.
    pub availability_zones: Vec<String>,
    pub listeners: Fetched<Vec<Listener>>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Listener {
    pub arn: String,
    /// `HTTP`, `HTTPS`, `TCP`, `TLS`, ….
    pub protocol: String,
    /// Whether one of its rules redirects to HTTPS (asked for HTTP listeners only).
    pub redirects_to_https: Fetched<bool>,
}
