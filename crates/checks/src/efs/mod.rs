//! EFS checks.

use crate::Check;

pub mod efs_encryption_at_rest_enabled;

pub const CHECKS: &[&Check] = &[&efs_encryption_at_rest_enabled::CHECK];
