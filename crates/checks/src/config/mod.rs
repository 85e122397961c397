//! AWS Config checks.

use crate::Check;

pub mod config_recorder_all_regions_enabled;

pub const CHECKS: &[&Check] = &[&config_recorder_all_regions_enabled::CHECK];
