//! apigateway checks.

use crate::Check;

pub const CHECKS: &[&Check] = &[];
