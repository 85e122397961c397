//! EC2 and VPC of one region: EBS default encryption, volumes, instances, security
//! groups, network interfaces, network ACLs, VPCs, flow logs, route tables and peering
//! connections — each only when a selected check needs it.

use kestrel_model::{
    ec2::Ec2, ec2::FlowLog, ec2::Instance, ec2::IpPermission, ec2::NaclEntry, ec2::NetworkAcl,
    ec2::NetworkInterface, ec2::Route, ec2::RouteTable, ec2::SecurityGroup, ec2::Volume, ec2::Vpc,
    ec2::VpcPeeringConnection, ApiError, Tags,
};

use crate::global::when;
use crate::Ctx;

fn tags(t: &[aws_sdk_ec2::types::Tag]) -> Tags {
    t.iter()
        .filter_map(|t| {
            Some((
                t.key()?.to_string(),
                t.value().unwrap_or_default().to_string(),
            ))
        })
        .collect()
}

macro_rules! paginate {
    ($ctx:expr, $op:literal, $builder:expr, $items:ident, $map:expr) => {{
        let mut out = Vec::new();
        let mut token: Option<String> = None;
        let mut pages = crate::Pages::default();
        loop {
            let page = $ctx
                .call($op, || $builder.set_next_token(token.clone()).send())
                .await?;
            // The items' ARNs carry the account id.
            $ctx.wait_account_id().await;
            out.extend(page.$items().iter().map($map));
            token = pages.next($op, page.next_token())?;
            if token.is_none() {
                break;
            }
        }
        Ok::<_, ApiError>(out)
    }};
}

