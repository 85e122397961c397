//! apigatewayv2 checks.

use crate::Check;

pub mod apigatewayv2_api_access_logging_enabled;

pub const CHECKS: &[&Check] = &[&apigatewayv2_api_access_logging_enabled::CHECK];
