//! awslambda checks.

use crate::Check;

pub mod awslambda_function_not_publicly_accessible;

pub const CHECKS: &[&Check] = &[&awslambda_function_not_publicly_accessible::CHECK];
