//! Executes a plan: fetch the base credentials, then assume each role in turn, reading
//! and writing the shared disk cache for every hop, and prompting for MFA codes only
//! when no valid cached session exists.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};
use std::time::SystemTime;

use crate::cache::{CachedRole, DiskCache, KeyArgs, Miss};
use crate::credentials::Credentials;
use crate::env::Env;
use crate::error::AuthError;
use crate::files::SharedFiles;
use crate::mfa::Prompter;
use crate::plan::{choose_profile, Base, Hop, Plan, Planner, WhenEmpty};
use crate::sts::{self, AssumeRoleArgs, ClientSettings};
use crate::validate;

/// Prowler's `-R/-I/-T/--role-session-name/--mfa`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleOptions {
    pub role_arn: String,
    pub external_id: Option<String>,
    pub session_name: Option<String>,
    pub duration_seconds: Option<i64>,
    pub mfa: bool,
    /// The MFA device ARN when already known (asked once for many accounts).
    pub mfa_serial: Option<String>,
    /// Use MFA through one GetSessionToken session (cached) and assume the role with
    /// it, instead of passing the code to AssumeRole: one code for many accounts.
    pub mfa_session: bool,
}

#[derive(Debug, Clone, Default)]
pub struct ResolveOptions {
    /// `-p/--profile`.
    pub profile: Option<String>,
    /// `-R` and friends.
    pub role: Option<RoleOptions>,
    /// `--no-cache`: neither read nor write `~/.aws/cli/cache`.
    pub no_cache: bool,
    /// A region for STS when neither the environment nor the profile has one.
    pub region: Option<String>,
}

impl ResolveOptions {
    /// Prowler's rule: `-I`, `-T` and `--role-session-name` need `-R`. Checks every value
    /// against STS's limits too, before anything is called.
    pub fn validate(
        role_arn: Option<&str>,
        external_id: Option<&str>,
        duration: Option<i64>,
        session_name: Option<&str>,
    ) -> Result<(), AuthError> {
        if role_arn.is_none()
            && (external_id.is_some() || duration.is_some() || session_name.is_some())
        {
            return Err(AuthError::Usage(
                "To use -I/--external-id, -T/--session-duration or --role-session-name options -R/--role option is needed".into(),
            ));
        }
        let usage = |e: AuthError| AuthError::Usage(e.to_string());
        if let Some(arn) = role_arn {
            validate::role_arn(arn).map_err(usage)?;
        }
        if let Some(d) = duration {
            validate::duration(d).map_err(usage)?;
        }
        if let Some(x) = external_id {
            validate::external_id(x).map_err(usage)?;
        }
        if let Some(n) = session_name {
            validate::session_name(n).map_err(usage)?;
        }
        Ok(())
    }
}

/// One step of a resolved chain, for `--explain` (never holds a secret).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Step {
    /// botocore's provider name (`env`, `shared-credentials-file`, `assume-role`, …).
    pub source: String,
    pub profile: Option<String>,
    pub role_arn: Option<String>,
    pub session_name: Option<String>,
    pub assumed_arn: Option<String>,
    pub expiration: Option<SystemTime>,
    pub from_cache: bool,
    pub access_key_hint: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Resolved {
    pub credentials: Credentials,
    pub steps: Vec<Step>,
    /// Warnings to show the user once (role-chaining cap, profile ambiguity, …).
    pub warnings: Vec<String>,
}

/// Everything needed to resolve (and later refresh) one identity.
pub struct Resolver {
    env: Env,
    files: SharedFiles,
    plan: Plan,
    cache: DiskCache,
    prompter: Arc<dyn Prompter>,
    sts: ClientSettings,
    region: String,
    sso_endpoint: Option<String>,
    sso_oidc_endpoint: Option<String>,
    warnings: Vec<String>,
    /// `--mfa`'s device ARN, asked once per run.
    mfa_serial_answer: Mutex<Option<String>>,
    /// Access key ids of sessions AWS rejected before their expiry (revoked): a cached
    /// entry holding one is dropped and its hop assumed again.
    rejected: Mutex<HashSet<String>>,
}

impl std::fmt::Debug for Resolver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Resolver")
            .field("plan", &self.plan)
            .field("sts", &self.sts)
            .finish_non_exhaustive()
    }
}

