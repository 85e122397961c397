//! Which credentials to use and how to get them, decided from the files and the
//! environment alone — no network. The plan is a *base* source followed by zero or more
//! AssumeRole *hops*; `resolve` executes it.
//!
//! The order is botocore's (first that applies wins):
//! env keys → assume-role (profile has `role_arn` and no `web_identity_token_file`) →
//! web identity → SSO → credentials-file keys → `credential_process` → config-file keys →
//! container (ECS) → EC2 instance metadata.
//!
//! - An explicit profile (`-p`) drops the env-key source; `AWS_PROFILE` does not.
//! - A `source_profile` that has static keys, or no `role_arn`, is resolved through the
//!   profile sources only (web identity without env, SSO, keys, process); otherwise its
//!   own role is assumed first (role chaining). A profile may name itself as source only
//!   if it holds static keys.

use crate::env::Env;
use crate::error::{py_list_repr, AuthError};
use crate::files::SharedFiles;
use crate::validate;

/// Where the first credentials come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Base {
    /// `AWS_ACCESS_KEY_ID` / `AWS_SECRET_ACCESS_KEY` / `AWS_SECURITY_TOKEN`|`AWS_SESSION_TOKEN`.
    Environment,
    /// Static keys of a profile in the credentials file.
    CredentialsFile { profile: String },
    /// Static keys of a profile in the config file.
    ConfigFile { profile: String },
    /// `credential_process` of a profile.
    Process { profile: String, command: String },
    /// AssumeRoleWithWebIdentity with a token file.
    WebIdentity {
        profile: Option<String>,
        role_arn: String,
        token_file: String,
        session_name: Option<String>,
    },
    /// IAM Identity Center (SSO) role credentials.
    Sso(SsoConfig),
    /// The credentials `aws login` cached for a profile's `login_session`.
    Login { profile: String, session: String },
    /// The ECS/EKS container credentials endpoint.
    Container,
    /// EC2 instance metadata (IMDSv2, falling back to v1).
    InstanceMetadata,
}

impl Base {
    /// botocore's provider name, as it appears in messages and `--explain`.
    pub fn method(&self) -> &'static str {
        match self {
            Base::Environment => "env",
            Base::CredentialsFile { .. } => "shared-credentials-file",
            Base::ConfigFile { .. } => "config-file",
            Base::Process { .. } => "custom-process",
            Base::WebIdentity { .. } => "assume-role-with-web-identity",
            Base::Sso(_) => "sso",
            Base::Login { .. } => "login",
            Base::Container => "container-role",
            Base::InstanceMetadata => "iam-role",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SsoConfig {
    pub profile: String,
    pub start_url: String,
    pub region: String,
    pub account_id: String,
    pub role_name: String,
    /// `sso_session` name when the profile uses one (the token cache is keyed by it).
    pub session: Option<String>,
}

/// One AssumeRole call.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hop {
    /// The profile that asked for it; None for `-R`.
    pub profile: Option<String>,
    pub role_arn: String,
    pub external_id: Option<String>,
    /// Set explicitly (profile `role_session_name`, or `-R`'s name).
    pub session_name: Option<String>,
    /// Whether `session_name` is a default (kept out of the cache key).
    pub session_name_is_default: bool,
    pub duration_seconds: Option<i64>,
    /// Whether `duration_seconds` is a default (kept out of the cache key).
    pub duration_is_default: bool,
    pub mfa_serial: Option<String>,
    /// `--mfa`: ask for the device ARN at run time.
    pub prompt_for_mfa_serial: bool,
    /// Not a role: GetSessionToken with the MFA code, so that many roles can then be
    /// assumed with one code (`--mfa` over several accounts).
    pub session_token: bool,
}

/// What to say when a fallible base yields nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WhenEmpty {
    NoCredentials,
    CredentialSource { source: String, profile: String },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    pub profile: String,
    pub base: Base,
    pub when_empty: WhenEmpty,
    pub hops: Vec<Hop>,
}

