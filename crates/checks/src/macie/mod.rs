//! macie checks.

use crate::Check;

pub mod macie_is_enabled;

pub const CHECKS: &[&Check] = &[&macie_is_enabled::CHECK];
