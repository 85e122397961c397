//! EC2 and VPC (regional).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched, Tags};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const GET_EBS_ENCRYPTION_BY_DEFAULT: Action = Action::new("ec2:GetEbsEncryptionByDefault", 0);
pub const DESCRIBE_VOLUMES: Action = Action::new("ec2:DescribeVolumes", 0);
pub const DESCRIBE_INSTANCES: Action = Action::new("ec2:DescribeInstances", 0);
pub const DESCRIBE_SECURITY_GROUPS: Action = Action::new("ec2:DescribeSecurityGroups", 0);
pub const DESCRIBE_NETWORK_INTERFACES: Action = Action::new("ec2:DescribeNetworkInterfaces", 0);
pub const DESCRIBE_NETWORK_ACLS: Action = Action::new("ec2:DescribeNetworkAcls", 0);
pub const DESCRIBE_VPCS: Action = Action::new("ec2:DescribeVpcs", 0);
pub const DESCRIBE_FLOW_LOGS: Action = Action::new("ec2:DescribeFlowLogs", 0);
pub const DESCRIBE_ROUTE_TABLES: Action = Action::new("ec2:DescribeRouteTables", 0);
pub const DESCRIBE_VPC_PEERING_CONNECTIONS: Action =
    Action::new("ec2:DescribeVpcPeeringConnections", 0);
pub const DESCRIBE_REGIONS: Action = Action::new("ec2:DescribeRegions", 0);
pub const DESCRIBE_ADDRESSES: Action = Action::new("ec2:DescribeAddresses", 0);
pub const DESCRIBE_SNAPSHOTS: Action = Action::new("ec2:DescribeSnapshots", 1);
pub const DESCRIBE_SNAPSHOT_ATTRIBUTE: Action = Action::new("ec2:DescribeSnapshotAttribute", 0);
pub const DESCRIBE_IMAGES: Action = Action::new("ec2:DescribeImages", 0);
pub const DESCRIBE_LAUNCH_TEMPLATES: Action = Action::new("ec2:DescribeLaunchTemplates", 1);
pub const DESCRIBE_LAUNCH_TEMPLATE_VERSIONS: Action =
    Action::new("ec2:DescribeLaunchTemplateVersions", 0);
