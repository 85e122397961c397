//! CloudFront (global).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched, Tags};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const LIST_DISTRIBUTIONS: Action = Action::new("cloudfront:ListDistributions", 2);
pub const GET_DISTRIBUTION_CONFIG: Action = Action::new("cloudfront:GetDistributionConfig", 0);
/// Whether an S3 origin's bucket still exists: HeadBucket, which IAM authorizes as
/// `s3:ListBucket` (told apart from the S3 collector's calls).
pub const HEAD_ORIGIN_BUCKET: Action = Action::new("s3:ListBucket", 0).on("cloudfront");
/// Standard logging v2: CloudWatch Logs delivery sources naming a distribution…
pub const DESCRIBE_DELIVERY_SOURCES: Action = Action::new("logs:DescribeDeliverySources", 1);
/// …and the deliveries that make them flow.
pub const DESCRIBE_DELIVERIES: Action = Action::new("logs:DescribeDeliveries", 0);

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
    /// The default cache behavior has a real-time log config.
    pub realtime_logging: bool,
    /// The default cache behavior's viewer protocol policy: `allow-all`,
    /// `redirect-to-https` or `https-only`.
    pub viewer_protocol_policy: String,
    /// The AWS WAF web ACL (ARN or classic id), empty when none.
    pub web_acl_id: String,
    pub origins: Vec<Origin>,
    /// Each origin group's number of member origins.
    pub origin_group_sizes: Vec<u32>,
    /// Viewers are served the `*.cloudfront.net` certificate.
    pub default_certificate: bool,
    /// The custom viewer certificate (ACM ARN or IAM certificate id), empty when none.
    pub certificate: String,
    /// `sni-only`, `vip` or `static-ip` (the API's default when absent).
    pub ssl_support_method: String,
    pub minimum_protocol_version: String,
    /// What only GetDistributionConfig tells.
    pub config: Fetched<Config>,
    /// Standard logging v2: a CloudWatch Logs delivery source for this distribution with
    /// at least one delivery.
    pub logging_v2: Fetched<bool>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Config {
    /// Standard (legacy) logging to an S3 bucket.
    pub logging_enabled: bool,
    /// Empty when none.
    pub default_root_object: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Origin {
    pub id: String,
    pub domain_name: String,
    /// An S3 REST origin (it has an S3 origin config).
    pub s3: bool,
    /// Empty when the origin uses no origin access control.
    pub origin_access_control_id: String,
    /// A custom origin's protocol policy (`http-only`, `match-viewer`, `https-only`);
    /// empty for S3 and VPC origins.
    pub protocol_policy: String,
    /// A custom origin's TLS protocols toward the origin.
    pub ssl_protocols: Vec<String>,
    /// For an S3 origin: whether its bucket exists (HeadBucket answered anything but
    /// 404, as Prowler reads it).
    pub bucket_exists: Fetched<bool>,
}

impl Origin {
    /// The bucket an S3 origin's domain names (`bucket.s3.<region>.amazonaws.com`).
    pub fn bucket_name(&self) -> &str {
        self.domain_name
            .split_once(".s3")
            .map_or(self.domain_name.as_str(), |(b, _)| b)
    }
}
