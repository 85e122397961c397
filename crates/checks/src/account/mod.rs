//! Account checks.

use crate::Check;

pub mod account_maintain_current_contact_details;

pub const CHECKS: &[&Check] = &[&account_maintain_current_contact_details::CHECK];