/// Which profile to use and how it was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileChoice {
    pub name: String,
    /// `-p/--profile` (drops the env-key source).
    pub explicit: bool,
    /// Chosen by `-p` or an environment variable: then it must exist, even `default`.
    pub named: bool,
    /// A warning to show (AWS_PROFILE and AWS_DEFAULT_PROFILE disagree).
    pub warning: Option<String>,
}

/// `-p` wins, then `AWS_PROFILE`, then `AWS_DEFAULT_PROFILE` (the AWS CLI v2 order;
/// botocore/CLI v1 check `AWS_DEFAULT_PROFILE` first), else `default`.
pub fn choose_profile(cli: Option<&str>, env: &Env) -> ProfileChoice {
    if let Some(p) = cli {
        return ProfileChoice {
            name: p.to_string(),
            explicit: true,
            named: true,
            warning: None,
        };
    }
    let profile = env.get("AWS_PROFILE");
    let default_profile = env.get("AWS_DEFAULT_PROFILE");
    let warning = match (profile, default_profile) {
        (Some(a), Some(b)) if a != b => Some(format!(
            "AWS_PROFILE ({a}) and AWS_DEFAULT_PROFILE ({b}) differ; using AWS_PROFILE as the AWS CLI v2 does"
        )),
        _ => None,
    };
    match profile.or(default_profile) {
        Some(p) => ProfileChoice {
            name: p.to_string(),
            explicit: false,
            named: true,
            warning,
        },
        None => ProfileChoice {
            name: "default".into(),
            explicit: false,
            named: false,
            warning,
        },
    }
}

pub struct Planner<'a> {
    files: &'a SharedFiles,
    env: &'a Env,
}

const CREDENTIAL_SOURCES: [&str; 3] = ["Environment", "Ec2InstanceMetadata", "EcsContainer"];
/// A profile uses SSO when it has either of these (botocore's trigger)...
const SSO_PROFILE_VARS: [&str; 2] = ["sso_role_name", "sso_account_id"];
/// ...and then needs all of these, in this order in the error message.
const SSO_REQUIRED_VARS: [&str; 4] = [
    "sso_role_name",
    "sso_account_id",
    "sso_start_url",
    "sso_region",
];

impl<'a> Planner<'a> {
    pub fn new(files: &'a SharedFiles, env: &'a Env) -> Self {
        Planner { files, env }
    }

    /// The plan for a profile choice (the whole default chain).
    pub fn plan(&self, choice: &ProfileChoice) -> Result<Plan, AuthError> {
        let name = choice.name.as_str();
        if choice.named && !self.files.has_profile(name) {
            return Err(AuthError::ProfileNotFound(name.to_string()));
        }
        let plan = |base: Base, hops: Vec<Hop>, when_empty: WhenEmpty| Plan {
            profile: name.to_string(),
            base,
            when_empty,
            hops,
        };
        if !choice.explicit && self.env_has_keys()? {
            return Ok(plan(Base::Environment, vec![], WhenEmpty::NoCredentials));
        }
        if self.has_assume_role_vars(name) {
            let mut visited = vec![name.to_string()];
            let (base, when_empty, hops) = self.assume_role(name, &mut visited)?;
            return Ok(plan(base, hops, when_empty));
        }
        if let Some(base) = self.profile_sources(name, choice.explicit)? {
            return Ok(plan(base, vec![], WhenEmpty::NoCredentials));
        }
        if self
            .env
            .get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI")
            .is_some()
            || self.env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI").is_some()
        {
            return Ok(plan(Base::Container, vec![], WhenEmpty::NoCredentials));
        }
        if !self.env.flag("AWS_EC2_METADATA_DISABLED") {
            return Ok(plan(
                Base::InstanceMetadata,
                vec![],
                WhenEmpty::NoCredentials,
            ));
        }
        Err(AuthError::NoCredentials)
    }

