//! cloudfront checks.

use crate::Check;

pub mod cloudfront_distributions_logging_enabled;

pub const CHECKS: &[&Check] = &[&cloudfront_distributions_logging_enabled::CHECK];