impl Resolver {
    /// Loads the files, plans the chain and checks every parameter. No network.
    pub fn new(
        opts: &ResolveOptions,
        env: Env,
        prompter: Arc<dyn Prompter>,
    ) -> Result<Self, AuthError> {
        let files = SharedFiles::load(&env)?;
        let choice = choose_profile(opts.profile.as_deref(), &env);
        let warnings: Vec<String> = choice.warning.iter().cloned().collect();
        let mut plan = Planner::new(&files, &env).plan(&choice)?;
        if let Some(role) = &opts.role {
            ResolveOptions::validate(
                Some(&role.role_arn),
                role.external_id.as_deref(),
                role.duration_seconds,
                role.session_name.as_deref(),
            )?;
            let mfa_in_session = role.mfa && role.mfa_session;
            if mfa_in_session {
                plan.hops.push(Hop {
                    profile: None,
                    role_arn: String::new(),
                    external_id: None,
                    session_name: None,
                    session_name_is_default: true,
                    duration_seconds: None,
                    duration_is_default: true,
                    mfa_serial: role.mfa_serial.clone(),
                    prompt_for_mfa_serial: role.mfa_serial.is_none(),
                    session_token: true,
                });
            }
            plan.hops.push(Hop {
                profile: None,
                role_arn: role.role_arn.clone(),
                external_id: role.external_id.clone(),
                session_name_is_default: role.session_name.is_none(),
                session_name: Some(
                    role.session_name
                        .clone()
                        .unwrap_or_else(|| validate::DEFAULT_SESSION_NAME.to_string()),
                ),
                duration_is_default: role.duration_seconds.is_none(),
                duration_seconds: Some(role.duration_seconds.unwrap_or(validate::DEFAULT_DURATION)),
                mfa_serial: if mfa_in_session {
                    None
                } else {
                    role.mfa_serial.clone()
                },
                prompt_for_mfa_serial: role.mfa && !mfa_in_session && role.mfa_serial.is_none(),
                session_token: false,
            });
        }
        for hop in &plan.hops {
            check_hop(hop)?;
        }
        let region = opts
            .region
            .clone()
            .or_else(|| env.non_empty("AWS_REGION").map(str::to_string))
            .or_else(|| env.non_empty("AWS_DEFAULT_REGION").map(str::to_string))
            .or_else(|| files.get(&choice.name, "region").map(str::to_string))
            .unwrap_or_else(|| "us-east-1".to_string());
        let sts = ClientSettings {
            region: region.clone(),
            endpoint_url: endpoint_url(&env, &files, &choice.name, "STS", "sts"),
        };
        let sso_endpoint = endpoint_url(&env, &files, &choice.name, "SSO", "sso");
        let sso_oidc_endpoint = endpoint_url(&env, &files, &choice.name, "SSO_OIDC", "sso_oidc");
        Ok(Resolver {
            cache: DiskCache::for_env(&env, !opts.no_cache),
            env,
            files,
            plan,
            prompter,
            sts,
            region,
            sso_endpoint,
            sso_oidc_endpoint,
            warnings,
            mfa_serial_answer: Mutex::new(None),
            rejected: Mutex::new(HashSet::new()),
        })
    }

    pub fn plan(&self) -> &Plan {
        &self.plan
    }

    pub fn region(&self) -> &str {
        &self.region
    }

    pub fn profile(&self) -> &str {
        &self.plan.profile
    }

    pub fn sts_settings(&self) -> &ClientSettings {
        &self.sts
    }

    pub fn files(&self) -> &SharedFiles {
        &self.files
    }

    pub fn env(&self) -> &Env {
        &self.env
    }

    pub fn cache(&self) -> &DiskCache {
        &self.cache
    }

    /// Endpoint override for another service (for the scanning clients).
    pub fn endpoint_url(&self, service_env_id: &str, services_key: &str) -> Option<String> {
        endpoint_url(
            &self.env,
            &self.files,
            &self.plan.profile,
            service_env_id,
            services_key,
        )
    }

    /// Walks the whole chain. `refreshing`: called again during a run (MFA codes are
    /// then asked only on a terminal).
    pub async fn resolve(&self, refreshing: bool) -> Result<Resolved, AuthError> {
        self.walk(refreshing, false).await
    }

