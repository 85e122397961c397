//! The two shared files, read and merged the way botocore does.
//!
//! Reads: `AWS_CONFIG_FILE` (default `~/.aws/config`) and `AWS_SHARED_CREDENTIALS_FILE`
//! (default `~/.aws/credentials`), with `~` and `$VARS` expanded.
//!
//! - config file: `[profile NAME]` (NAME after shell-style splitting, so
//!   `[profile "a b"]` is `a b`; `[profile a b]` is dropped) and `[default]`; both
//!   `[default]` and `[profile default]` mean `default` and the later one wins whole;
//!   `[sso-session X]` and `[services X]` are kept apart; other sections are ignored.
//! - credentials file: every section is a profile, named as written.
//! - merge: the config profile, then the credentials file's section updates it key by key.
//!
//! A file that does not exist is empty; one that cannot be parsed fails the whole run
//! with botocore's `Unable to parse config file: PATH`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::env::Env;
use crate::error::AuthError;
use crate::ini::{self, Section, Value};

/// A profile's keys, merged from both files.
pub type Profile = BTreeMap<String, Value>;

/// Everything the credential chain needs from the two files.
#[derive(Debug, Clone, Default)]
pub struct SharedFiles {
    pub config_path: PathBuf,
    pub credentials_path: PathBuf,
    /// Merged profiles (config then credentials file), by name.
    pub profiles: BTreeMap<String, Profile>,
    /// The raw `[profile X]`/`[default]` sections of the config file alone (botocore's
    /// `config-file` provider reads only these).
    pub config_profiles: BTreeMap<String, Profile>,
    /// The raw sections of the credentials file alone (`shared-credentials-file`).
    pub credentials_profiles: BTreeMap<String, Profile>,
    pub sso_sessions: BTreeMap<String, Profile>,
    pub services: BTreeMap<String, Profile>,
}

impl SharedFiles {
    /// Loads both files as located by the environment.
    pub fn load(env: &Env) -> Result<Self, AuthError> {
        let config_path = expand_path(env.get("AWS_CONFIG_FILE").unwrap_or("~/.aws/config"), env);
        let credentials_path = expand_path(
            env.get("AWS_SHARED_CREDENTIALS_FILE")
                .unwrap_or("~/.aws/credentials"),
            env,
        );
        let config = read_ini(&config_path)?;
        let credentials = read_ini(&credentials_path)?;
        Ok(Self::from_parsed(
            config_path,
            credentials_path,
            config,
            credentials,
        ))
    }

    /// Builds the profile map from already parsed files (unit tests use this directly).
    pub fn from_parsed(
        config_path: PathBuf,
        credentials_path: PathBuf,
        config: ini::IniFile,
        credentials: ini::IniFile,
    ) -> Self {
        let mut out = SharedFiles {
            config_path,
            credentials_path,
            ..Default::default()
        };
        for (name, section) in config.sections {
            let values = to_map(section);
            if name.starts_with("profile") {
                // botocore: shlex.split(key); exactly two parts make a profile. Note the
                // quirk that `[profilex y]` is profile `y`, as in botocore.
                match shlex::split(&name) {
                    Some(parts) if parts.len() == 2 => {
                        out.config_profiles.insert(parts[1].clone(), values);
                    }
                    _ => {}
                }
            } else if name.starts_with("sso-session") {
                if let Some(parts) = shlex::split(&name) {
                    if parts.len() == 2 {
                        out.sso_sessions.insert(parts[1].clone(), values);
                    }
                }
            } else if name.starts_with("services") {
                if let Some(parts) = shlex::split(&name) {
                    if parts.len() == 2 {
                        out.services.insert(parts[1].clone(), values);
                    }
                }
            } else if name == "default" {
                out.config_profiles.insert(name, values);
            }
        }
        out.profiles = out.config_profiles.clone();
        for (name, section) in credentials.sections {
            let values = to_map(section);
            out.profiles
                .entry(name.clone())
                .or_default()
                .extend(values.clone());
            out.credentials_profiles.insert(name, values);
        }
        out
    }

    /// A text value of the merged profile.
    pub fn get(&self, profile: &str, key: &str) -> Option<&str> {
        self.profiles.get(profile)?.get(key)?.as_text()
    }

    pub fn has_profile(&self, profile: &str) -> bool {
        self.profiles.contains_key(profile)
    }
}

fn to_map(section: Section) -> Profile {
    section.into_iter().collect()
}