pub const DESCRIBE_TRANSIT_GATEWAYS: Action = Action::new("ec2:DescribeTransitGateways", 0);
pub const DESCRIBE_SUBNETS: Action = Action::new("ec2:DescribeSubnets", 0);
pub const DESCRIBE_VPC_ENDPOINTS: Action = Action::new("ec2:DescribeVpcEndpoints", 0);
pub const DESCRIBE_VPN_CONNECTIONS: Action = Action::new("ec2:DescribeVpnConnections", 0);
pub const GET_INSTANCE_METADATA_DEFAULTS: Action =
    Action::new("ec2:GetInstanceMetadataDefaults", 0);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Ec2 {
    pub ebs_encryption_by_default: Fetched<bool>,
    pub volumes: Fetched<Vec<Volume>>,
    pub instances: Fetched<Vec<Instance>>,
    pub security_groups: Fetched<Vec<SecurityGroup>>,
    pub network_interfaces: Fetched<Vec<NetworkInterface>>,
    pub network_acls: Fetched<Vec<NetworkAcl>>,
    pub vpcs: Fetched<Vec<Vpc>>,
    pub flow_logs: Fetched<Vec<FlowLog>>,
    pub route_tables: Fetched<Vec<RouteTable>>,
    pub vpc_peering_connections: Fetched<Vec<VpcPeeringConnection>>,
    pub elastic_ips: Fetched<Vec<ElasticIp>>,
    /// The account's own EBS snapshots.
    pub snapshots: Fetched<Vec<Snapshot>>,
    /// The account's own AMIs.
    pub images: Fetched<Vec<Image>>,
    pub launch_templates: Fetched<Vec<LaunchTemplate>>,
    pub transit_gateways: Fetched<Vec<TransitGateway>>,
    pub subnets: Fetched<Vec<Subnet>>,
    pub vpc_endpoints: Fetched<Vec<VpcEndpoint>>,
    /// Site-to-Site VPN connections.
    pub vpn_connections: Fetched<Vec<VpnConnection>>,
    /// The account-level instance metadata defaults' `HttpTokens` (`required`,
    /// `optional`, `no-preference`; None when unset).
    pub imds_default_http_tokens: Fetched<Option<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VpnConnection {
    pub id: String,
    pub arn: String,
    /// `pending`, `available`, `deleting`, `deleted`.
    pub state: String,
    /// Each tunnel's telemetry status (`UP`, `DOWN`), as VgwTelemetry lists them.
    pub tunnel_statuses: Vec<String>,
    pub tags: crate::Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Subnet {
    pub id: String,
    pub arn: String,
    pub vpc_id: String,
    /// Instances launched in it get a public IPv4 address unless told otherwise.
    pub map_public_ip_on_launch: bool,
    pub availability_zone: String,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VpcEndpoint {
    pub id: String,
    pub vpc_id: String,
    /// `com.amazonaws.<region>.ec2`, ….
    pub service_name: String,
    /// `Interface`, `Gateway`, `GatewayLoadBalancer`.
    pub endpoint_type: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Snapshot {
    pub id: String,
    pub arn: String,
    pub encrypted: bool,
    /// Whether anyone may create a volume from it (createVolumePermission group `all`).
    pub public: Fetched<bool>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Image {
    pub id: String,
    pub arn: String,
    pub name: String,
    pub public: bool,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LaunchTemplate {
    pub id: String,
    pub arn: String,
    pub name: String,
    /// Every version, in the API's order.
    pub versions: Fetched<Vec<LaunchTemplateVersion>>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LaunchTemplateVersion {
    pub number: i64,
    /// Some network interface of the template data asks for a public IPv4 address.
    pub associate_public_ip: bool,
    /// Existing network interfaces the template data attaches.
    pub network_interface_ids: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TransitGateway {
    pub id: String,
    pub arn: String,
    /// `Options.AutoAcceptSharedAttachments` is `enable`.
    pub auto_accept_shared_attachments: bool,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ElasticIp {
    /// `arn:…:ec2:<region>:<account>:eip-allocation/<allocation id>`.
    pub arn: String,
    pub public_ip: Option<String>,
    pub allocation_id: Option<String>,
    /// Set while the address is associated with an instance or network interface.
    pub association_id: Option<String>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Volume {
    pub id: String,
    pub arn: String,
    pub encrypted: bool,
    pub state: String,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Instance {
    pub id: String,
    pub arn: String,
    /// `running`, `stopped`, `terminated`, …
    pub state: String,
    /// IMDS `HttpTokens`: `required` or `optional`.
    pub http_tokens: Option<String>,
    /// IMDS `HttpEndpoint`: `enabled` or `disabled`.
    pub http_endpoint: Option<String>,
    pub public_ip: Option<String>,
    pub iam_instance_profile_arn: Option<String>,
    pub security_group_ids: Vec<String>,
    pub subnet_id: Option<String>,
    pub vpc_id: Option<String>,
    pub tags: Tags,
    pub public_dns: Option<String>,
    /// RFC 3339.
    pub launch_time: Option<String>,
    /// `hvm` or `paravirtual`.
    pub virtualization_type: Option<String>,
    pub image_id: Option<String>,
    /// The network interfaces attached to it.
    pub network_interface_ids: Vec<String>,
    /// Nitro Enclaves enabled (`EnclaveOptions.Enabled`).
    pub enclaves_enabled: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SecurityGroup {
    pub id: String,
    pub arn: String,
    pub name: String,
    pub vpc_id: Option<String>,
    pub ingress: Vec<IpPermission>,
    pub egress: Vec<IpPermission>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct IpPermission {
    /// `-1` (all), `tcp`, `udp`, `icmp`, or a protocol number.
    pub protocol: String,
    pub from_port: Option<i32>,
    pub to_port: Option<i32>,
    pub ipv4_ranges: Vec<String>,
    pub ipv6_ranges: Vec<String>,
    pub prefix_list_ids: Vec<String>,
    pub group_ids: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NetworkInterface {
    pub id: String,
    pub vpc_id: Option<String>,
    pub security_group_ids: Vec<String>,
    pub public_ip: Option<String>,
    /// `interface`, `api_gateway_managed`, `vpc_endpoint`, `network_load_balancer`, ….
    pub interface_type: String,
    /// Who owns the instance the interface is attached to (`amazon-elb` for load
    /// balancers), when it is attached.
    pub instance_owner_id: Option<String>,
    /// Its IPv6 addresses (all global unicast in a VPC).
    pub ipv6_addresses: Vec<String>,
    pub subnet_id: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NetworkAcl {
    pub id: String,
    pub arn: String,
    pub vpc_id: String,
    pub is_default: bool,
    pub entries: Vec<NaclEntry>,
    pub subnet_ids: Vec<String>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct NaclEntry {
    pub rule_number: i32,
    /// `-1` (all), `6` (tcp), `17` (udp), …
    pub protocol: String,
    /// `allow` or `deny`.
    pub rule_action: String,
    pub egress: bool,
    pub cidr_block: Option<String>,
    pub ipv6_cidr_block: Option<String>,
    pub from_port: Option<i32>,
    pub to_port: Option<i32>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Vpc {
    pub id: String,
    pub arn: String,
    pub cidr_blocks: Vec<String>,
    pub is_default: bool,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FlowLog {
    pub id: String,
    /// The VPC, subnet or interface it watches.
    pub resource_id: String,
    pub status: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RouteTable {
    pub id: String,
    pub arn: String,
    pub vpc_id: String,
    pub routes: Vec<Route>,
    /// The VPC's main route table (an association with `Main` true): it serves every
    /// subnet without an explicit association.
    pub main: bool,
    /// Subnets explicitly associated with it (`Associations[].SubnetId`).
    pub subnet_ids: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Route {
    pub destination_cidr: Option<String>,
    pub destination_ipv6_cidr: Option<String>,
    pub gateway_id: Option<String>,
    pub vpc_peering_connection_id: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VpcPeeringConnection {
    pub id: String,
    pub arn: String,
    pub requester_vpc_id: String,
    pub accepter_vpc_id: String,
    pub requester_cidrs: Vec<String>,
    pub accepter_cidrs: Vec<String>,
    pub status: String,
}
