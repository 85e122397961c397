//! IAM checks.

use crate::Check;

pub mod iam_password_policy_minimum_length_14;

pub const CHECKS: &[&Check] = &[&iam_password_policy_minimum_length_14::CHECK];
