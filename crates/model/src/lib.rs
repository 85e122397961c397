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

// One file per service: its snapshot types and the API actions they come from.
pub mod accessanalyzer;
pub mod account;
pub mod acm;
pub mod apigateway;
pub mod autoscaling;
pub mod backup;
pub mod cloudfront;
pub mod cloudtrail;
pub mod cloudwatch;
pub mod config;
pub mod dynamodb;
pub mod ec2;
pub mod ecr;
pub mod ecs;
pub mod efs;
pub mod eks;
pub mod elb;
pub mod elbv2;
pub mod emr;
pub mod eventbridge;
pub mod glacier;
pub mod guardduty;
pub mod iam;
pub mod kafka;
pub mod kms;
pub mod lambda;
pub mod logs;
pub mod macie;
pub mod networkfirewall;
pub mod organizations;
pub mod rds;
pub mod s3;
pub mod secretsmanager;
pub mod securityhub;
pub mod sns;
pub mod sqs;
pub mod transfer;
pub mod wafv2;
pub use finding::{Finding, Severity, Status};

mod action;
pub use action::Action;

/// Bumped when the snapshot layout changes incompatibly (2: a struct per regional
/// service, `regional.<region>.kms.keys` where 1 had `kms_keys`).
pub const SNAPSHOT_FORMAT: u32 = 2;

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
    pub iam: iam::Iam,
    pub s3: s3::S3,
    pub organizations: organizations::Organizations,
    pub account_contacts: account::AccountContacts,
    pub cloudfront: cloudfront::CloudFront,
    /// CLOUDFRONT-scope WAF web ACLs (asked in the global region).
    pub wafv2_cloudfront: wafv2::Wafv2,
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

/// The regional services of one region, a field per service.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Regional {
    pub ec2: ec2::Ec2,
    pub cloudtrail: cloudtrail::CloudTrail,
    pub cloudwatch: cloudwatch::CloudWatch,
    pub logs: logs::Logs,
    pub config: config::Config,
    pub kms: kms::Kms,
    pub rds: rds::Rds,
    pub efs: efs::Efs,
    pub accessanalyzer: accessanalyzer::AccessAnalyzer,
    pub securityhub: securityhub::SecurityHub,
    pub macie: macie::Macie,
    pub lambda: lambda::Lambda,
    pub apigateway: apigateway::ApiGateway,
    pub elbv2: elbv2::Elbv2,
    pub eventbridge: eventbridge::EventBridge,
    pub glacier: glacier::Glacier,
    pub secretsmanager: secretsmanager::SecretsManager,
    pub sns: sns::Sns,
    pub sqs: sqs::Sqs,
    pub s3control: s3::S3Control,
    pub ecs: ecs::Ecs,
    pub ecr: ecr::Ecr,
    pub eks: eks::Eks,
    pub elb: elb::Elb,
    pub acm: acm::Acm,
    pub backup: backup::Backup,
    pub kafka: kafka::Kafka,
    pub emr: emr::Emr,
    pub autoscaling: autoscaling::AutoScaling,
    pub networkfirewall: networkfirewall::NetworkFirewall,
    pub transfer: transfer::Transfer,
    pub guardduty: guardduty::GuardDuty,
    pub dynamodb: dynamodb::DynamoDb,
    /// REGIONAL web ACLs.
    pub wafv2: wafv2::Wafv2,
}

/// A resource described by its resource policy and a few attributes (Glacier vaults,
/// secrets, SNS topics, SQS queues).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ResourceWithPolicy {
    pub name: String,
    pub arn: String,
    /// None when the resource has no policy.
    pub policy: Fetched<Option<Value>>,
    pub tags: Tags,
    /// The other attributes checks read, under the service's names: SNS and SQS
    /// `KmsMasterKeyId` (and SQS `SqsManagedSseEnabled`), from the call that returns the
    /// policy; Secrets Manager `RotationEnabled`, from ListSecrets. An attribute the
    /// service did not return is absent.
    pub attributes: Fetched<std::collections::BTreeMap<String, String>>,
}