    /// AWS rejected `creds` before their expiry (a revoked session: see
    /// [`is_rejected_session`]). Walks the chain again without them: the cached entry
    /// holding them is dropped and only that hop is assumed again; the hops before it
    /// (an MFA session AWS still accepts) are reused, so no new MFA code is asked unless
    /// that session is rejected too. The new session is cached for the AWS CLI.
    pub async fn resolve_without(&self, creds: &Credentials) -> Result<Resolved, AuthError> {
        self.reject(&creds.access_key_id);
        self.walk(true, false).await
    }

    /// Whether a resolved chain can be healed after a rejection: some hop came from
    /// the cache (static keys or a fresh session cannot be replaced by walking again).
    pub fn can_heal(resolved: &Resolved) -> bool {
        resolved.steps.iter().any(|s| s.from_cache)
    }

    /// GetCallerIdentity with `resolved`'s credentials; when AWS rejects a cached
    /// session, heals the chain ([`Resolver::resolve_without`]) and asks once more.
    pub async fn identity(
        &self,
        resolved: &mut Resolved,
    ) -> Result<crate::sts::CallerIdentity, AuthError> {
        match sts::get_caller_identity(&self.sts, &resolved.credentials).await {
            Err(AuthError::Service { code, .. })
                if is_rejected_session(&code) && Self::can_heal(resolved) =>
            {
                tracing::info!("AWS rejected a cached session ({code}): assuming it again");
                *resolved = self.resolve_without(&resolved.credentials).await?;
                sts::get_caller_identity(&self.sts, &resolved.credentials).await
            }
            other => other,
        }
    }

    fn reject(&self, access_key_id: &str) {
        self.rejected
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(access_key_id.to_string());
    }

    fn is_rejected(&self, access_key_id: &str) -> bool {
        self.rejected
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .contains(access_key_id)
    }

    async fn walk(&self, refreshing: bool, skip_cache: bool) -> Result<Resolved, AuthError> {
        // A hop whose caller is a cached session that AWS rejects: drop that session and
        // walk again (at most once per hop).
        let mut attempts = self.plan.hops.len() + 1;
        loop {
            match self.walk_once(refreshing, skip_cache).await {
                Err(Rejected::Caller(key, _)) if attempts > 0 => {
                    attempts -= 1;
                    self.reject(&key);
                }
                Err(Rejected::Caller(_, e)) | Err(Rejected::Other(e)) => return Err(e),
                Ok(r) => return Ok(r),
            }
        }
    }

    async fn walk_once(&self, refreshing: bool, skip_cache: bool) -> Result<Resolved, Rejected> {
        let mut steps = Vec::new();
        let mut warnings = if refreshing {
            vec![]
        } else {
            self.warnings.clone()
        };
        let (mut creds, base_step) = self.base(skip_cache).await?;
        let mut chained = matches!(
            self.plan.base,
            Base::WebIdentity { .. } | Base::Sso(_) | Base::Container | Base::InstanceMetadata
        );
        let mut from_cache = base_step.from_cache;
        steps.push(base_step);
        for hop in &self.plan.hops {
            let (next, step, warning) = match self
                .assume(hop, &creds, chained, refreshing, skip_cache)
                .await
            {
                Ok(x) => x,
                Err(AuthError::Service {
                    code,
                    operation,
                    message,
                }) if from_cache && is_rejected_session(&code) => {
                    tracing::info!("{operation}: AWS rejected the cached session that called it ({code}): assuming that one again");
                    return Err(Rejected::Caller(
                        creds.access_key_id.clone(),
                        AuthError::Service {
                            code,
                            operation,
                            message,
                        },
                    ));
                }
                Err(e) => return Err(Rejected::Other(e)),
            };
            if let Some(w) = warning {
                warnings.push(w);
            }
            from_cache = step.from_cache;
            steps.push(step);
            creds = next;
            // A GetSessionToken session is not a role session: no chaining cap after it.
            chained = chained || !hop.session_token;
        }
        Ok(Resolved {
            credentials: creds,
            steps,
            warnings,
        })
    }

    /// A usable cache entry, unless skipped, or holding a session AWS rejected (then
    /// the entry is dropped).
    fn cached(&self, key: &str, skip: bool) -> Result<CachedRole, Miss> {
        if skip {
            return Err(Miss::Expired);
        }
        let hit = self.cache.get(key)?;
        if self.is_rejected(&hit.credentials.access_key_id) {
            self.cache.remove(key);
            return Err(Miss::Expired);
        }
        Ok(hit)
    }

