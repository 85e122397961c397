//! S3: the account-level settings and every bucket (global listing).

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{Action, Fetched, Tags};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const LIST_ALL_MY_BUCKETS: Action = Action::new("s3:ListAllMyBuckets", 2);
pub const GET_BUCKET_LOCATION: Action = Action::new("s3:GetBucketLocation", 1);
pub const GET_BUCKET_PUBLIC_ACCESS_BLOCK: Action = Action::new("s3:GetBucketPublicAccessBlock", 0);
pub const GET_BUCKET_POLICY: Action = Action::new("s3:GetBucketPolicy", 0);
pub const GET_BUCKET_VERSIONING: Action = Action::new("s3:GetBucketVersioning", 0);
pub const GET_BUCKET_LOGGING: Action = Action::new("s3:GetBucketLogging", 0);
/// GetBucketEncryption (the IAM action's name differs).
pub const GET_ENCRYPTION_CONFIGURATION: Action = Action::new("s3:GetEncryptionConfiguration", 0);
/// GetBucketLifecycleConfiguration.
pub const GET_LIFECYCLE_CONFIGURATION: Action = Action::new("s3:GetLifecycleConfiguration", 0);
pub const GET_BUCKET_OWNERSHIP_CONTROLS: Action = Action::new("s3:GetBucketOwnershipControls", 0);
/// GetObjectLockConfiguration.
pub const GET_BUCKET_OBJECT_LOCK_CONFIGURATION: Action =
    Action::new("s3:GetBucketObjectLockConfiguration", 0);
pub const GET_BUCKET_ACL: Action = Action::new("s3:GetBucketAcl", 0);
pub const LIST_ACCESS_POINTS: Action = Action::new("s3:ListAccessPoints", 1);
pub const GET_ACCESS_POINT: Action = Action::new("s3:GetAccessPoint", 0);
pub const GET_ACCOUNT_PUBLIC_ACCESS_BLOCK: Action =
    Action::new("s3:GetAccountPublicAccessBlock", 0);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct S3 {
    /// The account-level block public access (s3control); None when not configured.
    pub account_public_access_block: Fetched<Option<PublicAccessBlock>>,
    pub buckets: Fetched<Vec<Bucket>>,
}

/// S3 Control's regional data: the account's access points in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct S3Control {
    pub access_points: Fetched<Vec<AccessPoint>>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AccessPoint {
    pub name: String,
    pub arn: String,
    pub bucket: String,
    /// Its own Block Public Access settings (GetAccessPoint).
    pub public_access_block: Fetched<PublicAccessBlock>,
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
    /// The default encryption's algorithm (`AES256`, `aws:kms`, `aws:kms:dsse`); None
    /// when none is configured.
    pub encryption: Fetched<Option<String>>,
    /// The status (`Enabled`, `Disabled`) of each lifecycle rule; empty without a
    /// lifecycle configuration.
    pub lifecycle_rules: Fetched<Vec<String>>,
    /// Object ownership (`BucketOwnerEnforced`, `BucketOwnerPreferred`, `ObjectWriter`);
    /// None without ownership controls.
    pub ownership: Fetched<Option<String>>,
    /// Whether an Object Lock configuration exists.
    pub object_lock: Fetched<bool>,
    /// The bucket ACL's grants.
    pub acl_grants: Fetched<Vec<AclGrant>>,
    pub tags: Tags,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct AclGrant {
    /// `CanonicalUser`, `AmazonCustomerByEmail` or `Group`.
    pub grantee_type: String,
    /// A group grantee's URI (`http://acs.amazonaws.com/groups/global/AllUsers`, …).
    pub uri: Option<String>,
    /// `FULL_CONTROL`, `WRITE`, `WRITE_ACP`, `READ`, `READ_ACP`.
    pub permission: String,
}

impl AclGrant {
    /// A grant to everyone (`AllUsers`) or to any AWS account (`AuthenticatedUsers`).
    pub fn is_public(&self) -> bool {
        self.grantee_type == "Group"
            && self
                .uri
                .as_deref()
                .is_some_and(|u| u.contains("AllUsers") || u.contains("AuthenticatedUsers"))
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Versioning {
    /// `Enabled`, `Suspended`, or None (never enabled).
    pub status: Option<String>,
    /// `Enabled`, `Disabled`, or None.
    pub mfa_delete: Option<String>,
}
