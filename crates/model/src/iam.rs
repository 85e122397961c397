//! IAM (global).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::{Action, Fetched, Tags};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const GENERATE_CREDENTIAL_REPORT: Action = Action::new("iam:GenerateCredentialReport", 2);
pub const GET_CREDENTIAL_REPORT: Action = Action::new("iam:GetCredentialReport", 0);
pub const GET_ACCOUNT_PASSWORD_POLICY: Action = Action::new("iam:GetAccountPasswordPolicy", 0);
pub const GET_ACCOUNT_SUMMARY: Action = Action::new("iam:GetAccountSummary", 0);
pub const LIST_VIRTUAL_MFA_DEVICES: Action = Action::new("iam:ListVirtualMFADevices", 0);
pub const LIST_USERS: Action = Action::new("iam:ListUsers", 2);
pub const LIST_ATTACHED_USER_POLICIES: Action = Action::new("iam:ListAttachedUserPolicies", 0);
pub const LIST_USER_POLICIES: Action = Action::new("iam:ListUserPolicies", 1);
pub const GET_USER_POLICY: Action = Action::new("iam:GetUserPolicy", 0);
pub const LIST_ROLES: Action = Action::new("iam:ListRoles", 2);
pub const LIST_ROLE_POLICIES: Action = Action::new("iam:ListRolePolicies", 1);
pub const GET_ROLE_POLICY: Action = Action::new("iam:GetRolePolicy", 0);
pub const LIST_GROUPS: Action = Action::new("iam:ListGroups", 2);
pub const LIST_GROUP_POLICIES: Action = Action::new("iam:ListGroupPolicies", 1);
pub const GET_GROUP_POLICY: Action = Action::new("iam:GetGroupPolicy", 0);
pub const LIST_ATTACHED_GROUP_POLICIES: Action = Action::new("iam:ListAttachedGroupPolicies", 0);
pub const GET_GROUP: Action = Action::new("iam:GetGroup", 0);
pub const LIST_POLICIES: Action = Action::new("iam:ListPolicies", 1);
pub const GET_POLICY_VERSION: Action = Action::new("iam:GetPolicyVersion", 0);
pub const LIST_ENTITIES_FOR_POLICY: Action = Action::new("iam:ListEntitiesForPolicy", 0);
pub const LIST_SERVER_CERTIFICATES: Action = Action::new("iam:ListServerCertificates", 0);
pub const LIST_SAML_PROVIDERS: Action = Action::new("iam:ListSAMLProviders", 0);
pub const LIST_ORGANIZATIONS_FEATURES: Action = Action::new("iam:ListOrganizationsFeatures", 0);
pub const LIST_MFA_DEVICES: Action = Action::new("iam:ListMFADevices", 0);
pub const LIST_USER_TAGS: Action = Action::new("iam:ListUserTags", 0);
pub const LIST_POLICY_TAGS: Action = Action::new("iam:ListPolicyTags", 0);

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
    pub groups: Fetched<Vec<Group>>,
    /// User, group or role ARN → its inline policies (with their documents), for the
    /// kinds of entity a selected check reads; an entity missing here was not asked.
    pub inline_policies: BTreeMap<String, Fetched<Vec<InlinePolicy>>>,
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
    /// The serial numbers of the user's MFA devices (ListMFADevices): an ARN
    /// `…:mfa/<name>` for a virtual device, `…:u2f/…` for a FIDO key, a bare serial for
    /// a hardware TOTP token.
    pub mfa_devices: Fetched<Vec<String>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Group {
    pub name: String,
    pub arn: String,
    /// ListAttachedGroupPolicies.
    pub attached_policies: Fetched<Vec<AttachedPolicy>>,
    /// Its members' user names (GetGroup).
    pub users: Fetched<Vec<String>>,
}

/// An inline policy of a user, group or role.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct InlinePolicy {
    pub name: String,
    pub document: Fetched<Value>,
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
