//! EC2 resources beyond instances and the network: Elastic IPs, the account's own EBS
//! snapshots and AMIs, launch templates (with every version), transit gateways, subnets
//! VPC endpoints, VPN connections and the account's instance metadata defaults. Asked
//! alongside the rest of the region's EC2 calls, each only when a selected check needs it.

use kestrel_model::ec2::{
    Ec2, ElasticIp, Image, LaunchTemplate, LaunchTemplateVersion, Snapshot, Subnet, TransitGateway,
    VpcEndpoint, VpnConnection, DESCRIBE_ADDRESSES, DESCRIBE_IMAGES, DESCRIBE_LAUNCH_TEMPLATES,
    DESCRIBE_LAUNCH_TEMPLATE_VERSIONS, DESCRIBE_SNAPSHOTS, DESCRIBE_SNAPSHOT_ATTRIBUTE,
    DESCRIBE_SUBNETS, DESCRIBE_TRANSIT_GATEWAYS, DESCRIBE_VPC_ENDPOINTS, DESCRIBE_VPN_CONNECTIONS,
    GET_INSTANCE_METADATA_DEFAULTS,
};
use kestrel_model::{ApiError, Fetched};

use super::{pages, tags};
use crate::collection::{fan_out, when, Collection};

/// What this file collects, landed into the region's [`Ec2`] by [`More::land`].
pub(super) struct More {
    elastic_ips: Fetched<Vec<ElasticIp>>,
    snapshots: Fetched<Vec<Snapshot>>,
    images: Fetched<Vec<Image>>,
    launch_templates: Fetched<Vec<LaunchTemplate>>,
    transit_gateways: Fetched<Vec<TransitGateway>>,
    subnets: Fetched<Vec<Subnet>>,
    vpc_endpoints: Fetched<Vec<VpcEndpoint>>,
    vpn_connections: Fetched<Vec<VpnConnection>>,
    imds_default_http_tokens: Fetched<Option<String>>,
}

impl More {
    pub(super) fn land(self, ec2: &mut Ec2) {
        ec2.elastic_ips = self.elastic_ips;
        ec2.snapshots = self.snapshots;
        ec2.images = self.images;
        ec2.launch_templates = self.launch_templates;
        ec2.transit_gateways = self.transit_gateways;
        ec2.subnets = self.subnets;
        ec2.vpc_endpoints = self.vpc_endpoints;
        ec2.vpn_connections = self.vpn_connections;
        ec2.imds_default_http_tokens = self.imds_default_http_tokens;
    }
}

