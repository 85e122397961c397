//! EC2 checks (instances, EBS, security groups, network ACLs).

use kestrel_model::{
    ec2::Instance, ec2::NetworkAcl, ec2::NetworkInterface, ec2::RouteTable, ec2::SecurityGroup,
    Finding, Status, Tags,
};

use crate::util::data;
use crate::util::net::{nacl_open_to_internet, INTERNET_V4};
use crate::{Check, Context};

pub mod ec2_ebs_default_encryption;
pub mod ec2_ebs_volume_encryption;
pub mod ec2_instance_imdsv2_enabled;
pub mod ec2_instance_port_cifs_exposed_to_internet;
pub mod ec2_instance_profile_attached;
pub mod ec2_networkacl_allow_ingress_any_port;
pub mod ec2_networkacl_allow_ingress_tcp_port_22;
pub mod ec2_networkacl_allow_ingress_tcp_port_3389;
pub mod ec2_securitygroup_allow_ingress_from_internet_to_all_ports;
pub mod ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22;
pub mod ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389;
pub mod ec2_securitygroup_default_restrict_traffic;

pub const CHECKS: &[&Check] = &[
    &ec2_ebs_default_encryption::CHECK,
    &ec2_ebs_volume_encryption::CHECK,
    &ec2_instance_imdsv2_enabled::CHECK,
    &ec2_instance_port_cifs_exposed_to_internet::CHECK,
    &ec2_instance_profile_attached::CHECK,
    &ec2_networkacl_allow_ingress_any_port::CHECK,
    &ec2_networkacl_allow_ingress_tcp_port_22::CHECK,
    &ec2_networkacl_allow_ingress_tcp_port_3389::CHECK,
    &ec2_securitygroup_allow_ingress_from_internet_to_all_ports::CHECK,
    &ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22::CHECK,
    &ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389::CHECK,
    &ec2_securitygroup_default_restrict_traffic::CHECK,
];

/// Whether a security group is reported: attached to a network interface, or unused
/// services are scanned too (Prowler's rule for security-group checks).
pub fn sg_in_scope(ctx: &Context, sg: &SecurityGroup, enis: &[NetworkInterface]) -> bool {
    ctx.settings.scan_unused_services || enis.iter().any(|e| e.security_group_ids.contains(&sg.id))
}

/// Prowler's instance checks skip terminated instances (they linger in
/// DescribeInstances for about an hour).
pub fn instance_in_scope(i: &Instance) -> bool {
    i.state != "terminated"
}

/// Whether a network ACL is reported: associated with a subnet, or unused services
/// are scanned too.
pub fn nacl_in_scope(ctx: &Context, nacl: &NetworkAcl) -> bool {
    ctx.settings.scan_unused_services || !nacl.subnet_ids.is_empty()
}

/// The `Name` tag, which Prowler shows instead of the id when it is set.
pub fn name_tag(tags: &Tags) -> Option<&str> {
    tags.get("Name")
        .map(String::as_str)
        .filter(|n| !n.is_empty())
}

/// Whether a subnet is public as Prowler's VPC service decides it: the route table
/// explicitly associated with the subnet (else the main route table of its VPC) has a
/// default route (0.0.0.0/0) to an internet gateway. Without a VPC to pick the main
/// table from, any main table in the region counts, as Prowler's region-wide lookup.
pub fn subnet_is_public(
    route_tables: &[RouteTable],
    subnet_id: &str,
    vpc_id: Option<&str>,
) -> bool {
    let explicit: Vec<&RouteTable> = route_tables
        .iter()
        .filter(|t| t.subnet_ids.iter().any(|s| s == subnet_id))
        .collect();
    let tables = if explicit.is_empty() {
        route_tables
            .iter()
            .filter(|t| t.main && vpc_id.is_none_or(|v| t.vpc_id == v))
            .collect()
    } else {
        explicit
    };
    tables.iter().any(|t| {
        t.routes.iter().any(|r| {
            r.gateway_id.as_deref().is_some_and(|g| g.contains("igw"))
                && r.destination_cidr.as_deref() == Some(INTERNET_V4)
        })
    })
}

/// The three network-ACL checks: one finding per ACL in scope, FAIL when the first
/// internet rule covering `protocol`/`port` allows it. `what` names the exposure in the
/// finding text ("SSH port 22", "every port").
pub(crate) fn run_nacl_check(
    ctx: &Context,
    emit: &mut dyn FnMut(Finding),
    id: &str,
    protocol: &str,
    port: i32,
    what: &str,
) {
    for (region, r) in ctx.regions() {
        let Some(nacls) = data(&r.ec2.network_acls, id, region, ctx.account_id(), "", emit) else {
            continue;
        };
        for nacl in nacls.iter().filter(|n| nacl_in_scope(ctx, n)) {
            let name = name_tag(&nacl.tags).unwrap_or(&nacl.id);
            let (status, text) = if nacl_open_to_internet(&nacl.entries, protocol, port) {
                (
                    Status::Fail,
                    format!("Network ACL {name} has {what} open to the Internet."),
                )
            } else {
                (
                    Status::Pass,
                    format!("Network ACL {name} does not have {what} open to the Internet."),
                )
            };
            emit(Finding::new(id, status, region, &nacl.id, &nacl.arn, text).with_tags(&nacl.tags));
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use kestrel_model::ec2::Route;

    pub fn route_table(
        id: &str,
        vpc: &str,
        main: bool,
        subnets: &[&str],
        igw_default: bool,
    ) -> RouteTable {
        let mut routes = vec![Route {
            destination_cidr: Some("10.0.0.0/16".into()),
            gateway_id: Some("local".into()),
            ..Default::default()
        }];
        if igw_default {
            routes.push(Route {
                destination_cidr: Some(INTERNET_V4.into()),
                gateway_id: Some("igw-0abc".into()),
                ..Default::default()
            });
        }
        RouteTable {
            id: id.into(),
            vpc_id: vpc.into(),
            routes,
            main,
            subnet_ids: subnets.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn public_subnets_follow_their_route_table() {
        let tables = vec![
            route_table("rtb-main", "vpc-1", true, &[], false),
            route_table("rtb-pub", "vpc-1", false, &["subnet-pub"], true),
            route_table("rtb-main2", "vpc-2", true, &[], true),
        ];
        assert!(subnet_is_public(&tables, "subnet-pub", Some("vpc-1")));
        // Implicitly on vpc-1's main table, which has no internet gateway route.
        assert!(!subnet_is_public(&tables, "subnet-other", Some("vpc-1")));
        // On vpc-2's main table, which has one.
        assert!(subnet_is_public(&tables, "subnet-x", Some("vpc-2")));
    }
}
