//! IAM checks, and the credential-report helpers they share.
//!
//! The credential report is kept as rows of raw strings (column name → value), exactly
//! as IAM writes them: `true`/`false`, `N/A`, `no_information`, `not_supported`, or an
//! RFC 3339 date. The root user's row is the one whose `user` is `<root_account>`.

use std::collections::BTreeMap;

use kestrel_model::{Finding, Status, Tags};

use crate::util::data;
use crate::{Check, Context};

pub mod iam_avoid_root_usage;
pub mod iam_aws_attached_policy_no_administrative_privileges;
pub mod iam_check_saml_providers_sts;
pub mod iam_customer_attached_policy_no_administrative_privileges;
pub mod iam_no_expired_server_certificates_stored;
pub mod iam_no_root_access_key;
pub mod iam_password_policy_minimum_length_14;
pub mod iam_password_policy_reuse_24;
pub mod iam_policy_attached_only_to_group_or_roles;
pub mod iam_policy_cloudshell_admin_not_attached;
pub mod iam_root_credentials_management_enabled;
pub mod iam_root_hardware_mfa_enabled;
pub mod iam_root_mfa_enabled;
pub mod iam_rotate_access_key_90_days;
pub mod iam_support_role_created;
pub mod iam_user_accesskey_unused;
pub mod iam_user_console_access_unused;
pub mod iam_user_mfa_enabled_console_access;
pub mod iam_user_no_setup_initial_access_key;
pub mod iam_user_two_active_access_key;

pub const CHECKS: &[&Check] = &[
    &iam_avoid_root_usage::CHECK,
    &iam_aws_attached_policy_no_administrative_privileges::CHECK,
    &iam_check_saml_providers_sts::CHECK,
    &iam_customer_attached_policy_no_administrative_privileges::CHECK,
    &iam_no_expired_server_certificates_stored::CHECK,
    &iam_no_root_access_key::CHECK,
    &iam_password_policy_minimum_length_14::CHECK,
    &iam_password_policy_reuse_24::CHECK,
    &iam_policy_attached_only_to_group_or_roles::CHECK,
    &iam_policy_cloudshell_admin_not_attached::CHECK,
    &iam_root_credentials_management_enabled::CHECK,
    &iam_root_hardware_mfa_enabled::CHECK,
    &iam_root_mfa_enabled::CHECK,
    &iam_rotate_access_key_90_days::CHECK,
    &iam_support_role_created::CHECK,
    &iam_user_accesskey_unused::CHECK,
    &iam_user_console_access_unused::CHECK,
    &iam_user_mfa_enabled_console_access::CHECK,
    &iam_user_no_setup_initial_access_key::CHECK,
    &iam_user_two_active_access_key::CHECK,
];

/// One row of the credential report.
pub type Row = BTreeMap<String, String>;

/// The `user` of the root account's row.
pub const ROOT_USER: &str = "<root_account>";

/// The actions the credential report comes from.
pub const CREDENTIAL_REPORT: [&str; 2] =
    ["iam:GenerateCredentialReport", "iam:GetCredentialReport"];

/// A column's raw value ("" when the column is absent).
pub fn col<'a>(row: &'a Row, column: &str) -> &'a str {
    row.get(column).map(String::as_str).unwrap_or("")
}

/// Whether a boolean column says `true`.
pub fn is_true(row: &Row, column: &str) -> bool {
    col(row, column) == "true"
}

/// The credential report rows, or an ERROR finding (then None).
pub fn credential_report<'a>(
    ctx: &'a Context,
    check_id: &str,
    emit: &mut dyn FnMut(Finding),
) -> Option<&'a Vec<Row>> {
    data(
        &ctx.snapshot.iam.credential_report,
        check_id,
        ctx.global_region(),
        ctx.account_id(),
        &root_arn(ctx),
        emit,
    )
}

/// The root user's row, if the report has one.
pub fn root_row(rows: &[Row]) -> Option<&Row> {
    rows.iter().find(|r| col(r, "user") == ROOT_USER)
}

/// `arn:<partition>:iam::<account>:root`: the account (and its root user) as a resource.
pub fn root_arn(ctx: &Context) -> String {
    format!("arn:{}:iam::{}:root", ctx.partition(), ctx.account_id())
}

/// The finding for a root check when the credential report has no root row (moto's
/// report, for one): nothing can be said about the root user, so a person has to look.
pub fn missing_root_row(ctx: &Context, check_id: &str, what: &str) -> Finding {
    Finding::new(
        check_id,
        Status::Manual,
        ctx.global_region(),
        ROOT_USER,
        &root_arn(ctx),
        format!(
            "The credential report has no {ROOT_USER} row, so {what} could not be evaluated; check the root user in the IAM console (Security credentials)."
        ),
    )
}

/// Which root credentials are active: `password`, `access_key_1`, `access_key_2`.
/// Prowler reports root checks only when the root user has at least one.
pub fn root_credentials(row: &Row) -> Vec<&'static str> {
    let mut kinds = Vec::new();
    if is_true(row, "password_enabled") {
        kinds.push("password");
    }
    if is_true(row, "access_key_1_active") {
        kinds.push("access_key_1");
    }
    if is_true(row, "access_key_2_active") {
        kinds.push("access_key_2");
    }
    kinds
}

