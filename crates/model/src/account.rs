//! The Account service: contacts (global).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const GET_ALTERNATE_CONTACT: Action = Action::new("account:GetAlternateContact", 0);

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AccountContacts {
    /// The SECURITY alternate contact; None when not registered.
    pub security_contact: Fetched<Option<Contact>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Contact {
    pub name: String,
    pub email: String,
    pub phone: String,
    pub title: String,
}
