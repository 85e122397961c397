//! EC2 checks (instances, EBS, security groups, network ACLs).

use kestrel_model::{NetworkInterface, SecurityGroup};

use crate::{Check, Context};

pub mod ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22;

pub const CHECKS: &[&Check] =
    &[&ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22::CHECK];

/// Whether a security group is reported: attached to a network interface, or unused
/// services are scanned too (Prowler's rule for security-group checks).
pub fn sg_in_scope(ctx: &Context, sg: &SecurityGroup, enis: &[NetworkInterface]) -> bool {
    ctx.settings.scan_unused_services
        || enis
            .iter()
            .any(|e| e.security_group_ids.iter().any(|g| *g == sg.id))
}