    async fn base(&self, skip_cache: bool) -> Result<(Credentials, Step), AuthError> {
        let base = &self.plan.base;
        let mut step = Step {
            source: base.method().to_string(),
            ..Default::default()
        };
        let empty = || match &self.plan.when_empty {
            WhenEmpty::NoCredentials => AuthError::NoCredentials,
            WhenEmpty::CredentialSource { source, profile } => AuthError::Retrieval {
                provider: source.clone(),
                message: format!(
                    "No credentials found in credential_source referenced in profile {profile}"
                ),
            },
        };
        let creds = match base {
            Base::Environment => crate::sources::environment(&self.env)?.ok_or_else(empty)?,
            Base::CredentialsFile { profile } => {
                step.profile = Some(profile.clone());
                crate::sources::static_keys(
                    self.files.credentials_profiles.get(profile),
                    "shared-credentials-file",
                )?
            }
            Base::ConfigFile { profile } => {
                step.profile = Some(profile.clone());
                crate::sources::static_keys(self.files.config_profiles.get(profile), "config-file")?
            }
            Base::Process { profile, .. } => {
                step.profile = Some(profile.clone());
                step.note = Some("credential_process".into());
                let Base::Process { command, .. } = base else {
                    unreachable!()
                };
                crate::sources::process(command).await?
            }
            Base::WebIdentity {
                profile,
                role_arn,
                token_file,
                session_name,
            } => {
                step.profile = profile.clone();
                step.role_arn = Some(role_arn.clone());
                let key = KeyArgs {
                    role_arn: role_arn.clone(),
                    role_session_name: session_name.clone(),
                    ..Default::default()
                };
                let name = session_name.clone().unwrap_or_else(default_session_name);
                step.session_name = Some(name.clone());
                let role = match self.cached(&key.key(), skip_cache) {
                    Ok(hit) => {
                        step.from_cache = true;
                        hit
                    }
                    Err(miss) => {
                        let token = crate::sources::web_identity_token(token_file)?;
                        let role = crate::sources::with_account(
                            sts::assume_role_with_web_identity(&self.sts, role_arn, &name, &token)
                                .await?,
                        );
                        self.store(&key, &role, &miss);
                        role
                    }
                };
                step.assumed_arn = role.assumed_role_arn.clone();
                role.credentials
            }
            Base::Sso(cfg) => {
                step.profile = Some(cfg.profile.clone());
                step.note = Some(format!("{} in {}", cfg.role_name, cfg.account_id));
                crate::sources::sso(
                    cfg,
                    &self.env,
                    self.sso_endpoint.clone(),
                    self.sso_oidc_endpoint.clone(),
                )
                .await?
            }
            Base::Login { profile, session } => {
                step.profile = Some(profile.clone());
                step.note = Some(format!("aws login session {session}"));
                crate::sources::login(profile, session, &self.env)?
            }
            Base::Container => crate::sources::container(&self.env)
                .await?
                .ok_or_else(empty)?,
            Base::InstanceMetadata => {
                let (c, note) =
                    crate::sources::instance_metadata(&self.env, &self.files, &self.plan.profile)
                        .await?;
                step.note = note;
                match c {
                    Some(c) => c,
                    None => {
                        if let Some(why) = &step.note {
                            tracing::debug!("instance metadata: {why}");
                        }
                        return Err(empty());
                    }
                }
            }
        };
        step.expiration = creds.expiration;
        step.access_key_hint = creds.key_hint();
        Ok((creds, step))
    }

