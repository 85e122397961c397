//! apigatewayv2 checks.

use crate::Check;

pub const CHECKS: &[&Check] = &[];
