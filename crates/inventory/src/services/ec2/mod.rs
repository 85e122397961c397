//! EC2 and VPC of one region: EBS default encryption, volumes, instances, security
//! groups, network interfaces, network ACLs, VPCs, flow logs, route tables and peering
//! connections — each only when a selected check needs it.

use kestrel_model::{
    ec2::Ec2, ec2::FlowLog, ec2::Instance, ec2::IpPermission, ec2::NaclEntry, ec2::NetworkAcl,
    ec2::NetworkInterface, ec2::Route, ec2::RouteTable, ec2::SecurityGroup, ec2::Volume, ec2::Vpc,
    ec2::VpcPeeringConnection, ApiError, Tags,
};

use aws_sdk_sts::error::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use kestrel_model::ec2::{
    DESCRIBE_FLOW_LOGS, DESCRIBE_INSTANCES, DESCRIBE_NETWORK_ACLS, DESCRIBE_NETWORK_INTERFACES,
    DESCRIBE_ROUTE_TABLES, DESCRIBE_SECURITY_GROUPS, DESCRIBE_VOLUMES, DESCRIBE_VPCS,
    DESCRIBE_VPC_PEERING_CONNECTIONS, GET_EBS_ENCRYPTION_BY_DEFAULT,
};
use kestrel_model::Action;

use crate::collection::{when, Collection};
use crate::services::Service;

mod more;

crate::sdk_client!(aws_sdk_ec2, "EC2", "ec2");

pub const SERVICE: Service = Service {
    label: "ec2",
    actions: &[
        GET_EBS_ENCRYPTION_BY_DEFAULT,
        DESCRIBE_VOLUMES,
        DESCRIBE_INSTANCES,
        DESCRIBE_SECURITY_GROUPS,
        DESCRIBE_NETWORK_INTERFACES,
        DESCRIBE_NETWORK_ACLS,
        DESCRIBE_VPCS,
        DESCRIBE_FLOW_LOGS,
        DESCRIBE_ROUTE_TABLES,
        DESCRIBE_VPC_PEERING_CONNECTIONS,
        kestrel_model::ec2::DESCRIBE_ADDRESSES,
        kestrel_model::ec2::DESCRIBE_SNAPSHOTS,
        kestrel_model::ec2::DESCRIBE_SNAPSHOT_ATTRIBUTE,
        kestrel_model::ec2::DESCRIBE_IMAGES,
        kestrel_model::ec2::DESCRIBE_LAUNCH_TEMPLATES,
        kestrel_model::ec2::DESCRIBE_LAUNCH_TEMPLATE_VERSIONS,
        kestrel_model::ec2::DESCRIBE_TRANSIT_GATEWAYS,
        kestrel_model::ec2::DESCRIBE_SUBNETS,
        kestrel_model::ec2::DESCRIBE_VPC_ENDPOINTS,
        kestrel_model::ec2::DESCRIBE_VPN_CONNECTIONS,
        kestrel_model::ec2::GET_INSTANCE_METADATA_DEFAULTS,
    ],
    collect: crate::regional!(collect => ec2),
    after: None,
};

pub(super) fn tags(t: &[aws_sdk_ec2::types::Tag]) -> Tags {
    t.iter()
        .filter_map(|t| {
            Some((
                t.key()?.to_string(),
                t.value().unwrap_or_default().to_string(),
            ))
        })
        .collect()
}

/// An EC2 list's pages, handed back once the account id is known (the items' ARNs
/// carry it): the first request does not wait for `sts:GetCallerIdentity`.
pub(super) async fn pages<P, E, R, F, Fut>(
    ctx: &Collection,
    action: Action,
    make: F,
    next: impl Fn(&P) -> Option<&str>,
) -> Result<Vec<P>, ApiError>
where
    F: Fn(Option<String>) -> Fut,
    Fut: std::future::Future<Output = Result<P, SdkError<E, R>>>,
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug,
{
    let pages = ctx.list(action, make, next, |p| [p]).await?;
    ctx.wait_account_id().await;
    Ok(pages)
}

