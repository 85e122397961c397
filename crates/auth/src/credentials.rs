//! Credentials as kestrel holds them: the secret parts never reach `Debug` output.

use std::fmt;
use std::time::{Duration, SystemTime};

/// A string that is never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(s: impl Into<String>) -> Self {
        Secret(s.into())
    }
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credentials {
    pub access_key_id: String,
    pub secret_access_key: Secret,
    pub session_token: Option<Secret>,
    pub expiration: Option<SystemTime>,
    pub account_id: Option<String>,
}

impl Credentials {
    pub fn new(access_key_id: impl Into<String>, secret: impl Into<String>) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            secret_access_key: Secret::new(secret),
            session_token: None,
            expiration: None,
            account_id: None,
        }
    }

    pub fn with_token(mut self, token: Option<String>) -> Self {
        self.session_token = token.filter(|t| !t.is_empty()).map(Secret::new);
        self
    }

    /// Time left before expiry (None for long-term credentials).
    pub fn remaining(&self) -> Option<Duration> {
        self.expiration
            .map(|e| e.duration_since(SystemTime::now()).unwrap_or_default())
    }

    /// The access key id shortened for display (`AKIA…WXYZ`): enough to tell keys apart.
    pub fn key_hint(&self) -> String {
        // Characters, not bytes: a key id from a hand-edited file may be anything.
        let k: Vec<char> = self.access_key_id.chars().collect();
        if k.len() > 8 && k.iter().all(|c| c.is_ascii_alphanumeric()) {
            let head: String = k[..4].iter().collect();
            let tail: String = k[k.len() - 4..].iter().collect();
            format!("{head}…{tail}")
        } else {
            "…".into()
        }
    }

    pub fn to_sdk(&self, provider: &'static str) -> aws_credential_types::Credentials {
        aws_credential_types::Credentials::new(
            self.access_key_id.clone(),
            self.secret_access_key.expose().to_string(),
            self.session_token.as_ref().map(|t| t.expose().to_string()),
            self.expiration,
            provider,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_hint_never_slices_inside_a_character() {
        assert_eq!(
            Credentials::new("AKIAIOSFODNN7EXAMPLE", "s").key_hint(),
            "AKIA…MPLE"
        );
        // Multi-byte characters at the cut points used to panic (and print the key id).
        for id in [
            "ééééééééééé",
            "AKI€IOSFODNN7EXA€PLE",
            "😀😀😀😀😀😀😀😀😀",
            "short",
            "",
        ] {
            let hint = Credentials::new(id, "s").key_hint();
            assert_eq!(hint, "…", "{id}");
        }
    }
}
