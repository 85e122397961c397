//! S3 checks.

use crate::{Check, Context};

pub mod s3_account_level_public_access_blocks;
pub mod s3_bucket_level_public_access_block;
pub mod s3_bucket_no_mfa_delete;
pub mod s3_bucket_policy_public_write_access;
pub mod s3_bucket_secure_transport_policy;

pub const CHECKS: &[&Check] = &[
    &s3_account_level_public_access_blocks::CHECK,
    &s3_bucket_level_public_access_block::CHECK,
    &s3_bucket_no_mfa_delete::CHECK,
    &s3_bucket_policy_public_write_access::CHECK,
    &s3_bucket_secure_transport_policy::CHECK,
];

/// The account-level S3 resource as Prowler names it:
/// `arn:<partition>:s3:<global region>:<account>:account`.
pub(crate) fn account_arn(ctx: &Context) -> String {
    crate::util::arn(
        ctx.partition(),
        "s3",
        ctx.global_region(),
        ctx.account_id(),
        "account",
    )
}