    /// Whether env keys are set (a key without a secret is a hard error).
    fn env_has_keys(&self) -> Result<bool, AuthError> {
        if self.env.non_empty("AWS_ACCESS_KEY_ID").is_none() {
            return Ok(false);
        }
        if self.env.non_empty("AWS_SECRET_ACCESS_KEY").is_none() {
            return Err(AuthError::PartialCredentials {
                provider: "env".into(),
                missing: "AWS_SECRET_ACCESS_KEY".into(),
            });
        }
        Ok(true)
    }

    fn get(&self, profile: &str, key: &str) -> Option<&str> {
        self.files.get(profile, key)
    }

    fn has_key(&self, profile: &str, key: &str) -> bool {
        self.files
            .profiles
            .get(profile)
            .map(|p| p.contains_key(key))
            .unwrap_or(false)
    }

    fn has_assume_role_vars(&self, profile: &str) -> bool {
        self.has_key(profile, "role_arn") && !self.has_key(profile, "web_identity_token_file")
    }

    fn has_static_keys(&self, profile: &str) -> bool {
        self.has_key(profile, "aws_access_key_id") || self.has_key(profile, "aws_secret_access_key")
    }

    /// The profile-scoped sources, in order: web identity, SSO, credentials-file keys,
    /// `login_session`, credential_process, config-file keys.
    fn profile_sources(&self, profile: &str, disable_env: bool) -> Result<Option<Base>, AuthError> {
        if let Some(base) = self.web_identity(profile, disable_env)? {
            return Ok(Some(base));
        }
        if let Some(sso) = self.sso(profile)? {
            return Ok(Some(Base::Sso(sso)));
        }
        let credentials_file = self.files.credentials_profiles.get(profile);
        if has_file_keys(credentials_file, "shared-credentials-file")? {
            return Ok(Some(Base::CredentialsFile {
                profile: profile.to_string(),
            }));
        }
        if let Some(session) = self.get(profile, "login_session") {
            return Ok(Some(Base::Login {
                profile: profile.to_string(),
                session: session.to_string(),
            }));
        }
        if let Some(command) = self.get(profile, "credential_process") {
            return Ok(Some(Base::Process {
                profile: profile.to_string(),
                command: command.to_string(),
            }));
        }
        if has_file_keys(self.files.config_profiles.get(profile), "config-file")? {
            return Ok(Some(Base::ConfigFile {
                profile: profile.to_string(),
            }));
        }
        Ok(None)
    }

    fn web_identity(&self, profile: &str, disable_env: bool) -> Result<Option<Base>, AuthError> {
        let from_env = |var: &str| {
            if disable_env {
                None
            } else {
                self.env.get(var)
            }
        };
        let token_file = from_env("AWS_WEB_IDENTITY_TOKEN_FILE")
            .or_else(|| self.get(profile, "web_identity_token_file"));
        let Some(token_file) = token_file.filter(|t| !t.is_empty()) else {
            return Ok(None);
        };
        let role_arn = from_env("AWS_ROLE_ARN")
            .or_else(|| self.get(profile, "role_arn"))
            .filter(|r| !r.is_empty());
        let Some(role_arn) = role_arn else {
            return Err(AuthError::InvalidConfig(
                "The provided profile or the current environment is configured to assume role with web identity but has no role ARN configured. Ensure that the profile has the role_arnconfiguration set or the AWS_ROLE_ARN env var is set.".into(),
            ));
        };
        let session_name = from_env("AWS_ROLE_SESSION_NAME")
            .or_else(|| self.get(profile, "role_session_name"))
            .map(str::to_string);
        Ok(Some(Base::WebIdentity {
            profile: Some(profile.to_string()),
            role_arn: role_arn.to_string(),
            token_file: token_file.to_string(),
            session_name,
        }))
    }