    async fn assume(
        &self,
        hop: &Hop,
        source: &Credentials,
        chained: bool,
        refreshing: bool,
        skip_cache: bool,
    ) -> Result<(Credentials, Step, Option<String>), AuthError> {
        let serial = match (&hop.mfa_serial, hop.prompt_for_mfa_serial) {
            (Some(s), _) => Some(s.clone()),
            (None, true) => Some(self.ask_serial()?),
            (None, false) => None,
        };
        if hop.session_token {
            let serial = serial.unwrap_or_default();
            return self.session_token(&serial, source, refreshing).await;
        }
        let mut duration = hop.duration_seconds;
        let mut duration_is_default = hop.duration_is_default;
        let mut warning = None;
        if hop.profile.is_none() {
            if let Some(d) = duration.filter(|d| *d > validate::CHAINED_MAX_DURATION) {
                if chained || self.source_is_role_session(source).await {
                    warning = Some(format!(
                        "-T {d} exceeds the one-hour limit STS puts on sessions of roles assumed with role credentials (role chaining); using {} — kestrel refreshes the session before it expires",
                        validate::CHAINED_MAX_DURATION
                    ));
                    duration = Some(validate::CHAINED_MAX_DURATION);
                    duration_is_default = false;
                }
            }
        }
        let key = KeyArgs {
            role_arn: hop.role_arn.clone(),
            external_id: hop.external_id.clone(),
            serial_number: serial.clone(),
            duration_seconds: duration.filter(|_| !duration_is_default),
            policy: None,
            role_session_name: hop
                .session_name
                .clone()
                .filter(|_| !hop.session_name_is_default),
        };
        let session_name = hop
            .session_name
            .clone()
            .unwrap_or_else(default_session_name);
        let mut step = Step {
            source: "assume-role".into(),
            profile: hop.profile.clone(),
            role_arn: Some(hop.role_arn.clone()),
            session_name: Some(session_name.clone()),
            note: serial.as_ref().map(|s| format!("MFA {s}")),
            ..Default::default()
        };
        let role = match self.cached(&key.key(), skip_cache) {
            Ok(hit) => {
                step.from_cache = true;
                hit
            }
            Err(miss) => {
                let token_code = match &serial {
                    Some(s) => Some(self.prompter.mfa_code(s, refreshing)?),
                    None => None,
                };
                let args = AssumeRoleArgs {
                    role_arn: hop.role_arn.clone(),
                    session_name,
                    external_id: hop.external_id.clone(),
                    duration_seconds: duration,
                    serial_number: serial.clone(),
                    token_code,
                };
                let role = sts::assume_role(&self.sts, source, &args).await?;
                self.store(&key, &role, &miss);
                role
            }
        };
        step.assumed_arn = role.assumed_role_arn.clone();
        step.expiration = role.credentials.expiration;
        step.access_key_hint = role.credentials.key_hint();
        Ok((role.credentials, step, warning))
    }

    /// GetSessionToken with an MFA code, cached under a kestrel-only key.
    async fn session_token(
        &self,
        serial: &str,
        source: &Credentials,
        refreshing: bool,
    ) -> Result<(Credentials, Step, Option<String>), AuthError> {
        let key = KeyArgs::session_token_key(serial);
        let mut step = Step {
            source: "session-token".into(),
            note: Some(format!("MFA {serial}")),
            ..Default::default()
        };
        let session = match self.cached(&key, false) {
            Ok(hit) => {
                step.from_cache = true;
                hit
            }
            Err(miss) => {
                let code = self.prompter.mfa_code(serial, refreshing)?;
                let s = sts::get_session_token(&self.sts, source, None, serial, &code).await?;
                if miss != Miss::Disabled {
                    if let Err(e) = self.cache.put(&key, &s) {
                        tracing::warn!("cannot write the credential cache: {e}");
                    }
                }
                s
            }
        };
        step.expiration = session.credentials.expiration;
        step.access_key_hint = session.credentials.key_hint();
        Ok((session.credentials, step, None))
    }

    fn store(&self, key: &KeyArgs, role: &CachedRole, miss: &Miss) {
        if *miss == Miss::Disabled {
            return;
        }
        if let Err(e) = self.cache.put(&key.key(), role) {
            tracing::warn!(
                "cannot write the credential cache in {}: {e}",
                self.cache.dir().display()
            );
        }
    }

    fn ask_serial(&self) -> Result<String, AuthError> {
        let mut answer = self
            .mfa_serial_answer
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        if let Some(s) = answer.as_ref() {
            return Ok(s.clone());
        }
        let serial = self.prompter.mfa_serial()?;
        *answer = Some(serial.clone());
        Ok(serial)
    }

    /// Whether `creds` are themselves a role session (then STS caps the next role at
    /// one hour). Only session credentials can be; ask STS who they are.
    async fn source_is_role_session(&self, creds: &Credentials) -> bool {
        if creds.session_token.is_none() {
            return false;
        }
        match sts::get_caller_identity(&self.sts, creds).await {
            Ok(id) => id.arn.contains(":assumed-role/"),
            Err(_) => false,
        }
    }
}

/// Error codes with which AWS rejects a session that is not expired by its clock: the
/// session was revoked (or its keys deleted). Other codes are not healed.
pub fn is_rejected_session(code: &str) -> bool {
    matches!(
        code,
        "ExpiredToken"
            | "ExpiredTokenException"
            | "InvalidClientTokenId"
            | "UnrecognizedClientException"
    )
}