/// Whether the organization manages root credentials centrally
/// (`RootCredentialsManagement` among ListOrganizationsFeatures' features). Only used to
/// word root findings, as Prowler does; when the features could not be listed (member
/// accounts cannot), root credentials are taken as not centrally managed.
pub fn org_manages_root(ctx: &Context) -> bool {
    ctx.snapshot
        .iam
        .organizations_features
        .ok()
        .is_some_and(|f| f.iter().any(|x| x == "RootCredentialsManagement"))
}

/// The tags of the IAM user with this ARN (empty when users or tags were not listed:
/// tags never decide a status).
pub fn user_tags(ctx: &Context, arn: &str) -> Tags {
    ctx.snapshot
        .iam
        .users
        .ok()
        .and_then(|users| users.iter().find(|u| u.arn == arn))
        .map(|u| u.tags.clone())
        .unwrap_or_default()
}

/// Days since a credential-report or API date, None for `N/A`, `no_information` and
/// anything unparseable.
pub fn days_since(ctx: &Context, date: &str) -> Option<i64> {
    kestrel_model::time::parse(date).map(|t| kestrel_model::time::days_between(t, ctx.now))
}

/// The attached managed policies of one scope (`AWS` or `Local`), each with whether its
/// default version allows `*` on `*`: Prowler's iam_*_attached_policy_no_administrative_privileges.
/// A policy whose document could not be read gets an ERROR finding.
pub fn attached_policy_admin(
    ctx: &Context,
    check_id: &str,
    scope: &str,
    emit: &mut dyn FnMut(Finding),
) {
    let region = ctx.global_region();
    let Some(policies) = data(
        &ctx.snapshot.iam.policies,
        check_id,
        region,
        ctx.account_id(),
        "",
        emit,
    ) else {
        return;
    };
    // Prowler names customer-managed policies "Custom".
    let kind = if scope == "Local" { "Custom" } else { scope };
    for p in policies
        .iter()
        .filter(|p| p.scope == scope && p.attachment_count > 0)
    {
        let Some(doc) = data(&p.document, check_id, region, &p.name, &p.arn, emit) else {
            continue;
        };
        let (status, text) = if crate::util::policy::allows_full_admin(doc) {
            (
                Status::Fail,
                format!(
                    "{kind} policy {} is attached and allows '*:*' administrative privileges.",
                    p.name
                ),
            )
        } else {
            (
                Status::Pass,
                format!(
                    "{kind} policy {} is attached but does not allow '*:*' administrative privileges.",
                    p.name
                ),
            )
        };
        emit(Finding::new(check_id, status, region, &p.name, &p.arn, text).with_tags(&p.tags));
    }
}

/// Who the AWS-managed policy `name` is attached to (`iam.policy_entities`, keyed by
/// `arn:<partition>:iam::aws:policy/<name>`), with that ARN; an ERROR finding (then
/// None) when ListEntitiesForPolicy failed or was not collected.
pub fn attached_entities<'a>(
    ctx: &'a Context,
    check_id: &str,
    name: &str,
    emit: &mut dyn FnMut(Finding),
) -> Option<(String, &'a kestrel_model::iam::PolicyEntities)> {
    let arn = format!("arn:{}:iam::aws:policy/{name}", ctx.partition());
    let region = ctx.global_region();
    let account = ctx.account_id();
    match ctx.snapshot.iam.policy_entities.get(&arn) {
        Some(fetched) => data(fetched, check_id, region, account, &arn, emit).map(|e| (arn, e)),
        None => {
            emit(crate::util::error_finding(
                check_id, region, account, &arn, None,
            ));
            None
        }
    }
}

/// A credential-report row builder for tests.
#[cfg(test)]
pub(crate) mod testrows {
    use super::Row;

    /// A user's row with no password, no MFA and no access keys (the root row has a
    /// password, as real accounts' root users do).
    pub fn user(name: &str) -> Row {
        let arn = if name == super::ROOT_USER {
            format!("arn:aws:iam::{}:root", crate::testkit::ACCOUNT)
        } else {
            format!("arn:aws:iam::{}:user/{name}", crate::testkit::ACCOUNT)
        };
        let mut r = Row::new();
        for (k, v) in [
            ("user", name),
            ("arn", arn.as_str()),
            ("user_creation_time", "2020-01-01T00:00:00+00:00"),
            ("password_enabled", "false"),
            ("password_last_used", "N/A"),
            ("password_last_changed", "N/A"),
            ("mfa_active", "false"),
            ("access_key_1_active", "false"),
            ("access_key_1_last_rotated", "N/A"),
            ("access_key_1_last_used_date", "N/A"),
            ("access_key_2_active", "false"),
            ("access_key_2_last_rotated", "N/A"),
            ("access_key_2_last_used_date", "N/A"),
        ] {
            r.insert(k.to_string(), v.to_string());
        }
        if name == super::ROOT_USER {
            // A root user with a password it has never used.
            r.insert("password_enabled".into(), "true".into());
            r.insert("password_last_used".into(), "no_information".into());
        }
        r
    }

    /// The same row with some columns changed.
    pub fn with(mut row: Row, changes: &[(&str, &str)]) -> Row {
        for (k, v) in changes {
            row.insert(k.to_string(), v.to_string());
        }
        row
    }
}