    fn sso(&self, profile: &str) -> Result<Option<SsoConfig>, AuthError> {
        if !SSO_PROFILE_VARS.iter().any(|k| self.has_key(profile, k)) {
            return Ok(None);
        }
        let mut config: std::collections::BTreeMap<String, String> = self.files.profiles[profile]
            .iter()
            .filter_map(|(k, v)| Some((k.clone(), v.as_text()?.to_string())))
            .collect();
        let mut required: Vec<&str> = SSO_REQUIRED_VARS.to_vec();
        let session = config.get("sso_session").cloned();
        if let Some(session_name) = &session {
            let Some(session_cfg) = self.files.sso_sessions.get(session_name) else {
                return Err(AuthError::InvalidConfig(format!(
                    "The specified sso-session does not exist: \"{session_name}\""
                )));
            };
            for (k, v) in session_cfg {
                let Some(v) = v.as_text() else { continue };
                if let Some(existing) = config.get(k) {
                    if existing != v {
                        return Err(AuthError::InvalidConfig(format!(
                            "The value for {k} is inconsistent between the sso-session and profile configuration. Found \"{v}\" in sso-session and \"{existing}\" in profile."
                        )));
                    }
                }
                config.insert(k.clone(), v.to_string());
            }
            required.push("sso_session");
        }
        let missing: Vec<&str> = required
            .iter()
            .copied()
            .filter(|k| !config.contains_key(*k))
            .collect();
        if !missing.is_empty() {
            return Err(AuthError::InvalidConfig(format!(
                "The profile \"{profile}\" is configured to use SSO but is missing required configuration: {}",
                missing.join(", ")
            )));
        }
        Ok(Some(SsoConfig {
            profile: profile.to_string(),
            start_url: config["sso_start_url"].clone(),
            region: config["sso_region"].clone(),
            account_id: config["sso_account_id"].clone(),
            role_name: config["sso_role_name"].clone(),
            session,
        }))
    }

    /// Plans the role of `profile` and, recursively, its source.
    fn assume_role(
        &self,
        profile: &str,
        visited: &mut Vec<String>,
    ) -> Result<(Base, WhenEmpty, Vec<Hop>), AuthError> {
        let role_arn = self
            .get(profile, "role_arn")
            .unwrap_or_default()
            .to_string();
        let source_profile = self.get(profile, "source_profile");
        let credential_source = self.get(profile, "credential_source");
        let duration_seconds = match self.get(profile, "duration_seconds") {
            Some(raw) => Some(validate::profile_duration(profile, raw)?),
            None => None,
        };
        let hop = Hop {
            profile: Some(profile.to_string()),
            role_arn,
            external_id: self.get(profile, "external_id").map(str::to_string),
            session_name: self.get(profile, "role_session_name").map(str::to_string),
            session_name_is_default: false,
            duration_seconds,
            duration_is_default: false,
            mfa_serial: self.get(profile, "mfa_serial").map(str::to_string),
            prompt_for_mfa_serial: false,
            session_token: false,
        };
        match (source_profile, credential_source) {
            (Some(_), Some(_)) => Err(AuthError::BothSources(profile.to_string())),
            (None, None) => Err(AuthError::PartialCredentials {
                provider: "assume-role".into(),
                missing: "source_profile or credential_source".into(),
            }),
            (None, Some(source)) => {
                let base = match source {
                    "Environment" => Base::Environment,
                    "Ec2InstanceMetadata" => Base::InstanceMetadata,
                    "EcsContainer" => Base::Container,
                    other => {
                        debug_assert!(!CREDENTIAL_SOURCES.contains(&other));
                        return Err(AuthError::InvalidCredentialSource {
                            source_name: other.to_string(),
                            profile: profile.to_string(),
                        });
                    }
                };
                let when_empty = WhenEmpty::CredentialSource {
                    source: source.to_string(),
                    profile: profile.to_string(),
                };
                Ok((base, when_empty, vec![hop]))
            }
            (Some(source), None) => {
                self.check_source_profile(profile, source, visited)?;
                visited.push(source.to_string());
                let (base, when_empty, mut hops) = self.resolve_source_profile(source, visited)?;
                hops.push(hop);
                Ok((base, when_empty, hops))
            }
        }
    }

