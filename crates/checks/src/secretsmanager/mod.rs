//! secretsmanager checks.

use crate::Check;

pub mod secretsmanager_not_publicly_accessible;

pub const CHECKS: &[&Check] = &[&secretsmanager_not_publicly_accessible::CHECK];
