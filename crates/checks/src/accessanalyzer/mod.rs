//! accessanalyzer checks.

use crate::Check;

pub mod accessanalyzer_enabled;

pub const CHECKS: &[&Check] = &[&accessanalyzer_enabled::CHECK];
