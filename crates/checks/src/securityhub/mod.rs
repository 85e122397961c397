//! securityhub checks.

use crate::Check;

pub mod securityhub_enabled;

pub const CHECKS: &[&Check] = &[&securityhub_enabled::CHECK];
