//! The account snapshot: everything kestrel's checks read, as plain serde types.
//!
//! The inventory crate fills it from the AWS APIs; `--save-inventory` writes it as JSON
//! and `--inventory` reads it back, so checks run the same on a live account and on a
//! saved one. Nothing here knows the AWS SDK.
//!
//! Every piece of data that comes from one API call is a [`Fetched`]: not collected (no
//! selected check needs it), the value, or the API error that prevented it (denied,
//! unsupported, throttled beyond retries). Checks turn errors into ERROR findings, so a
//! failed call is never silently read as "no resources".

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub mod finding;
pub mod time;
pub use finding::{Finding, Severity, Status};

/// Bumped when the snapshot layout changes incompatibly.
pub const SNAPSHOT_FORMAT: u32 = 1;

/// An API failure recorded in the snapshot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiError {
    /// `service:Operation`, e.g. `s3:GetBucketPolicy`.
    pub operation: String,
    /// The AWS error code (`AccessDenied`, `InternalFailure`, …) or a kestrel code
    /// (`ConnectionError`, `Timeout`).
    pub code: String,
    pub message: String,
}

impl ApiError {
    pub fn new(operation: &str, code: &str, message: &str) -> Self {
        ApiError {
            operation: operation.into(),
            code: code.into(),
            message: message.into(),
        }
    }

    /// One line for a finding's STATUS_EXTENDED.
    pub fn describe(&self) -> String {
        let what = match self.code.as_str() {
            "AccessDenied"
            | "AccessDeniedException"
            | "UnauthorizedOperation"
            | "AuthorizationError" => "access denied",
            "NotImplemented" | "InternalFailure" | "InternalError" | "InternalServerError" => {
                "not supported by the endpoint"
            }
            "Throttling"
            | "ThrottlingException"
            | "RequestLimitExceeded"
            | "TooManyRequestsException" => "throttled beyond retries",
            _ => "failed",
        };
        if self.message.is_empty() {
            format!("{} {what} ({})", self.operation, self.code)
        } else {
            format!(
                "{} {what} ({}: {})",
                self.operation, self.code, self.message
            )
        }
    }
}

/// The outcome of one API call (or one paginated listing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Fetched<T> {
    /// No selected check needed it.
    #[default]
    NotCollected,
    Ok(T),
    Error(ApiError),
}

impl<T> Fetched<T> {
    pub fn ok(&self) -> Option<&T> {
        match self {
            Fetched::Ok(v) => Some(v),
            _ => None,
        }
    }
    pub fn error(&self) -> Option<&ApiError> {
        match self {
            Fetched::Error(e) => Some(e),
            _ => None,
        }
    }
    pub fn is_collected(&self) -> bool {
        !matches!(self, Fetched::NotCollected)
    }
    pub fn as_result(&self) -> Result<&T, Option<&ApiError>> {
        match self {
            Fetched::Ok(v) => Ok(v),
            Fetched::Error(e) => Err(Some(e)),
            Fetched::NotCollected => Err(None),
        }
    }
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Fetched<U> {
        match self {
            Fetched::Ok(v) => Fetched::Ok(f(v)),
            Fetched::Error(e) => Fetched::Error(e),
            Fetched::NotCollected => Fetched::NotCollected,
        }
    }
}

impl<T> From<Result<T, ApiError>> for Fetched<T> {
    fn from(r: Result<T, ApiError>) -> Self {
        match r {
            Ok(v) => Fetched::Ok(v),
            Err(e) => Fetched::Error(e),
        }
    }
}

/// Tags as a sorted map.
pub type Tags = BTreeMap<String, String>;

/// A whole account.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Snapshot {
    pub format: u32,
    pub account: Account,
    /// When collection started (RFC 3339, UTC).
    pub collected_at: String,
    /// The scan's id (a UUIDv7), kept with the data so that reports made later from a
    /// saved inventory name the same scan.
    pub scan_id: String,
    /// Regions scanned, in order.
    pub regions: Vec<String>,
    pub iam: Iam,
    pub s3: S3,
    pub organizations: Organizations,
    pub account_contacts: AccountContacts,
    pub cloudfront: CloudFront,
    /// Per-region services, by region name.
    pub regional: BTreeMap<String, Regional>,
}