pub(super) async fn collect(ctx: &Collection, region: &str, c: &aws_sdk_ec2::Client) -> More {
    let part = ctx.partition.as_str();
    let arn = move |kind: &str, id: &str| {
        format!("arn:{part}:ec2:{region}:{}:{kind}/{id}", ctx.account_id())
    };
    let (
        elastic_ips,
        snapshots,
        images,
        launch_templates,
        transit_gateways,
        subnets,
        vpc_endpoints,
        vpn_connections,
        imds_default_http_tokens,
    ) = futures::join!(
        when(ctx.needs(DESCRIBE_ADDRESSES), async {
            // DescribeAddresses is not paged.
            let o = ctx
                .call(DESCRIBE_ADDRESSES, || c.describe_addresses().send())
                .await?;
            ctx.wait_account_id().await;
            Ok(o.addresses()
                .iter()
                .map(|a| ElasticIp {
                    arn: arn("eip-allocation", a.allocation_id().unwrap_or("None")),
                    public_ip: a.public_ip().map(str::to_string),
                    allocation_id: a.allocation_id().map(str::to_string),
                    association_id: a.association_id().map(str::to_string),
                    tags: tags(a.tags()),
                })
                .collect())
        }),
        when(ctx.needs(DESCRIBE_SNAPSHOTS), snapshots(ctx, c, &arn)),
        when(ctx.needs(DESCRIBE_IMAGES), async {
            let pages = pages(
                ctx,
                DESCRIBE_IMAGES,
                |t| {
                    c.describe_images()
                        .owners("self")
                        .include_deprecated(true)
                        .set_next_token(t)
                        .send()
                },
                |p| p.next_token(),
            )
            .await?;
            Ok(pages
                .iter()
                .flat_map(|p| p.images())
                .map(|i| {
                    let id = i.image_id().unwrap_or_default();
                    Image {
                        id: id.to_string(),
                        arn: arn("image", id),
                        name: i.name().unwrap_or_default().to_string(),
                        public: i.public().unwrap_or(false),
                        tags: tags(i.tags()),
                    }
                })
                .collect())
        }),
        when(
            ctx.needs(DESCRIBE_LAUNCH_TEMPLATES),
            launch_templates(ctx, c, &arn)
        ),
        when(ctx.needs(DESCRIBE_TRANSIT_GATEWAYS), async {
            let pages = pages(
                ctx,
                DESCRIBE_TRANSIT_GATEWAYS,
                |t| c.describe_transit_gateways().set_next_token(t).send(),
                |p| p.next_token(),
            )
            .await?;
            Ok(pages
                .iter()
                .flat_map(|p| p.transit_gateways())
                .map(|g| TransitGateway {
                    id: g.transit_gateway_id().unwrap_or_default().to_string(),
                    arn: g.transit_gateway_arn().unwrap_or_default().to_string(),
                    auto_accept_shared_attachments: g
                        .options()
                        .and_then(|o| o.auto_accept_shared_attachments())
                        .is_some_and(|a| a.as_str() == "enable"),
                    tags: tags(g.tags()),
                })
                .collect())
        }),
        when(ctx.needs(DESCRIBE_SUBNETS), async {
            let pages = pages(
                ctx,
                DESCRIBE_SUBNETS,
                |t| c.describe_subnets().set_next_token(t).send(),
                |p| p.next_token(),
            )
            .await?;
            Ok(pages
                .iter()
                .flat_map(|p| p.subnets())
                .map(|s| {
                    let id = s.subnet_id().unwrap_or_default();
                    Subnet {
                        id: id.to_string(),
                        arn: s
                            .subnet_arn()
                            .map(str::to_string)
                            .unwrap_or_else(|| arn("subnet", id)),
                        vpc_id: s.vpc_id().unwrap_or_default().to_string(),
                        map_public_ip_on_launch: s.map_public_ip_on_launch().unwrap_or(false),
                        availability_zone: s.availability_zone().unwrap_or_default().to_string(),
                        tags: tags(s.tags()),
                    }
                })
                .collect())
        }),
        when(ctx.needs(DESCRIBE_VPC_ENDPOINTS), async {
            let pages = pages(
                ctx,
                DESCRIBE_VPC_ENDPOINTS,
                |t| c.describe_vpc_endpoints().set_next_token(t).send(),
                |p| p.next_token(),
            )
            .await?;
            Ok(pages
                .iter()
                .flat_map(|p| p.vpc_endpoints())
                .map(|e| VpcEndpoint {
                    id: e.vpc_endpoint_id().unwrap_or_default().to_string(),
                    vpc_id: e.vpc_id().unwrap_or_default().to_string(),
                    service_name: e.service_name().unwrap_or_default().to_string(),
                    endpoint_type: e
                        .vpc_endpoint_type()
                        .map(|t| t.as_str().to_string())
                        .unwrap_or_default(),
                })
                .collect())
        }),
        when(ctx.needs(DESCRIBE_VPN_CONNECTIONS), async {
            // DescribeVpnConnections is not paged.
            let o = ctx
                .call(DESCRIBE_VPN_CONNECTIONS, || {
                    c.describe_vpn_connections().send()
                })
                .await?;
            ctx.wait_account_id().await;
            Ok(o.vpn_connections()
                .iter()
                .map(|v| {
                    let id = v.vpn_connection_id().unwrap_or_default();
                    VpnConnection {
                        id: id.to_string(),
                        arn: arn("vpn-connection", id),
                        state: v
                            .state()
                            .map(|s| s.as_str().to_string())
                            .unwrap_or_default(),
                        tunnel_statuses: v
                            .vgw_telemetry()
                            .iter()
                            .map(|t| {
                                t.status()
                                    .map(|s| s.as_str().to_string())
                                    .unwrap_or_default()
                            })
                            .collect(),
                        tags: tags(v.tags()),
                    }
                })
                .collect())
        }),
        when(ctx.needs(GET_INSTANCE_METADATA_DEFAULTS), async {
            let o = ctx
                .call(GET_INSTANCE_METADATA_DEFAULTS, || {
                    c.get_instance_metadata_defaults().send()
                })
                .await?;
            Ok(o.account_level()
                .and_then(|a| a.http_tokens())
                .map(|t| t.as_str().to_string()))
        }),
    );
    More {
        elastic_ips,
        snapshots,
        images,
        launch_templates,
        transit_gateways,
        subnets,
        vpc_endpoints,
        vpn_connections,
        imds_default_http_tokens,
    }
}