pub async fn collect(ctx: &Ctx, region: &str) -> Ec2 {
    let c = ctx.clients.ec2(region);
    let c = &c;
    let s = &ctx.scope;
    let part = ctx.partition.as_str();
    // Called while reading answers, once the account id is known (`paginate!`).
    let arn = move |kind: &str, id: &str| {
        format!("arn:{part}:ec2:{region}:{}:{kind}/{id}", ctx.account_id())
    };
    // All ten at once (one round trip, plus pages).
    let (
        ebs_encryption_by_default,
        volumes,
        instances,
        security_groups,
        network_interfaces,
        network_acls,
        vpcs,
        flow_logs,
        route_tables,
        vpc_peering_connections,
    ) = futures::join!(
        when(s.needs("ec2:GetEbsEncryptionByDefault"), async {
            let o = ctx
                .call("ec2:GetEbsEncryptionByDefault", || {
                    c.get_ebs_encryption_by_default().send()
                })
                .await?;
            Ok(o.ebs_encryption_by_default().unwrap_or(false))
        }),
        when(s.needs("ec2:DescribeVolumes"), async {
            paginate!(
                ctx,
                "ec2:DescribeVolumes",
                c.describe_volumes(),
                volumes,
                |v: &aws_sdk_ec2::types::Volume| {
                    let id = v.volume_id().unwrap_or_default();
                    Volume {
                        id: id.to_string(),
                        arn: arn("volume", id),
                        encrypted: v.encrypted().unwrap_or(false),
                        state: v
                            .state()
                            .map(|s| s.as_str().to_string())
                            .unwrap_or_default(),
                        tags: tags(v.tags()),
                    }
                }
            )
        }),
        when(s.needs("ec2:DescribeInstances"), async {
            let reservations = paginate!(
                ctx,
                "ec2:DescribeInstances",
                c.describe_instances(),
                reservations,
                |r: &aws_sdk_ec2::types::Reservation| r.clone()
            )?;
            Ok(reservations
                .iter()
                .flat_map(|r| r.instances().iter())
                .map(|i| {
                    let id = i.instance_id().unwrap_or_default();
                    Instance {
                        id: id.to_string(),
                        arn: arn("instance", id),
                        state: i
                            .state()
                            .and_then(|s| s.name())
                            .map(|n| n.as_str().to_string())
                            .unwrap_or_default(),
                        http_tokens: i
                            .metadata_options()
                            .and_then(|m| m.http_tokens())
                            .map(|t| t.as_str().to_string()),
                        http_endpoint: i
                            .metadata_options()
                            .and_then(|m| m.http_endpoint())
                            .map(|t| t.as_str().to_string()),
                        public_ip: i.public_ip_address().map(str::to_string),
                        iam_instance_profile_arn: i
                            .iam_instance_profile()
                            .and_then(|p| p.arn())
                            .map(str::to_string),
                        security_group_ids: i
                            .security_groups()
                            .iter()
                            .filter_map(|g| g.group_id().map(str::to_string))
                            .collect(),
                        subnet_id: i.subnet_id().map(str::to_string),
                        vpc_id: i.vpc_id().map(str::to_string),
                        tags: tags(i.tags()),
                    }
                })
                .collect())
        }),
        when(s.needs("ec2:DescribeSecurityGroups"), async {
            paginate!(
                ctx,
                "ec2:DescribeSecurityGroups",
                c.describe_security_groups(),
                security_groups,
                |g: &aws_sdk_ec2::types::SecurityGroup| {
                    let id = g.group_id().unwrap_or_default();
                    SecurityGroup {
                        id: id.to_string(),
                        arn: arn("security-group", id),
                        name: g.group_name().unwrap_or_default().to_string(),
                        vpc_id: g.vpc_id().map(str::to_string),
                        ingress: g.ip_permissions().iter().map(permission).collect(),
                        egress: g.ip_permissions_egress().iter().map(permission).collect(),
                        tags: tags(g.tags()),
                    }
                }
            )
        }),
        when(s.needs("ec2:DescribeNetworkInterfaces"), async {
            paginate!(
                ctx,
                "ec2:DescribeNetworkInterfaces",
                c.describe_network_interfaces(),
                network_interfaces,
                |n: &aws_sdk_ec2::types::NetworkInterface| NetworkInterface {
                    id: n.network_interface_id().unwrap_or_default().to_string(),
                    vpc_id: n.vpc_id().map(str::to_string),
                    security_group_ids: n
                        .groups()
                        .iter()
                        .filter_map(|g| g.group_id().map(str::to_string))
                        .collect(),
                    public_ip: n
                        .association()
                        .and_then(|a| a.public_ip())
                        .map(str::to_string),
                }
            )
        }),
        when(s.needs("ec2:DescribeNetworkAcls"), async {
            paginate!(
                ctx,
                "ec2:DescribeNetworkAcls",
                c.describe_network_acls(),
                network_acls,
                |n: &aws_sdk_ec2::types::NetworkAcl| {
                    let id = n.network_acl_id().unwrap_or_default();
                    NetworkAcl {
                        id: id.to_string(),
                        arn: arn("network-acl", id),
                        vpc_id: n.vpc_id().unwrap_or_default().to_string(),
                        is_default: n.is_default().unwrap_or(false),
                        entries: n
                            .entries()
                            .iter()
                            .map(|e| NaclEntry {
                                rule_number: e.rule_number().unwrap_or(0),
                                protocol: e.protocol().unwrap_or("-1").to_string(),
                                rule_action: e
                                    .rule_action()
                                    .map(|a| a.as_str().to_string())
                                    .unwrap_or_default(),
                                egress: e.egress().unwrap_or(false),
                                cidr_block: e.cidr_block().map(str::to_string),
                                ipv6_cidr_block: e.ipv6_cidr_block().map(str::to_string),
                                from_port: e.port_range().and_then(|p| p.from()),
                                to_port: e.port_range().and_then(|p| p.to()),
                            })
                            .collect(),
                        subnet_ids: n
                            .associations()
                            .iter()
                            .filter_map(|a| a.subnet_id().map(str::to_string))
                            .collect(),
                        tags: tags(n.tags()),
                    }
                }
            )
        }),
        when(s.needs("ec2:DescribeVpcs"), async {
            paginate!(
                ctx,
                "ec2:DescribeVpcs",
                c.describe_vpcs(),
                vpcs,
                |v: &aws_sdk_ec2::types::Vpc| {
                    let id = v.vpc_id().unwrap_or_default();
                    let mut cidrs: Vec<String> = v
                        .cidr_block_association_set()
                        .iter()
                        .filter_map(|a| a.cidr_block().map(str::to_string))
                        .collect();
                    if cidrs.is_empty() {
                        cidrs.extend(v.cidr_block().map(str::to_string));
                    }
                    Vpc {
                        id: id.to_string(),
                        arn: arn("vpc", id),
                        cidr_blocks: cidrs,
                        is_default: v.is_default().unwrap_or(false),
                        tags: tags(v.tags()),
                    }
                }
            )
        }),
        when(s.needs("ec2:DescribeFlowLogs"), async {
            paginate!(
                ctx,
                "ec2:DescribeFlowLogs",
                c.describe_flow_logs(),
                flow_logs,
                |f: &aws_sdk_ec2::types::FlowLog| FlowLog {
                    id: f.flow_log_id().unwrap_or_default().to_string(),
                    resource_id: f.resource_id().unwrap_or_default().to_string(),
                    status: f.flow_log_status().unwrap_or_default().to_string(),
                }
            )
        }),
        when(s.needs("ec2:DescribeRouteTables"), async {
            paginate!(
                ctx,
                "ec2:DescribeRouteTables",
                c.describe_route_tables(),
                route_tables,
                |t: &aws_sdk_ec2::types::RouteTable| {
                    let id = t.route_table_id().unwrap_or_default();
                    RouteTable {
                        id: id.to_string(),
                        arn: arn("route-table", id),
                        vpc_id: t.vpc_id().unwrap_or_default().to_string(),
                        routes: t
                            .routes()
                            .iter()
                            .map(|r| Route {
                                destination_cidr: r.destination_cidr_block().map(str::to_string),
                                destination_ipv6_cidr: r
                                    .destination_ipv6_cidr_block()
                                    .map(str::to_string),
                                gateway_id: r.gateway_id().map(str::to_string),
                                vpc_peering_connection_id: r
                                    .vpc_peering_connection_id()
                                    .map(str::to_string),
                            })
                            .collect(),
                        main: t.associations().iter().any(|a| a.main().unwrap_or(false)),
                        subnet_ids: t
                            .associations()
                            .iter()
                            .filter_map(|a| a.subnet_id().map(str::to_string))
                            .collect(),
                    }
                }
            )
        }),
        when(s.needs("ec2:DescribeVpcPeeringConnections"), async {
            paginate!(
                ctx,
                "ec2:DescribeVpcPeeringConnections",
                c.describe_vpc_peering_connections(),
                vpc_peering_connections,
                |p: &aws_sdk_ec2::types::VpcPeeringConnection| {
                    let id = p.vpc_peering_connection_id().unwrap_or_default();
                    let cidrs = |i: Option<&aws_sdk_ec2::types::VpcPeeringConnectionVpcInfo>| -> Vec<String> {
                    let Some(i) = i else { return Vec::new() };
                    let mut v: Vec<String> = i.cidr_block_set().iter().filter_map(|c| c.cidr_block().map(str::to_string)).collect();
                    if v.is_empty() {
                        v.extend(i.cidr_block().map(str::to_string));
                    }
                    v
                };
                    VpcPeeringConnection {
                        id: id.to_string(),
                        arn: arn("vpc-peering-connection", id),
                        requester_vpc_id: p
                            .requester_vpc_info()
                            .and_then(|i| i.vpc_id())
                            .unwrap_or_default()
                            .to_string(),
                        accepter_vpc_id: p
                            .accepter_vpc_info()
                            .and_then(|i| i.vpc_id())
                            .unwrap_or_default()
                            .to_string(),
                        requester_cidrs: cidrs(p.requester_vpc_info()),
                        accepter_cidrs: cidrs(p.accepter_vpc_info()),
                        status: p
                            .status()
                            .and_then(|s| s.code())
                            .map(|c| c.as_str().to_string())
                            .unwrap_or_default(),
                    }
                }
            )
        }),
    );
    Ec2 {
        ebs_encryption_by_default,
        volumes,
        instances,
        security_groups,
        network_interfaces,
        network_acls,
        vpcs,
        flow_logs,
        route_tables,
        vpc_peering_connections,
    }
}

fn permission(p: &aws_sdk_ec2::types::IpPermission) -> IpPermission {
    IpPermission {
        protocol: p.ip_protocol().unwrap_or("-1").to_string(),
        from_port: p.from_port(),
        to_port: p.to_port(),
        ipv4_ranges: p
            .ip_ranges()
            .iter()
            .filter_map(|r| r.cidr_ip().map(str::to_string))
            .collect(),
        ipv6_ranges: p
            .ipv6_ranges()
            .iter()
            .filter_map(|r| r.cidr_ipv6().map(str::to_string))
            .collect(),
        prefix_list_ids: p
            .prefix_list_ids()
            .iter()
            .filter_map(|r| r.prefix_list_id().map(str::to_string))
            .collect(),
        group_ids: p
            .user_id_group_pairs()
            .iter()
            .filter_map(|g| g.group_id().map(str::to_string))
            .collect(),
    }
}