async fn collect(ctx: &Collection, region: &str) -> Ec2 {
    let c: aws_sdk_ec2::Client = ctx.clients.get(region);
    let (mut ec2, more) = futures::join!(
        network_and_instances(ctx, region, &c),
        more::collect(ctx, region, &c)
    );
    more.land(&mut ec2);
    ec2
}

/// Volumes, instances and the network (groups, interfaces, ACLs, VPCs, flow logs, route
/// tables, peering connections).
async fn network_and_instances(ctx: &Collection, region: &str, c: &aws_sdk_ec2::Client) -> Ec2 {
    let part = ctx.partition.as_str();
    // Called while reading answers, once the account id is known (`pages`).
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
        when(ctx.needs(GET_EBS_ENCRYPTION_BY_DEFAULT), async {
            let o = ctx
                .call(GET_EBS_ENCRYPTION_BY_DEFAULT, || {
                    c.get_ebs_encryption_by_default().send()
                })
                .await?;
            Ok(o.ebs_encryption_by_default().unwrap_or(false))
        }),
        when(ctx.needs(DESCRIBE_VOLUMES), async {
            Ok(pages(
                ctx,
                DESCRIBE_VOLUMES,
                |t| c.describe_volumes().set_next_token(t).send(),
                |p| p.next_token(),
            )
            .await?
            .iter()
            .flat_map(|p| {
                p.volumes().iter().map(|v: &aws_sdk_ec2::types::Volume| {
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
                })
            })
            .collect::<Vec<_>>())
        }),
        when(ctx.needs(DESCRIBE_INSTANCES), async {
            let pages = pages(
                ctx,
                DESCRIBE_INSTANCES,
                |t| c.describe_instances().set_next_token(t).send(),
                |p| p.next_token(),
            )
            .await?;
            Ok(pages
                .iter()
                .flat_map(|p| p.reservations())
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
                        public_dns: i.public_dns_name().map(str::to_string),
                        launch_time: i.launch_time().map(|t| t.to_string()),
                        virtualization_type: i
                            .virtualization_type()
                            .map(|v| v.as_str().to_string()),
                        image_id: i.image_id().map(str::to_string),
                        network_interface_ids: i
                            .network_interfaces()
                            .iter()
                            .filter_map(|n| n.network_interface_id().map(str::to_string))
                            .collect(),
                        enclaves_enabled: i
                            .enclave_options()
                            .and_then(|e| e.enabled())
                            .unwrap_or(false),
                    }
                })
                .collect())
        }),
        when(ctx.needs(DESCRIBE_SECURITY_GROUPS), async {
            Ok(pages(
                ctx,
                DESCRIBE_SECURITY_GROUPS,
                |t| c.describe_security_groups().set_next_token(t).send(),
                |p| p.next_token(),
            )
            .await?
            .iter()
            .flat_map(|p| {
                p.security_groups()
                    .iter()
                    .map(|g: &aws_sdk_ec2::types::SecurityGroup| {
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
                    })
            })
            .collect::<Vec<_>>())
        }),
        when(ctx.needs(DESCRIBE_NETWORK_INTERFACES), async {
            Ok(pages(
                ctx,
                DESCRIBE_NETWORK_INTERFACES,
                |t| c.describe_network_interfaces().set_next_token(t).send(),
                |p| p.next_token(),
            )
            .await?
            .iter()
            .flat_map(|p| {
                p.network_interfaces()
                    .iter()
                    .map(
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
                            interface_type: n
                                .interface_type()
                                .map(|t| t.as_str().to_string())
                                .unwrap_or_default(),
                            instance_owner_id: n
                                .attachment()
                                .and_then(|a| a.instance_owner_id())
                                .map(str::to_string),
                            subnet_id: n.subnet_id().map(str::to_string),
                            ipv6_addresses: n
                                .ipv6_addresses()
                                .iter()
                                .filter_map(|a| a.ipv6_address().map(str::to_string))
                                .collect(),
                        },
                    )
            })
            .collect::<Vec<_>>())
        }),
        when(ctx.needs(DESCRIBE_NETWORK_ACLS), async {
            Ok(pages(
                ctx,
                DESCRIBE_NETWORK_ACLS,
                |t| c.describe_network_acls().set_next_token(t).send(),
                |p| p.next_token(),
            )
            .await?
            .iter()
            .flat_map(|p| {
                p.network_acls()
                    .iter()
                    .map(|n: &aws_sdk_ec2::types::NetworkAcl| {
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
                    })
            })
            .collect::<Vec<_>>())
        }),
        when(ctx.needs(DESCRIBE_VPCS), async {
            Ok(pages(
                ctx,
                DESCRIBE_VPCS,
                |t| c.describe_vpcs().set_next_token(t).send(),
                |p| p.next_token(),
            )
            .await?
            .iter()
            .flat_map(|p| {
                p.vpcs().iter().map(|v: &aws_sdk_ec2::types::Vpc| {
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
                })
            })
            .collect::<Vec<_>>())
        }),
        when(ctx.needs(DESCRIBE_FLOW_LOGS), async {
            Ok(pages(
                ctx,
                DESCRIBE_FLOW_LOGS,
                |t| c.describe_flow_logs().set_next_token(t).send(),
                |p| p.next_token(),
            )
            .await?
            .iter()
            .flat_map(|p| {
                p.flow_logs()
                    .iter()
                    .map(|f: &aws_sdk_ec2::types::FlowLog| FlowLog {
                        id: f.flow_log_id().unwrap_or_default().to_string(),
                        resource_id: f.resource_id().unwrap_or_default().to_string(),
                        status: f.flow_log_status().unwrap_or_default().to_string(),
                    })
            })
            .collect::<Vec<_>>())
        }),
        when(ctx.needs(DESCRIBE_ROUTE_TABLES), async {
            Ok(pages(
                ctx,
                DESCRIBE_ROUTE_TABLES,
                |t| c.describe_route_tables().set_next_token(t).send(),
                |p| p.next_token(),
            )
            .await?
            .iter()
            .flat_map(|p| {
                p.route_tables()
                    .iter()
                    .map(|t: &aws_sdk_ec2::types::RouteTable| {
                        let id = t.route_table_id().unwrap_or_default();
                        RouteTable {
                            id: id.to_string(),
                            arn: arn("route-table", id),
                            vpc_id: t.vpc_id().unwrap_or_default().to_string(),
                            routes: t
                                .routes()
                                .iter()
                                .map(|r| Route {
                                    destination_cidr: r
                                        .destination_cidr_block()
                                        .map(str::to_string),
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
                    })
            })
            .collect::<Vec<_>>())
        }),
        when(ctx.needs(DESCRIBE_VPC_PEERING_CONNECTIONS), async {
            Ok(pages(
                ctx,
                DESCRIBE_VPC_PEERING_CONNECTIONS,
                |t| {
                    c.describe_vpc_peering_connections()
                        .set_next_token(t)
                        .send()
                },
                |p| p.next_token(),
            )
            .await?
            .iter()
            .flat_map(|p| {
                p.vpc_peering_connections().iter().map(
                    |p: &aws_sdk_ec2::types::VpcPeeringConnection| {
                        let id = p.vpc_peering_connection_id().unwrap_or_default();
                        let cidrs = |i: Option<
                            &aws_sdk_ec2::types::VpcPeeringConnectionVpcInfo,
                        >|
                         -> Vec<String> {
                            let Some(i) = i else { return Vec::new() };
                            let mut v: Vec<String> = i
                                .cidr_block_set()
                                .iter()
                                .filter_map(|c| c.cidr_block().map(str::to_string))
                                .collect();
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
                    },
                )
            })
            .collect::<Vec<_>>())
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
        ..Default::default()
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
