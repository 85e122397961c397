//! organizations checks.

use crate::Check;

pub mod organizations_delegated_administrators;

pub const CHECKS: &[&Check] = &[&organizations_delegated_administrators::CHECK];
