//! Account checks.

use crate::Check;

pub mod account_maintain_current_contact_details;
pub mod account_security_contact_information_is_registered;

pub const CHECKS: &[&Check] = &[
    &account_maintain_current_contact_details::CHECK,
    &account_security_contact_information_is_registered::CHECK,
];
