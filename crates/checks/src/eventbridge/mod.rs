//! eventbridge checks.

use crate::Check;

pub mod eventbridge_bus_exposed;

pub const CHECKS: &[&Check] = &[&eventbridge_bus_exposed::CHECK];
