//! A snapshot of the process environment, so that every rule that depends on an
//! environment variable can be tested without touching the real one.

use std::collections::BTreeMap;

#[derive(Clone, Default)]
pub struct Env {
    vars: BTreeMap<String, String>,
}

impl std::fmt::Debug for Env {
    // The environment holds secrets (AWS_SECRET_ACCESS_KEY, tokens): list names only.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.vars.keys()).finish()
    }
}

impl Env {
    /// The real environment of this process (variables that are not UTF-8 are skipped).
    pub fn real() -> Self {
        Env {
            vars: std::env::vars_os()
                .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
                .collect(),
        }
    }

    pub fn from_pairs<K: Into<String>, V: Into<String>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        Env {
            vars: pairs
                .into_iter()
                .map(|(k, v)| (k.into(), v.into()))
                .collect(),
        }
    }

    /// The value, if the variable is set (set-but-empty counts as set).
    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(String::as_str)
    }

    /// The value, if the variable is set to something other than the empty string.
    pub fn non_empty(&self, name: &str) -> Option<&str> {
        self.get(name).filter(|v| !v.is_empty())
    }

    /// A boolean switch such as `AWS_EC2_METADATA_DISABLED=true` (case-insensitive).
    pub fn flag(&self, name: &str) -> bool {
        self.get(name)
            .map(|v| v.eq_ignore_ascii_case("true"))
            .unwrap_or(false)
    }

    pub fn home(&self) -> Option<&str> {
        self.non_empty("HOME")
    }

    pub fn set(&mut self, name: &str, value: &str) {
        self.vars.insert(name.to_string(), value.to_string());
    }

    pub fn remove(&mut self, name: &str) {
        self.vars.remove(name);
    }
}
