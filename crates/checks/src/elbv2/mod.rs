//! elbv2 checks.

use crate::Check;

pub mod elbv2_logging_enabled;

pub const CHECKS: &[&Check] = &[&elbv2_logging_enabled::CHECK];
