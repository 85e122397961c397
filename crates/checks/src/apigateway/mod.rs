//! apigateway checks.

use crate::Check;

pub mod apigateway_restapi_logging_enabled;

pub const CHECKS: &[&Check] = &[&apigateway_restapi_logging_enabled::CHECK];