/// Whether `id` is an AWS account id: exactly 12 ASCII digits. Every account id that
/// reaches a file name or a report (from a saved inventory, GetCallerIdentity,
/// Organizations or a list) is checked with this first.
pub fn is_account_id(id: &str) -> bool {
    id.len() == 12 && id.bytes().all(|b| b.is_ascii_digit())
}

/// Who was scanned, and with what identity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Account {
    pub account_id: String,
    pub partition: String,
    pub caller_arn: String,
    pub user_id: String,
    pub profile: Option<String>,
    pub assumed_role_arn: Option<String>,
    /// Filled from AWS Organizations (`-O`) when available.
    pub name: Option<String>,
    pub email: Option<String>,
    pub organization_id: Option<String>,
    pub organization_arn: Option<String>,
    pub ou_id: Option<String>,
    pub ou_path: Option<String>,
    pub tags: Tags,
}

// ---------------------------------------------------------------- IAM (global)

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Iam {
    /// Rows of the credential report, column name → raw value (`N/A`, `true`, dates).
    pub credential_report: Fetched<Vec<BTreeMap<String, String>>>,
    /// None when the account has no password policy.
    pub password_policy: Fetched<Option<PasswordPolicy>>,
    /// GetAccountSummary's map (`AccountMFAEnabled`, `AccountAccessKeysPresent`, …).
    pub account_summary: Fetched<BTreeMap<String, i64>>,
    pub virtual_mfa_devices: Fetched<Vec<VirtualMfaDevice>>,
    pub users: Fetched<Vec<User>>,
    pub roles: Fetched<Vec<Role>>,
    /// Customer-managed and attached AWS-managed policies with their default version.
    pub policies: Fetched<Vec<Policy>>,
    /// Who a given AWS-managed policy is attached to (AWSSupportAccess,
    /// AWSCloudShellFullAccess), by policy ARN.
    pub policy_entities: BTreeMap<String, Fetched<PolicyEntities>>,
    pub server_certificates: Fetched<Vec<ServerCertificate>>,
    pub saml_providers: Fetched<Vec<String>>,
    /// ListOrganizationsFeatures: enabled centralized root access features.
    pub organizations_features: Fetched<Vec<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PasswordPolicy {
    pub minimum_password_length: Option<i64>,
    pub require_symbols: bool,
    pub require_numbers: bool,
    pub require_uppercase_characters: bool,
    pub require_lowercase_characters: bool,
    pub allow_users_to_change_password: bool,
    pub expire_passwords: bool,
    pub max_password_age: Option<i64>,
    pub password_reuse_prevention: Option<i64>,
    pub hard_expiry: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct VirtualMfaDevice {
    pub serial_number: String,
    /// The user it is enabled for (the root account's ARN ends in `:root`).
    pub user_arn: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct User {
    pub name: String,
    pub arn: String,
    pub create_date: String,
    pub password_last_used: Option<String>,
    pub attached_policies: Fetched<Vec<AttachedPolicy>>,
    pub inline_policies: Fetched<Vec<String>>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Role {
    pub name: String,
    pub arn: String,
    pub create_date: String,
    pub assume_role_policy: Option<Value>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AttachedPolicy {
    pub name: String,
    pub arn: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Policy {
    pub name: String,
    pub arn: String,
    /// `AWS` (AWS-managed) or `Local` (customer-managed).
    pub scope: String,
    pub attachment_count: i64,
    pub default_version_id: String,
    /// The default version's document (parsed JSON).
    pub document: Fetched<Value>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PolicyEntities {
    pub users: Vec<String>,
    pub groups: Vec<String>,
    pub roles: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ServerCertificate {
    pub name: String,
    pub arn: String,
    pub id: String,
    /// RFC 3339.
    pub expiration: Option<String>,
}

// ---------------------------------------------------------------- S3 (global listing)

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct S3 {
    /// The account-level block public access (s3control); None when not configured.
    pub account_public_access_block: Fetched<Option<PublicAccessBlock>>,
    pub buckets: Fetched<Vec<Bucket>>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct PublicAccessBlock {
    pub block_public_acls: bool,
    pub ignore_public_acls: bool,
    pub block_public_policy: bool,
    pub restrict_public_buckets: bool,
}

impl PublicAccessBlock {
    pub fn all(&self) -> bool {
        self.block_public_acls
            && self.ignore_public_acls
            && self.block_public_policy
            && self.restrict_public_buckets
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Bucket {
    pub name: String,
    pub arn: String,
    pub region: String,
    pub creation_date: String,
    /// None when the bucket has no block-public-access configuration.
    pub public_access_block: Fetched<Option<PublicAccessBlock>>,
    /// The bucket policy (parsed JSON); None when the bucket has none.
    pub policy: Fetched<Option<Value>>,
    pub versioning: Fetched<Versioning>,
    /// Server access logging target bucket; None when logging is off.
    pub logging_target: Fetched<Option<String>>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Versioning {
    /// `Enabled`, `Suspended`, or None (never enabled).
    pub status: Option<String>,
    /// `Enabled`, `Disabled`, or None.
    pub mfa_delete: Option<String>,
}

// ---------------------------------------------------------------- Organizations, Account, CloudFront (global)

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Organizations {
    /// None when the account is not in an organization.
    pub organization: Fetched<Option<Organization>>,
    pub delegated_administrators: Fetched<Vec<DelegatedAdministrator>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Organization {
    pub id: String,
    pub arn: String,
    pub master_account_id: String,
    pub feature_set: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DelegatedAdministrator {
    pub id: String,
    pub arn: String,
    pub name: String,
    pub email: String,
    pub status: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AccountContacts {
    /// The SECURITY alternate contact; None when not registered.
    pub security_contact: Fetched<Option<Contact>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contact {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub title: String,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CloudFront {
    pub distributions: Fetched<Vec<Distribution>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Distribution {
    pub id: String,
    pub arn: String,
    /// Standard logging enabled in the distribution config.
    pub logging_enabled: Fetched<bool>,
    /// Any cache behavior with a real-time log config.
    pub realtime_logging: bool,
    pub tags: Tags,
}

// ---------------------------------------------------------------- per region

/// The regional services of one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Regional {
    pub ec2: Ec2,
    pub cloudtrail: Fetched<Vec<Trail>>,
    pub cloudwatch_alarms: Fetched<Vec<MetricAlarm>>,
    pub log_metric_filters: Fetched<Vec<MetricFilter>>,
    pub config_recorders: Fetched<Vec<ConfigRecorder>>,
    pub kms_keys: Fetched<Vec<KmsKey>>,
    pub rds_instances: Fetched<Vec<DbInstance>>,
    pub rds_clusters: Fetched<Vec<DbCluster>>,
    pub efs_file_systems: Fetched<Vec<FileSystem>>,
    pub access_analyzers: Fetched<Vec<Analyzer>>,
    /// None when Security Hub is not enabled in the region.
    pub securityhub: Fetched<Option<Hub>>,
    /// Macie session status (`ENABLED`, `PAUSED`); None when Macie is not enabled.
    pub macie_status: Fetched<Option<String>>,
    pub lambda_functions: Fetched<Vec<LambdaFunction>>,
    pub rest_apis: Fetched<Vec<RestApi>>,
    pub http_apis: Fetched<Vec<HttpApi>>,
    pub load_balancers: Fetched<Vec<LoadBalancer>>,
    pub event_buses: Fetched<Vec<EventBus>>,
    pub glacier_vaults: Fetched<Vec<ResourceWithPolicy>>,
    pub secrets: Fetched<Vec<ResourceWithPolicy>>,
    pub sns_topics: Fetched<Vec<ResourceWithPolicy>>,
    pub sqs_queues: Fetched<Vec<ResourceWithPolicy>>,
}

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

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Trail {
    pub name: String,
    pub arn: String,
    pub home_region: String,
    pub is_multi_region: bool,
    pub is_organization_trail: bool,
    pub log_file_validation_enabled: bool,
    pub kms_key_id: Option<String>,
    pub s3_bucket_name: Option<String>,
    pub cloudwatch_logs_log_group_arn: Option<String>,
    pub is_logging: Fetched<bool>,
    pub event_selectors: Fetched<EventSelectors>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventSelectors {
    pub basic: Vec<EventSelector>,
    /// Advanced event selectors as returned (field selectors).
    pub advanced: Vec<Value>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventSelector {
    /// `ReadOnly`, `WriteOnly` or `All`.
    pub read_write_type: String,
    pub include_management_events: bool,
    pub data_resources: Vec<DataResource>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DataResource {
    /// e.g. `AWS::S3::Object`.
    pub resource_type: String,
    pub values: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MetricAlarm {
    pub name: String,
    pub arn: String,
    pub metric_name: Option<String>,
    pub namespace: Option<String>,
    pub actions_enabled: bool,
    pub alarm_actions: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MetricFilter {
    pub name: String,
    pub log_group_name: String,
    pub pattern: String,
    /// (metric name, namespace) pairs.
    pub metrics: Vec<(String, String)>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConfigRecorder {
    pub name: String,
    pub all_supported: bool,
    pub include_global_resource_types: bool,
    pub recording: bool,
    /// Last status: `SUCCESS`, `FAILURE`, `PENDING`, or None.
    pub last_status: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct KmsKey {
    pub id: String,
    pub arn: String,
    /// `CUSTOMER` or `AWS`.
    pub manager: String,
    /// `Enabled`, `Disabled`, `PendingDeletion`, …
    pub state: String,
    /// `SYMMETRIC_DEFAULT`, `RSA_2048`, …
    pub spec: String,
    pub origin: String,
    pub rotation_enabled: Fetched<bool>,
    pub policy: Fetched<Option<Value>>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DbInstance {
    pub id: String,
    pub arn: String,
    pub engine: String,
    pub publicly_accessible: bool,
    pub storage_encrypted: bool,
    pub multi_az: bool,
    pub auto_minor_version_upgrade: bool,
    pub cluster_id: Option<String>,
    pub port: Option<i32>,
    pub security_group_ids: Vec<String>,
    pub tags: Tags,
    /// `Endpoint.Address`.
    pub endpoint_address: Option<String>,
    /// `DBSubnetGroup.VpcId`.
    pub vpc_id: Option<String>,
    /// `DBSubnetGroup.Subnets[].SubnetIdentifier` of the subnets whose status is `Active`.
    pub subnet_ids: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DbCluster {
    pub id: String,
    pub arn: String,
    pub engine: String,
    pub multi_az: bool,
    pub storage_encrypted: bool,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct FileSystem {
    pub id: String,
    pub arn: String,
    pub encrypted: bool,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Analyzer {
    pub name: String,
    pub arn: String,
    /// `ACTIVE`, `CREATING`, `DISABLED`, `FAILED`.
    pub status: String,
    /// `ACCOUNT`, `ORGANIZATION`, …
    pub analyzer_type: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Hub {
    pub arn: String,
    pub subscribed_at: Option<String>,
    /// GetEnabledStandards: the `StandardsArn` of each enabled standard subscription.
    pub standards: Fetched<Vec<String>>,
    /// ListEnabledProductsForImport: the product subscription ARNs, as returned.
    pub integrations: Fetched<Vec<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LambdaFunction {
    pub name: String,
    pub arn: String,
    pub runtime: Option<String>,
    pub policy: Fetched<Option<Value>>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RestApi {
    pub id: String,
    pub name: String,
    pub arn: String,
    pub stages: Vec<RestStage>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RestStage {
    pub name: String,
    pub arn: String,
    /// The `*/*` method setting's logging level (`OFF`, `ERROR`, `INFO`), if any.
    pub logging_level: Option<String>,
    /// GetStages `methodSettings`: the `loggingLevel` of every method setting of the
    /// stage (`*/*` and per-method overrides), in any order.
    pub method_logging_levels: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HttpApi {
    pub id: String,
    pub name: String,
    pub arn: String,
    pub protocol: String,
    pub stages: Vec<HttpStage>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct HttpStage {
    pub name: String,
    pub access_log_destination: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LoadBalancer {
    pub name: String,
    pub arn: String,
    /// `application`, `network`, `gateway`.
    pub lb_type: String,
    pub access_logs_enabled: Fetched<bool>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EventBus {
    pub name: String,
    pub arn: String,
    pub policy: Option<Value>,
}

/// A resource whose only interesting property is its resource policy (Glacier vaults,
/// secrets, SNS topics, SQS queues).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ResourceWithPolicy {
    pub name: String,
    pub arn: String,
    /// None when the resource has no policy.
    pub policy: Fetched<Option<Value>>,
    pub tags: Tags,
}