/// The account's own snapshots, and (when a check needs it) whether each is public:
/// one DescribeSnapshotAttribute per snapshot.
async fn snapshots(
    ctx: &Collection,
    c: &aws_sdk_ec2::Client,
    arn: &dyn Fn(&str, &str) -> String,
) -> Result<Vec<Snapshot>, ApiError> {
    let pages = pages(
        ctx,
        DESCRIBE_SNAPSHOTS,
        |t| {
            c.describe_snapshots()
                .owner_ids("self")
                .set_next_token(t)
                .send()
        },
        |p| p.next_token(),
    )
    .await?;
    let mut list: Vec<Snapshot> = pages
        .iter()
        .flat_map(|p| p.snapshots())
        .map(|s| {
            let id = s.snapshot_id().unwrap_or_default();
            Snapshot {
                id: id.to_string(),
                arn: arn("snapshot", id),
                encrypted: s.encrypted().unwrap_or(false),
                tags: tags(s.tags()),
                ..Default::default()
            }
        })
        .collect();
    let public = ctx.needs(DESCRIBE_SNAPSHOT_ATTRIBUTE);
    let answers = fan_out(list.iter().map(|s| {
        when(public, async move {
            let o = ctx
                .call(DESCRIBE_SNAPSHOT_ATTRIBUTE, || {
                    c.describe_snapshot_attribute()
                        .snapshot_id(&s.id)
                        .attribute(
                            aws_sdk_ec2::types::SnapshotAttributeName::CreateVolumePermission,
                        )
                        .send()
                })
                .await?;
            Ok(o.create_volume_permissions()
                .iter()
                .any(|p| p.group().is_some_and(|g| g.as_str() == "all")))
        })
    }))
    .await;
    for (s, public) in list.iter_mut().zip(answers) {
        s.public = public;
    }
    Ok(list)
}

/// Launch templates, each with every version (one paged DescribeLaunchTemplateVersions
/// per template, when a check needs them).
async fn launch_templates(
    ctx: &Collection,
    c: &aws_sdk_ec2::Client,
    arn: &dyn Fn(&str, &str) -> String,
) -> Result<Vec<LaunchTemplate>, ApiError> {
    let pages = pages(
        ctx,
        DESCRIBE_LAUNCH_TEMPLATES,
        |t| c.describe_launch_templates().set_next_token(t).send(),
        |p| p.next_token(),
    )
    .await?;
    let mut list: Vec<LaunchTemplate> = pages
        .iter()
        .flat_map(|p| p.launch_templates())
        .map(|t| {
            let id = t.launch_template_id().unwrap_or_default();
            LaunchTemplate {
                id: id.to_string(),
                arn: arn("launch-template", id),
                name: t.launch_template_name().unwrap_or_default().to_string(),
                tags: tags(t.tags()),
                ..Default::default()
            }
        })
        .collect();
    let wanted = ctx.needs(DESCRIBE_LAUNCH_TEMPLATE_VERSIONS);
    let answers = fan_out(list.iter().map(|t| {
        when(wanted, async move {
            let versions = ctx
                .list(
                    DESCRIBE_LAUNCH_TEMPLATE_VERSIONS,
                    |tok| {
                        c.describe_launch_template_versions()
                            .launch_template_id(&t.id)
                            .set_next_token(tok)
                            .send()
                    },
                    |p| p.next_token(),
                    |p| {
                        p.launch_template_versions()
                            .iter()
                            .map(|v| {
                                let nics = v
                                    .launch_template_data()
                                    .map(|d| d.network_interfaces())
                                    .unwrap_or_default();
                                LaunchTemplateVersion {
                                    number: v.version_number().unwrap_or_default(),
                                    associate_public_ip: nics
                                        .iter()
                                        .any(|n| n.associate_public_ip_address() == Some(true)),
                                    network_interface_ids: nics
                                        .iter()
                                        .filter_map(|n| {
                                            n.network_interface_id().map(str::to_string)
                                        })
                                        .collect(),
                                }
                            })
                            .collect::<Vec<_>>()
                    },
                )
                .await?;
            Ok(versions)
        })
    }))
    .await;
    for (t, versions) in list.iter_mut().zip(answers) {
        t.versions = versions;
    }
    Ok(list)
}