    fn check_source_profile(
        &self,
        parent: &str,
        source: &str,
        visited: &[String],
    ) -> Result<(), AuthError> {
        if !self.files.has_profile(source) {
            return Err(AuthError::SourceProfileMissing {
                source_profile: source.to_string(),
                profile: parent.to_string(),
            });
        }
        if !visited.iter().any(|v| v == source) {
            return Ok(());
        }
        if source != parent || !self.has_static_keys(source) {
            return Err(AuthError::InfiniteLoop {
                profile: source.to_string(),
                visited: py_list_repr(visited),
            });
        }
        Ok(())
    }

    fn resolve_source_profile(
        &self,
        source: &str,
        visited: &mut Vec<String>,
    ) -> Result<(Base, WhenEmpty, Vec<Hop>), AuthError> {
        if self.has_static_keys(source) || !self.has_assume_role_vars(source) {
            return match self.profile_sources(source, true)? {
                Some(base) => Ok((base, WhenEmpty::NoCredentials, vec![])),
                None => Err(AuthError::SourceProfileNoCredentials(source.to_string())),
            };
        }
        self.assume_role(source, visited)
    }
}

/// Whether one file's section holds static keys: an access key id makes it so, and
/// then the secret is required (a partial pair is an error, not a fall-through).
fn has_file_keys(
    section: Option<&crate::files::Profile>,
    provider: &str,
) -> Result<bool, AuthError> {
    let Some(section) = section.filter(|s| s.contains_key("aws_access_key_id")) else {
        return Ok(false);
    };
    if section
        .get("aws_secret_access_key")
        .and_then(|v| v.as_text())
        .is_none()
    {
        return Err(AuthError::PartialCredentials {
            provider: provider.into(),
            missing: "aws_secret_access_key".into(),
        });
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ini;

    fn files(config: &str, credentials: &str) -> SharedFiles {
        SharedFiles::from_parsed(
            "config".into(),
            "credentials".into(),
            ini::parse(config).unwrap(),
            ini::parse(credentials).unwrap(),
        )
    }

    fn plan_with(
        config: &str,
        creds: &str,
        env: &[(&str, &str)],
        cli: Option<&str>,
    ) -> Result<Plan, AuthError> {
        let f = files(config, creds);
        let mut pairs: Vec<(&str, &str)> = vec![("AWS_EC2_METADATA_DISABLED", "true")];
        pairs.extend_from_slice(env);
        let env = Env::from_pairs(pairs);
        let choice = choose_profile(cli, &env);
        Planner::new(&f, &env).plan(&choice)
    }

    fn roles(p: &Plan) -> Vec<&str> {
        p.hops.iter().map(|h| h.role_arn.as_str()).collect()
    }

    const KEYS: &str = "aws_access_key_id = AKIDEXAMPLE\naws_secret_access_key = secret\n";

    #[test]
    fn env_keys_win_unless_profile_is_explicit() {
        let cfg = format!("[profile dev]\n{KEYS}");
        let env = [("AWS_ACCESS_KEY_ID", "AK"), ("AWS_SECRET_ACCESS_KEY", "S")];
        let p = plan_with(&cfg, "", &env, None).unwrap();
        assert_eq!(p.base, Base::Environment);
        let p = plan_with(&cfg, "", &[("AWS_PROFILE", "dev"), env[0], env[1]], None).unwrap();
        assert_eq!(
            p.base,
            Base::Environment,
            "AWS_PROFILE keeps env keys first"
        );
        let p = plan_with(&cfg, "", &env, Some("dev")).unwrap();
        assert_eq!(
            p.base,
            Base::ConfigFile {
                profile: "dev".into()
            }
        );
    }

    #[test]
    fn partial_env_keys_are_an_error() {
        let err = plan_with("", "", &[("AWS_ACCESS_KEY_ID", "AK")], None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Partial credentials found in env, missing: AWS_SECRET_ACCESS_KEY"
        );
    }

    #[test]
    fn unknown_profiles() {
        let err = plan_with("", "", &[], Some("nope")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "The config profile (nope) could not be found"
        );
        let err = plan_with("", "", &[("AWS_PROFILE", "nope")], None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "The config profile (nope) could not be found"
        );
        let err = plan_with("", "", &[], Some("default")).unwrap_err();
        assert!(
            matches!(err, AuthError::ProfileNotFound(_)),
            "explicit default must exist"
        );
        assert_eq!(
            plan_with("", "", &[], None).unwrap_err(),
            AuthError::NoCredentials
        );
    }

    #[test]
    fn profile_env_precedence_follows_cli_v2() {
        let env = Env::from_pairs([("AWS_PROFILE", "a"), ("AWS_DEFAULT_PROFILE", "b")]);
        let c = choose_profile(None, &env);
        assert_eq!(c.name, "a");
        assert!(c.warning.is_some());
        let env = Env::from_pairs([("AWS_DEFAULT_PROFILE", "b")]);
        assert_eq!(choose_profile(None, &env).name, "b");
        assert_eq!(choose_profile(Some("x"), &env).name, "x");
    }

    #[test]
    fn credentials_file_beats_process_beats_config_file() {
        let cfg = format!("[profile p]\ncredential_process = echo hi\n{KEYS}");
        let p = plan_with(&cfg, &format!("[p]\n{KEYS}"), &[], Some("p")).unwrap();
        assert_eq!(
            p.base,
            Base::CredentialsFile {
                profile: "p".into()
            }
        );
        let p = plan_with(&cfg, "", &[], Some("p")).unwrap();
        assert!(matches!(p.base, Base::Process { .. }));
    }

    #[test]
    fn partial_file_keys() {
        let err = plan_with("", "[p]\naws_access_key_id = AK\n", &[], Some("p")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Partial credentials found in shared-credentials-file, missing: aws_secret_access_key"
        );
        let err =
            plan_with("[profile p]\naws_access_key_id = AK\n", "", &[], Some("p")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Partial credentials found in config-file, missing: aws_secret_access_key"
        );
    }

    #[test]
    fn role_chain_of_any_depth() {
        let cfg = format!(
            "[profile base]\n{KEYS}\n[profile a]\nrole_arn = arn:aws:iam::111111111111:role/a\nsource_profile = base\n\
             [profile b]\nrole_arn = arn:aws:iam::222222222222:role/b\nsource_profile = a\nexternal_id = ext-b\n\
             [profile c]\nrole_arn = arn:aws:iam::333333333333:role/c\nsource_profile = b\nduration_seconds = 1800\nrole_session_name = sess-c\n"
        );
        let p = plan_with(&cfg, "", &[], Some("c")).unwrap();
        assert_eq!(
            p.base,
            Base::ConfigFile {
                profile: "base".into()
            }
        );
        assert_eq!(
            roles(&p),
            [
                "arn:aws:iam::111111111111:role/a",
                "arn:aws:iam::222222222222:role/b",
                "arn:aws:iam::333333333333:role/c"
            ]
        );
        assert_eq!(p.hops[1].external_id.as_deref(), Some("ext-b"));
        assert_eq!(p.hops[2].duration_seconds, Some(1800));
        assert_eq!(p.hops[2].session_name.as_deref(), Some("sess-c"));
    }

    #[test]
    fn static_keys_beat_the_source_profiles_own_role() {
        let cfg = format!(
            "[profile src]\nrole_arn = arn:aws:iam::111111111111:role/ignored\nsource_profile = other\n{KEYS}\n\
             [profile top]\nrole_arn = arn:aws:iam::222222222222:role/top\nsource_profile = src\n[profile other]\n{KEYS}"
        );
        let p = plan_with(&cfg, "", &[], Some("top")).unwrap();
        assert_eq!(roles(&p), ["arn:aws:iam::222222222222:role/top"]);
        assert_eq!(
            p.base,
            Base::ConfigFile {
                profile: "src".into()
            }
        );
    }

    #[test]
    fn self_source_needs_static_keys() {
        let cfg = format!("[profile me]\nrole_arn = arn:aws:iam::111111111111:role/me\nsource_profile = me\n{KEYS}");
        let p = plan_with(&cfg, "", &[], Some("me")).unwrap();
        assert_eq!(
            p.base,
            Base::ConfigFile {
                profile: "me".into()
            }
        );
        assert_eq!(p.hops.len(), 1);
        let cfg =
            "[profile me]\nrole_arn = arn:aws:iam::111111111111:role/me\nsource_profile = me\n";
        let err = plan_with(cfg, "", &[], Some("me")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Infinite loop in credential configuration detected. Attempting to load from profile me which has already been visited. Visited profiles: ['me']"
        );
    }

    #[test]
    fn cycles_are_detected() {
        let cfg = "[profile A]\nrole_arn = arn:aws:iam::111111111111:role/a\nsource_profile = B\n\
                   [profile B]\nrole_arn = arn:aws:iam::111111111111:role/b\nsource_profile = A\n";
        let err = plan_with(cfg, "", &[], Some("A")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Infinite loop in credential configuration detected. Attempting to load from profile A which has already been visited. Visited profiles: ['A', 'B']"
        );
    }

    #[test]
    fn assume_role_configuration_errors() {
        let both = "[profile p]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = q\ncredential_source = Environment\n[profile q]\n";
        assert_eq!(
            plan_with(both, "", &[], Some("p")).unwrap_err().to_string(),
            "The profile \"p\" contains both source_profile and credential_source."
        );
        let neither = "[profile p]\nrole_arn = arn:aws:iam::1:role/r\n";
        assert_eq!(
            plan_with(neither, "", &[], Some("p")).unwrap_err().to_string(),
            "Partial credentials found in assume-role, missing: source_profile or credential_source"
        );
        let bad_source =
            "[profile p]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = environment\n";
        assert_eq!(
            plan_with(bad_source, "", &[], Some("p"))
                .unwrap_err()
                .to_string(),
            "The credential source \"environment\" referenced in profile \"p\" is not valid."
        );
        let missing = "[profile p]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = ghost\n";
        assert_eq!(
            plan_with(missing, "", &[], Some("p"))
                .unwrap_err()
                .to_string(),
            "The source_profile \"ghost\" referenced in the profile \"p\" does not exist."
        );
        let empty = "[profile p]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = q\n[profile q]\nregion = x\n";
        assert_eq!(
            plan_with(empty, "", &[], Some("p"))
                .unwrap_err()
                .to_string(),
            "The source profile \"q\" must have credentials."
        );
        let bad_duration = format!("[profile p]\nrole_arn = arn:aws:iam::1:role/r\nsource_profile = q\nduration_seconds = 1h\n[profile q]\n{KEYS}");
        let err = plan_with(&bad_duration, "", &[], Some("p"))
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("\"1h\"") && err.contains("900 to 43200"),
            "{err}"
        );
    }

    #[test]
    fn credential_sources() {
        let cfg = "[profile p]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = Ec2InstanceMetadata\n";
        let p = plan_with(cfg, "", &[], Some("p")).unwrap();
        assert_eq!(p.base, Base::InstanceMetadata);
        assert_eq!(
            p.when_empty,
            WhenEmpty::CredentialSource {
                source: "Ec2InstanceMetadata".into(),
                profile: "p".into()
            }
        );
        let cfg =
            "[profile p]\nrole_arn = arn:aws:iam::1:role/r\ncredential_source = EcsContainer\n";
        assert_eq!(
            plan_with(cfg, "", &[], Some("p")).unwrap().base,
            Base::Container
        );
    }

    #[test]
    fn web_identity_from_profile_and_env() {
        let cfg = "[profile w]\nrole_arn = arn:aws:iam::1:role/w\nweb_identity_token_file = /tok\n";
        let p = plan_with(cfg, "", &[], Some("w")).unwrap();
        assert!(matches!(p.base, Base::WebIdentity { ref token_file, .. } if token_file == "/tok"));
        assert!(
            p.hops.is_empty(),
            "role_arn with a token file is not an assume-role profile"
        );
        let env = [
            ("AWS_WEB_IDENTITY_TOKEN_FILE", "/env-tok"),
            ("AWS_ROLE_ARN", "arn:aws:iam::1:role/e"),
        ];
        let p = plan_with("", "", &env, None).unwrap();
        assert!(
            matches!(p.base, Base::WebIdentity { ref role_arn, .. } if role_arn == "arn:aws:iam::1:role/e")
        );
        let err = plan_with("", "", &[("AWS_WEB_IDENTITY_TOKEN_FILE", "/t")], None).unwrap_err();
        assert!(err.to_string().contains("has no role ARN configured"));
    }

    #[test]
    fn sso_profiles() {
        let cfg = "[profile s]\nsso_session = corp\nsso_account_id = 111111111111\nsso_role_name = Audit\n\
                   [sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\n";
        let p = plan_with(cfg, "", &[], Some("s")).unwrap();
        match p.base {
            Base::Sso(s) => {
                assert_eq!(s.region, "eu-west-1");
                assert_eq!(s.session.as_deref(), Some("corp"));
            }
            other => panic!("{other:?}"),
        }
        let legacy_missing = "[profile s]\nsso_account_id = 111111111111\n";
        let err = plan_with(legacy_missing, "", &[], Some("s")).unwrap_err();
        assert_eq!(
            err.to_string(),
            "The profile \"s\" is configured to use SSO but is missing required configuration: sso_role_name, sso_start_url, sso_region"
        );
        let not_sso = "[profile s]\nsso_start_url = https://x\nsso_region = us-east-1\n";
        assert_eq!(
            plan_with(not_sso, "", &[], Some("s")).unwrap_err(),
            AuthError::NoCredentials
        );
        let ghost = "[profile s]\nsso_session = ghost\nsso_account_id = 1\n";
        assert!(plan_with(ghost, "", &[], Some("s"))
            .unwrap_err()
            .to_string()
            .contains("sso-session does not exist"));
    }

    #[test]
    fn container_then_imds_then_nothing() {
        let p = plan_with(
            "",
            "",
            &[("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://127.0.0.1/x")],
            None,
        )
        .unwrap();
        assert_eq!(p.base, Base::Container);
        let f = files("", "");
        let env = Env::from_pairs(Vec::<(String, String)>::new());
        let p = Planner::new(&f, &env)
            .plan(&choose_profile(None, &env))
            .unwrap();
        assert_eq!(p.base, Base::InstanceMetadata);
    }

    #[test]
    fn source_profile_ignores_env_web_identity() {
        let cfg = "[profile top]\nrole_arn = arn:aws:iam::1:role/top\nsource_profile = src\n[profile src]\nregion = x\n";
        let env = [
            ("AWS_WEB_IDENTITY_TOKEN_FILE", "/t"),
            ("AWS_ROLE_ARN", "arn:aws:iam::1:role/e"),
        ];
        let err = plan_with(cfg, "", &env, Some("top")).unwrap_err();
        assert_eq!(err, AuthError::SourceProfileNoCredentials("src".into()));
    }
}
