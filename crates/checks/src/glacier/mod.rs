//! glacier checks.

use crate::Check;

pub mod glacier_vaults_policy_public_access;

pub const CHECKS: &[&Check] = &[&glacier_vaults_policy_public_access::CHECK];