fn read_ini(path: &Path) -> Result<ini::IniFile, AuthError> {
    if !path.is_file() {
        return Ok(ini::IniFile::default());
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            // botocore silently treats an unreadable file as empty; say so at least.
            tracing::warn!("cannot read {}: {e}; treating it as empty", path.display());
            return Ok(ini::IniFile::default());
        }
    };
    let parse_error = |detail: String| AuthError::ConfigParse {
        path: path.display().to_string(),
        detail,
    };
    let text =
        String::from_utf8(bytes).map_err(|e| parse_error(format!("not UTF-8 text ({e})")))?;
    ini::parse(&text).map_err(|e| parse_error(e.to_string()))
}

/// `~` and `$VAR`/`${VAR}` expansion, as Python's `expanduser(expandvars(...))` does
/// (unknown variables are left as written).
pub fn expand_path(raw: &str, env: &Env) -> PathBuf {
    let mut s = String::new();
    let bytes: Vec<char> = raw.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == '$' {
            let (name, consumed) = if bytes.get(i + 1) == Some(&'{') {
                match bytes[i + 2..].iter().position(|c| *c == '}') {
                    Some(end) => (
                        bytes[i + 2..i + 2 + end].iter().collect::<String>(),
                        end + 3,
                    ),
                    None => (String::new(), 0),
                }
            } else {
                let name: String = bytes[i + 1..]
                    .iter()
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == '_')
                    .collect();
                let n = name.chars().count();
                (name, n + 1)
            };
            if !name.is_empty() {
                if let Some(v) = env.get(&name) {
                    s.push_str(v);
                    i += consumed;
                    continue;
                }
            }
        }
        s.push(bytes[i]);
        i += 1;
    }
    if s == "~" || s.starts_with("~/") {
        if let Some(home) = env.home() {
            return PathBuf::from(format!("{}{}", home, &s[1..]));
        }
    }
    PathBuf::from(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(config: &str, credentials: &str) -> SharedFiles {
        SharedFiles::from_parsed(
            "config".into(),
            "credentials".into(),
            ini::parse(config).unwrap(),
            ini::parse(credentials).unwrap(),
        )
    }

    #[test]
    fn profile_sections_and_default() {
        let f = files(
            "[default]\nregion = a\n[profile dev]\nregion = b\n[profile \"with space\"]\nregion = c\n[profile too many]\nregion = d\n[other]\nregion = e\n",
            "",
        );
        assert_eq!(f.get("default", "region"), Some("a"));
        assert_eq!(f.get("dev", "region"), Some("b"));
        assert_eq!(f.get("with space", "region"), Some("c"));
        assert!(!f.has_profile("too"));
        assert!(!f.has_profile("other"));
    }

    #[test]
    fn later_default_section_wins_whole() {
        let f = files(
            "[default]\nregion = a\noutput = json\n[profile default]\nregion = b\n",
            "",
        );
        assert_eq!(f.get("default", "region"), Some("b"));
        assert_eq!(f.get("default", "output"), None);
        let f = files("[profile default]\nregion = b\n[default]\nregion = a\n", "");
        assert_eq!(f.get("default", "region"), Some("a"));
    }

    #[test]
    fn credentials_overlay_key_by_key() {
        let f = files(
            "[profile dev]\nregion = a\nrole_arn = arn:aws:iam::1:role/x\n",
            "[dev]\nregion = b\naws_access_key_id = AK\n[profile dev]\nk = v\n",
        );
        assert_eq!(f.get("dev", "region"), Some("b"));
        assert_eq!(f.get("dev", "role_arn"), Some("arn:aws:iam::1:role/x"));
        assert_eq!(f.get("dev", "aws_access_key_id"), Some("AK"));
        // In the credentials file the section name is the profile name as written.
        assert_eq!(f.get("profile dev", "k"), Some("v"));
        assert!(!f.config_profiles["dev"].contains_key("aws_access_key_id"));
    }

    #[test]
    fn sso_sessions_and_services() {
        let f = files(
            "[sso-session corp]\nsso_region = us-east-1\n[services local]\nsts =\n  endpoint_url = http://x\n",
            "",
        );
        assert!(f.sso_sessions.contains_key("corp"));
        assert!(f.services.contains_key("local"));
    }

    #[test]
    fn path_expansion() {
        let env = Env::from_pairs([("HOME", "/home/u"), ("DIR", "/etc")]);
        assert_eq!(
            expand_path("~/.aws/config", &env),
            PathBuf::from("/home/u/.aws/config")
        );
        assert_eq!(expand_path("$DIR/x", &env), PathBuf::from("/etc/x"));
        assert_eq!(expand_path("${DIR}/x", &env), PathBuf::from("/etc/x"));
        assert_eq!(expand_path("$NOPE/x", &env), PathBuf::from("$NOPE/x"));
    }
}