/// Why a walk stopped: the caller of a hop was rejected (its access key id), or else.
enum Rejected {
    Caller(String, AuthError),
    Other(AuthError),
}

impl From<AuthError> for Rejected {
    fn from(e: AuthError) -> Self {
        Rejected::Other(e)
    }
}

fn check_hop(hop: &Hop) -> Result<(), AuthError> {
    if let Some(x) = &hop.external_id {
        validate::external_id(x)?;
    }
    if let Some(n) = &hop.session_name {
        validate::session_name(n)?;
    }
    if let Some(d) = hop.duration_seconds {
        validate::duration(d)?;
    }
    if let Some(s) = &hop.mfa_serial {
        validate::mfa_serial(s)?;
    }
    Ok(())
}

/// botocore's default session name for profile roles.
fn default_session_name() -> String {
    let secs = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    format!("botocore-session-{secs}")
}

/// The endpoint override for a service: `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`,
/// the profile's `[services X]` section, then the profile's `endpoint_url`; none when
/// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` (or `ignore_configured_endpoint_urls`).
pub fn endpoint_url(
    env: &Env,
    files: &SharedFiles,
    profile: &str,
    service_env_id: &str,
    services_key: &str,
) -> Option<String> {
    let ignore = env.flag("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
        || files
            .get(profile, "ignore_configured_endpoint_urls")
            .map(|v| v.eq_ignore_ascii_case("true"))
            .unwrap_or(false);
    if ignore {
        return None;
    }
    if let Some(v) = env.non_empty(&format!("AWS_ENDPOINT_URL_{service_env_id}")) {
        return Some(v.to_string());
    }
    if let Some(v) = env.non_empty("AWS_ENDPOINT_URL") {
        return Some(v.to_string());
    }
    if let Some(services) = files.get(profile, "services") {
        if let Some(section) = files.services.get(services) {
            if let Some(crate::ini::Value::Nested(m)) = section.get(services_key) {
                if let Some(url) = m.get("endpoint_url") {
                    return Some(url.clone());
                }
            }
        }
    }
    files.get(profile, "endpoint_url").map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_flags_need_role() {
        let err = ResolveOptions::validate(None, Some("ext"), None, None).unwrap_err();
        assert!(err.is_usage());
        assert_eq!(
            err.to_string(),
            "To use -I/--external-id, -T/--session-duration or --role-session-name options -R/--role option is needed"
        );
        assert!(ResolveOptions::validate(None, None, Some(900), None).is_err());
        assert!(ResolveOptions::validate(None, None, None, Some("n1")).is_err());
        assert!(ResolveOptions::validate(None, None, None, None).is_ok());
        assert!(ResolveOptions::validate(
            Some("arn:aws:iam::123456789012:role/x"),
            Some("ext"),
            Some(900),
            Some("n1")
        )
        .is_ok());
        assert!(ResolveOptions::validate(
            Some("arn:aws:iam::123456789012:role/x"),
            None,
            Some(100),
            None
        )
        .unwrap_err()
        .is_usage());
    }

    #[test]
    fn endpoint_precedence() {
        let files = SharedFiles::from_parsed(
            "c".into(),
            "k".into(),
            crate::ini::parse("[profile p]\nservices = local\nendpoint_url = http://profile\n[services local]\nsts =\n  endpoint_url = http://svc\n").unwrap(),
            Default::default(),
        );
        let env = Env::from_pairs([
            ("AWS_ENDPOINT_URL", "http://global"),
            ("AWS_ENDPOINT_URL_STS", "http://sts"),
        ]);
        assert_eq!(
            endpoint_url(&env, &files, "p", "STS", "sts").as_deref(),
            Some("http://sts")
        );
        assert_eq!(
            endpoint_url(&env, &files, "p", "IAM", "iam").as_deref(),
            Some("http://global")
        );
        let none = Env::default();
        assert_eq!(
            endpoint_url(&none, &files, "p", "STS", "sts").as_deref(),
            Some("http://svc")
        );
        assert_eq!(
            endpoint_url(&none, &files, "p", "IAM", "iam").as_deref(),
            Some("http://profile")
        );
        let ignore = Env::from_pairs([
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
            ("AWS_ENDPOINT_URL", "http://x"),
        ]);
        assert_eq!(endpoint_url(&ignore, &files, "p", "STS", "sts"), None);
    }
}
