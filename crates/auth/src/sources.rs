//! Fetching the base credentials of a plan, one function per source. Each documents
//! the environment variables and profile keys it reads.

use std::time::{Duration, SystemTime};

use serde_json::Value;
use sha1::{Digest, Sha1};

use crate::cache::{account_from_arn, CachedRole};
use crate::credentials::{Credentials, Secret};
use crate::env::Env;
use crate::error::AuthError;
use crate::files::SharedFiles;
use crate::plan::SsoConfig;
use kestrel_model::time as timefmt;

/// `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, token from `AWS_SECURITY_TOKEN` then
/// `AWS_SESSION_TOKEN`, `AWS_CREDENTIAL_EXPIRATION`, `AWS_ACCOUNT_ID`. None when no key
/// is set.
pub fn environment(env: &Env) -> Result<Option<Credentials>, AuthError> {
    let Some(key) = env.non_empty("AWS_ACCESS_KEY_ID") else {
        return Ok(None);
    };
    let Some(secret) = env.non_empty("AWS_SECRET_ACCESS_KEY") else {
        return Err(AuthError::PartialCredentials {
            provider: "env".into(),
            missing: "AWS_SECRET_ACCESS_KEY".into(),
        });
    };
    let token = env
        .non_empty("AWS_SECURITY_TOKEN")
        .or_else(|| env.non_empty("AWS_SESSION_TOKEN"))
        .map(str::to_string);
    let mut c = Credentials::new(key, secret).with_token(token);
    c.expiration = env
        .non_empty("AWS_CREDENTIAL_EXPIRATION")
        .and_then(timefmt::parse_system_time);
    c.account_id = env.non_empty("AWS_ACCOUNT_ID").map(str::to_string);
    Ok(Some(c))
}

/// `aws_access_key_id`, `aws_secret_access_key`, `aws_session_token` (or
/// `aws_security_token`), `aws_account_id` of one file's section.
pub fn static_keys(
    section: Option<&crate::files::Profile>,
    provider: &str,
) -> Result<Credentials, AuthError> {
    let get = |k: &str| {
        section
            .and_then(|s| s.get(k))
            .and_then(|v| v.as_text())
            .map(str::to_string)
    };
    let key = get("aws_access_key_id").unwrap_or_default();
    let Some(secret) = get("aws_secret_access_key") else {
        return Err(AuthError::PartialCredentials {
            provider: provider.into(),
            missing: "aws_secret_access_key".into(),
        });
    };
    let token = get("aws_session_token").or_else(|| get("aws_security_token"));
    let mut c = Credentials::new(key, secret).with_token(token);
    c.account_id = get("aws_account_id");
    Ok(c)
}

/// `credential_process`: split into words like a POSIX shell (no shell runs it), run with
/// standard input inherited, and read its JSON (`Version` 1, `AccessKeyId`,
/// `SecretAccessKey`, optional `SessionToken`, `Expiration`, `AccountId`).
/// Its output is never echoed in errors: it holds secrets.
pub async fn process(command: &str) -> Result<Credentials, AuthError> {
    process_within(command, process_timeout()).await
}

async fn process_within(command: &str, timeout: Duration) -> Result<Credentials, AuthError> {
    let fail = |message: String| AuthError::Retrieval {
        provider: "custom-process".into(),
        message,
    };
    // The command line may carry secrets (a password flag): it is never echoed.
    let words = shlex::split(command)
        .filter(|w| !w.is_empty())
        .ok_or_else(|| {
            fail(
                "cannot split the credential_process command line into words (unbalanced quotes?)"
                    .into(),
            )
        })?;
    let program = crate::validate::shown(&words[0]);
    let mut child = tokio::process::Command::new(&words[0])
        .args(&words[1..])
        .stdin(std::process::Stdio::inherit())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .map_err(|e| fail(format!("cannot run {program}: {e}")))?;
    let output = match tokio::time::timeout(timeout, bounded_output(&mut child)).await {
        Ok(result) => result.map_err(|e| fail(format!("{program}: {e}")))?,
        Err(_) => {
            let _ = child.start_kill();
            return Err(fail(format!(
                "{program} did not finish within {} s (set {PROCESS_TIMEOUT_ENV} to wait longer)",
                timeout.as_secs_f64()
            )));
        }
    };
    if !output.status.success() {
        let stderr = capped_text(&output.stderr);
        let status = output
            .status
            .code()
            .map(|c| format!("exit status {c}"))
            .unwrap_or_else(|| "killed by a signal".into());
        return Err(fail(if stderr.is_empty() {
            format!("the process failed ({status})")
        } else {
            stderr
        }));
    }
    let parsed: Value = serde_json::from_slice(&output.stdout).map_err(|e| {
        fail(format!(
            "the process did not print a JSON document ({} bytes of output; {e})",
            output.stdout.len()
        ))
    })?;
    let version = parsed.get("Version");
    if version.and_then(Value::as_i64) != Some(1) || version.map(Value::is_f64).unwrap_or(false) {
        let shown = match version {
            None => "<Version key not provided>".to_string(),
            Some(Value::String(s)) => s.clone(),
            Some(Value::Bool(b)) => if *b { "True" } else { "False" }.to_string(),
            Some(Value::Null) => "None".to_string(),
            Some(other) => other.to_string(),
        };
        return Err(fail(format!(
            "Unsupported version '{shown}' for credential process provider, supported versions: 1"
        )));
    }
    let field = |name: &str| -> Result<String, AuthError> {
        parsed
            .get(name)
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| fail(format!("Missing required key in response: '{name}'")))
    };
    let mut c = Credentials::new(field("AccessKeyId")?, field("SecretAccessKey")?).with_token(
        parsed
            .get("SessionToken")
            .and_then(Value::as_str)
            .map(str::to_string),
    );
    if let Some(exp) = parsed.get("Expiration").and_then(Value::as_str) {
        let at = timefmt::parse_system_time(exp).ok_or_else(|| {
            fail(format!(
                "unreadable Expiration {}",
                crate::validate::shown(exp)
            ))
        })?;
        // The AWS CLI refuses credentials that are expired on arrival.
        if at <= std::time::SystemTime::now() {
            return Err(fail(
                "Credentials were refreshed, but the refreshed credentials are still expired."
                    .into(),
            ));
        }
        c.expiration = Some(at);
    }
    c.account_id = parsed
        .get("AccountId")
        .and_then(Value::as_str)
        .map(str::to_string);
    Ok(c)
}

/// How long a `credential_process` may run: long enough for a helper that opens a
/// browser for a sign-in, short enough that a stuck one does not hang a scan forever.
pub const PROCESS_TIMEOUT_ENV: &str = "KESTREL_CREDENTIAL_PROCESS_TIMEOUT";
const DEFAULT_PROCESS_TIMEOUT: Duration = Duration::from_secs(300);
/// The most a `credential_process` may print on stdout (a credentials document is a few
/// KB); stderr beyond its cap is read and dropped.
const MAX_PROCESS_STDOUT: u64 = 1024 * 1024;
const MAX_PROCESS_STDERR: u64 = 64 * 1024;

fn process_timeout() -> Duration {
    std::env::var(PROCESS_TIMEOUT_ENV)
        .ok()
        .and_then(|v| v.trim().parse::<f64>().ok())
        .and_then(|s| Duration::try_from_secs_f64(s).ok())
        .filter(|d| !d.is_zero())
        .unwrap_or(DEFAULT_PROCESS_TIMEOUT)
}

/// The child's exit status, its stdout (refused beyond the cap) and the head of its
/// stderr, read concurrently so that neither pipe can fill and block the child.
async fn bounded_output(
    child: &mut tokio::process::Child,
) -> std::io::Result<std::process::Output> {
    use tokio::io::AsyncReadExt;
    let mut stdout = child.stdout.take().expect("stdout is piped");
    let mut stderr = child.stderr.take().expect("stderr is piped");
    let read_out = async {
        let mut buf = Vec::new();
        (&mut stdout)
            .take(MAX_PROCESS_STDOUT + 1)
            .read_to_end(&mut buf)
            .await?;
        if buf.len() as u64 > MAX_PROCESS_STDOUT {
            return Err(std::io::Error::other(format!(
                "printed more than {} KB on stdout",
                MAX_PROCESS_STDOUT / 1024
            )));
        }
        Ok(buf)
    };
    let read_err = async {
        let mut buf = Vec::new();
        (&mut stderr)
            .take(MAX_PROCESS_STDERR)
            .read_to_end(&mut buf)
            .await?;
        // Drain the rest so the child never blocks on a full pipe.
        tokio::io::copy(&mut stderr, &mut tokio::io::sink()).await?;
        Ok::<_, std::io::Error>(buf)
    };
    let (out, err) = tokio::try_join!(read_out, read_err)?;
    let status = child.wait().await?;
    Ok(std::process::Output {
        status,
        stdout: out,
        stderr: err,
    })
}

/// A process's stderr for an error message: its text, at most 20 lines and 2,000
/// characters.
fn capped_text(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim();
    let mut out: String = text.lines().take(20).collect::<Vec<_>>().join("\n");
    if out.chars().count() > 2000 {
        out = out.chars().take(2000).collect();
    }
    if out.len() < text.len() {
        out.push_str(" […]");
    }
    out
}

/// Reads a web identity token file.
pub fn web_identity_token(path: &str) -> Result<Secret, AuthError> {
    std::fs::read_to_string(path)
        .map(|t| Secret::new(t.trim().to_string()))
        .map_err(|e| AuthError::Retrieval {
            provider: "assume-role-with-web-identity".into(),
            message: format!("cannot read the web identity token file {path}: {e}"),
        })
}

/// IAM Identity Center: the access token cached by `aws sso login` in
/// `~/.aws/sso/cache/<sha1 of the sso_session name, or of the start URL>.json`, then
/// GetRoleCredentials (endpoint: `AWS_ENDPOINT_URL_SSO`, `AWS_ENDPOINT_URL`).
pub async fn sso(
    cfg: &SsoConfig,
    env: &Env,
    endpoint_url: Option<String>,
    oidc_endpoint_url: Option<String>,
) -> Result<Credentials, AuthError> {
    let fail = |message: String| AuthError::Retrieval {
        provider: "sso".into(),
        message,
    };
    let cache_key = cfg.session.as_deref().unwrap_or(&cfg.start_url);
    let hash = crate::cache::hex(&Sha1::digest(cache_key.as_bytes()));
    let path = std::path::Path::new(env.home().unwrap_or("."))
        .join(".aws/sso/cache")
        .join(format!("{hash}.json"));
    let expired = || {
        AuthError::InvalidConfig(
            "The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.".into(),
        )
    };
    let text = std::fs::read(&path).map_err(|_| {
        AuthError::InvalidConfig(format!(
            "Error loading SSO Token: Token for {cache_key} does not exist"
        ))
    })?;
    let doc: Value = serde_json::from_slice(&text).map_err(|e| {
        fail(format!(
            "unreadable SSO token cache {}: {e}",
            path.display()
        ))
    })?;
    let mut token = doc
        .get("accessToken")
        .and_then(Value::as_str)
        .ok_or_else(expired)?
        .to_string();
    let mut expires = doc
        .get("expiresAt")
        .and_then(Value::as_str)
        .and_then(timefmt::parse_system_time)
        .ok_or_else(expired)?;
    // botocore refreshes the token of an sso-session profile (never a legacy one)
    // within 15 minutes of its expiry, and keeps the cached one when it cannot.
    let near = expires
        .duration_since(SystemTime::now())
        .map(|left| left < SSO_REFRESH_WINDOW)
        .unwrap_or(true);
    if cfg.session.is_some() && near {
        match refresh_sso_token(cfg, &doc, oidc_endpoint_url.as_deref()).await {
            Ok(Some(fresh)) => {
                if let Err(e) = crate::cache::write_private_file(&path, fresh.text.as_bytes()) {
                    tracing::warn!(
                        "the SSO token was refreshed but could not be saved to {}: {e}",
                        path.display()
                    );
                }
                token = fresh.access_token;
                expires = fresh.expires;
            }
            Ok(None) => {}
            Err(why) if expires > SystemTime::now() => tracing::warn!(
                "refreshing the SSO token of sso-session {cache_key} failed ({why}); using the cached token until it expires"
            ),
            Err(why) => tracing::warn!(
                "refreshing the SSO token of sso-session {cache_key} failed: {why}"
            ),
        }
    }
    if expires <= SystemTime::now() {
        return Err(match &cfg.session {
            // botocore's words for an sso-session profile, with the way out.
            Some(_) => AuthError::InvalidConfig(format!(
                "Error when retrieving token from sso: Token has expired and refresh failed. To sign in again run aws sso login --profile {}",
                cfg.profile
            )),
            None => expired(),
        });
    }
    let token = token.as_str();
    let mut b = aws_sdk_sso::Config::builder()
        .behavior_version(aws_sdk_sso::config::BehaviorVersion::latest())
        .http_client(crate::net::http_client())
        .timeout_config(crate::net::timeouts())
        .region(aws_sdk_sso::config::Region::new(cfg.region.clone()));
    if let Some(url) = &endpoint_url {
        b = b.endpoint_url(url);
    }
    let client = aws_sdk_sso::Client::from_conf(b.build());
    let out = client
        .get_role_credentials()
        .account_id(&cfg.account_id)
        .role_name(&cfg.role_name)
        .access_token(token)
        .send()
        .await
        .map_err(|e| {
            let settings = crate::sts::ClientSettings {
                region: cfg.region.clone(),
                endpoint_url: endpoint_url.clone(),
            };
            crate::sts::map_error("GetRoleCredentials", &settings, e)
        })?;
    let rc = out
        .role_credentials()
        .ok_or_else(|| fail("GetRoleCredentials returned no credentials".into()))?;
    let mut c = Credentials::new(
        rc.access_key_id().unwrap_or_default(),
        rc.secret_access_key().unwrap_or_default(),
    )
    .with_token(rc.session_token().map(str::to_string));
    c.expiration =
        Some(SystemTime::UNIX_EPOCH + Duration::from_millis(rc.expiration().max(0) as u64));
    c.account_id = Some(cfg.account_id.clone());
    Ok(c)
}

/// `aws login` (a profile with `login_session`): the credentials the AWS CLI cached in
/// `~/.aws/login/cache/<sha256 of the session name>.json` (`AWS_LOGIN_CACHE_DIRECTORY`
/// moves it), in botocore's format: `accessToken` holds `accessKeyId`,
/// `secretAccessKey`, `sessionToken`, `accountId`, `expiresAt`; `refreshToken`,
/// `dpopKey` and `clientId` are required beside it. kestrel does not refresh the
/// session itself (botocore signs the refresh with the cached DPoP key): once the
/// cached credentials have expired, any AWS CLI command with the profile renews them.
pub fn login(profile: &str, session: &str, env: &Env) -> Result<Credentials, AuthError> {
    use sha2::Digest as _;
    let fail = |message: String| AuthError::Retrieval {
        provider: "login".into(),
        message: format!("Error loading login session token: {message}"),
    };
    let dir = match env.get("AWS_LOGIN_CACHE_DIRECTORY") {
        Some(d) => crate::files::expand_path(d, env),
        None => std::path::Path::new(env.home().unwrap_or(".")).join(".aws/login/cache"),
    };
    let hash = crate::cache::hex(&sha2::Sha256::digest(session.as_bytes()));
    let path = dir.join(format!("{hash}.json"));
    let missing = || {
        fail(format!(
            "Unable to load a existing login session for session {session}. Please reauthenticate with 'aws login'."
        ))
    };
    let text = match std::fs::read(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Err(missing()),
        Err(e) => return Err(fail(format!("cannot read {}: {e}", path.display()))),
    };
    // Never echo the file: it holds keys and a private key.
    let doc: Value = serde_json::from_slice(&text).map_err(|e| {
        fail(format!(
            "{} is not a JSON document (line {}, column {})",
            path.display(),
            e.line(),
            e.column()
        ))
    })?;
    let absent: Vec<&str> = ["accessToken", "refreshToken", "dpopKey", "clientId"]
        .into_iter()
        .filter(|k| doc.get(*k).is_none())
        .collect();
    if !absent.is_empty() {
        return Err(fail(format!(
            "Failed to load access token from token cache, missing required fields: {}.",
            absent.join(", ")
        )));
    }
    let token = &doc["accessToken"];
    let field = |k: &str| {
        token
            .get(k)
            .and_then(Value::as_str)
            .filter(|v| !v.is_empty())
            .ok_or_else(|| fail(format!("the cached accessToken has no {k}")))
    };
    let expires_text = field("expiresAt")?;
    let expires = timefmt::parse_system_time(expires_text).ok_or_else(|| {
        fail(format!(
            "the cached accessToken's expiresAt is not a time: {}",
            crate::validate::shown(expires_text)
        ))
    })?;
    if expires <= SystemTime::now() {
        return Err(AuthError::InvalidConfig(format!(
            "The aws login session {session} expired at {expires_text}, and kestrel cannot renew it: run any AWS CLI command with --profile {profile} (it renews the session), or aws login --profile {profile}"
        )));
    }
    let mut c = Credentials::new(field("accessKeyId")?, field("secretAccessKey")?)
        .with_token(Some(field("sessionToken")?.to_string()));
    c.expiration = Some(expires);
    c.account_id = token
        .get("accountId")
        .and_then(Value::as_str)
        .map(str::to_string);
    Ok(c)
}

/// botocore's window: an sso-session token with less than this left is refreshed.
const SSO_REFRESH_WINDOW: Duration = Duration::from_secs(15 * 60);

/// A token obtained from sso-oidc CreateToken, and the cache text to write back.
struct FreshSsoToken {
    access_token: String,
    expires: SystemTime,
    text: String,
}

/// sso-oidc `CreateToken` with the cached refresh token, as botocore's
/// `SSOTokenProvider` does. `Ok(None)`: the cache holds no usable registration
/// (`refreshToken`, `clientId`, `clientSecret`, `registrationExpiresAt` missing, or the
/// registration expired), so there is nothing to try. The text written back has
/// botocore's keys, order and timestamp format, so the AWS CLI reads it as its own.
async fn refresh_sso_token(
    cfg: &SsoConfig,
    doc: &Value,
    endpoint_url: Option<&str>,
) -> Result<Option<FreshSsoToken>, String> {
    let field = |k: &str| doc.get(k).and_then(Value::as_str);
    let (Some(refresh), Some(client_id), Some(client_secret), Some(registration)) = (
        field("refreshToken"),
        field("clientId"),
        field("clientSecret"),
        field("registrationExpiresAt"),
    ) else {
        tracing::info!("the cached SSO token has no refresh token or client registration");
        return Ok(None);
    };
    match timefmt::parse_system_time(registration) {
        Some(at) if at > SystemTime::now() => {}
        _ => {
            tracing::info!("the SSO client registration expired at {registration}");
            return Ok(None);
        }
    }
    let mut b = aws_sdk_ssooidc::Config::builder()
        .behavior_version(aws_sdk_ssooidc::config::BehaviorVersion::latest())
        .http_client(crate::net::http_client())
        .timeout_config(crate::net::timeouts())
        .region(aws_sdk_ssooidc::config::Region::new(cfg.region.clone()));
    if let Some(url) = endpoint_url {
        b = b.endpoint_url(url);
    }
    let client = aws_sdk_ssooidc::Client::from_conf(b.build());
    let started = SystemTime::now();
    let out = client
        .create_token()
        .grant_type("refresh_token")
        .client_id(client_id)
        .client_secret(client_secret)
        .refresh_token(refresh)
        .send()
        .await
        .map_err(|e| {
            let settings = crate::sts::ClientSettings {
                region: cfg.region.clone(),
                endpoint_url: endpoint_url.map(str::to_string),
            };
            crate::sts::map_error("CreateToken", &settings, e).to_string()
        })?;
    let access_token = out
        .access_token()
        .filter(|t| !t.is_empty())
        .ok_or("CreateToken returned no access token")?
        .to_string();
    let expires_in = u64::try_from(out.expires_in())
        .ok()
        .filter(|s| *s > 0)
        .ok_or("CreateToken returned no lifetime")?;
    let expires_epoch =
        timefmt::epoch(started).saturating_add(expires_in.min(i64::MAX as u64) as i64);
    let expires = SystemTime::UNIX_EPOCH + Duration::from_secs(expires_epoch.max(0) as u64);
    let expires_text = timefmt::rfc3339(expires_epoch);
    let mut fields = vec![
        ("startUrl", cfg.start_url.as_str()),
        ("region", cfg.region.as_str()),
        ("accessToken", access_token.as_str()),
        ("expiresAt", expires_text.as_str()),
        ("clientId", client_id),
        ("clientSecret", client_secret),
        ("registrationExpiresAt", registration),
    ];
    if let Some(r) = out.refresh_token() {
        fields.push(("refreshToken", r));
    }
    let text = format!(
        "{{{}}}",
        fields
            .iter()
            .map(|(k, v)| format!(
                "{}: {}",
                crate::pyjson::dumps(&Value::from(*k)),
                crate::pyjson::dumps(&Value::from(*v))
            ))
            .collect::<Vec<_>>()
            .join(", ")
    );
    Ok(Some(FreshSsoToken {
        access_token,
        expires,
        text,
    }))
}

/// The ECS/EKS container endpoint, through aws-config's provider, which reads
/// `AWS_CONTAINER_CREDENTIALS_RELATIVE_URI` (host 169.254.170.2) or
/// `AWS_CONTAINER_CREDENTIALS_FULL_URI` (https, or http to a loopback address,
/// 169.254.170.2/.23, fd00:ec2::23), with `Authorization` from
/// `AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE` or `AWS_CONTAINER_AUTHORIZATION_TOKEN`.
/// None when neither URI variable is set.
pub async fn container(env: &Env) -> Result<Option<Credentials>, AuthError> {
    use aws_credential_types::provider::{error::CredentialsError, ProvideCredentials};
    if env.get("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI").is_none()
        && env.get("AWS_CONTAINER_CREDENTIALS_FULL_URI").is_none()
    {
        return Ok(None);
    }
    let provider = aws_config::ecs::EcsCredentialsProvider::builder().build();
    match provider.provide_credentials().await {
        Ok(c) => {
            let mut out = Credentials::new(c.access_key_id(), c.secret_access_key())
                .with_token(c.session_token().map(str::to_string));
            out.expiration = c.expiry();
            Ok(Some(out))
        }
        Err(CredentialsError::CredentialsNotLoaded(_)) => Ok(None),
        Err(e) => Err(AuthError::Retrieval {
            provider: "container-role".into(),
            message: aws_smithy_types::error::display::DisplayErrorContext(&e).to_string(),
        }),
    }
}

/// EC2 instance metadata: IMDSv2 (token), falling back to IMDSv1 when the token request
/// is refused (403/404/405) or times out, unless `AWS_EC2_METADATA_V1_DISABLED` /
/// `ec2_metadata_v1_disabled`. Endpoint from `AWS_EC2_METADATA_SERVICE_ENDPOINT` /
/// `ec2_metadata_service_endpoint` (default `http://169.254.169.254/`, or
/// `http://[fd00:ec2::254]/` in IPv6 mode), timeout `AWS_METADATA_SERVICE_TIMEOUT`
/// (1 s), attempts `AWS_METADATA_SERVICE_NUM_ATTEMPTS` (1). `AWS_EC2_METADATA_DISABLED=true`
/// turns it off. Like botocore, a failure yields no credentials (`Ok(None)`), with the
/// reason for `--explain`.
pub async fn instance_metadata(
    env: &Env,
    files: &SharedFiles,
    profile: &str,
) -> Result<(Option<Credentials>, Option<String>), AuthError> {
    if env.flag("AWS_EC2_METADATA_DISABLED") {
        return Ok((None, Some("AWS_EC2_METADATA_DISABLED is set".into())));
    }
    let setting = |env_name: &str, key: &str| {
        env.non_empty(env_name)
            .map(str::to_string)
            .or_else(|| files.get(profile, key).map(str::to_string))
    };
    let endpoint = setting(
        "AWS_EC2_METADATA_SERVICE_ENDPOINT",
        "ec2_metadata_service_endpoint",
    )
    .unwrap_or_else(|| {
        let mode = setting(
            "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
            "ec2_metadata_service_endpoint_mode",
        );
        if mode.as_deref().map(|m| m.eq_ignore_ascii_case("ipv6")) == Some(true) {
            "http://[fd00:ec2::254]/".into()
        } else {
            "http://169.254.169.254/".into()
        }
    });
    let v1_disabled = setting("AWS_EC2_METADATA_V1_DISABLED", "ec2_metadata_v1_disabled")
        .map(|v| v.eq_ignore_ascii_case("true"))
        .unwrap_or(false);
    let timeout = setting("AWS_METADATA_SERVICE_TIMEOUT", "metadata_service_timeout")
        .and_then(|v| v.parse::<f64>().ok())
        .filter(|v| *v > 0.0)
        .and_then(|v| Duration::try_from_secs_f64(v).ok())
        .unwrap_or(Duration::from_secs(1));
    let attempts = setting(
        "AWS_METADATA_SERVICE_NUM_ATTEMPTS",
        "metadata_service_num_attempts",
    )
    .and_then(|v| v.parse::<u32>().ok())
    .filter(|v| *v > 0)
    .unwrap_or(1);
    let imds = Imds {
        base: endpoint.trim_end_matches('/').to_string(),
        agent: ureq::AgentBuilder::new().timeout(timeout).build(),
        attempts,
        v1_disabled,
    };
    tokio::task::spawn_blocking(move || imds.fetch())
        .await
        .map_err(|e| AuthError::Other(format!("instance metadata task failed: {e}")))?
}

struct Imds {
    base: String,
    agent: ureq::Agent,
    attempts: u32,
    v1_disabled: bool,
}

impl Imds {
    fn fetch(&self) -> Result<(Option<Credentials>, Option<String>), AuthError> {
        let token = match self.token() {
            Ok(t) => t,
            Err(why) => return Ok((None, Some(why))),
        };
        if token.is_none() && self.v1_disabled {
            return Ok((
                None,
                Some("IMDSv2 token request failed and IMDSv1 is disabled".into()),
            ));
        }
        let path = "/latest/meta-data/iam/security-credentials/";
        let role = match self.get(path, token.as_ref()) {
            Ok(body) => body.lines().next().unwrap_or_default().trim().to_string(),
            Err(why) => return Ok((None, Some(why))),
        };
        if role.is_empty() {
            return Ok((None, Some("the instance has no IAM role".into())));
        }
        let body = match self.get(&format!("{path}{role}"), token.as_ref()) {
            Ok(b) => b,
            Err(why) => return Ok((None, Some(why))),
        };
        let doc: Value = match serde_json::from_str(&body) {
            Ok(v) => v,
            Err(_) => {
                return Ok((
                    None,
                    Some("instance metadata returned unreadable credentials".into()),
                ))
            }
        };
        let s = |k: &str| doc.get(k).and_then(Value::as_str).map(str::to_string);
        let (Some(key), Some(secret)) = (s("AccessKeyId"), s("SecretAccessKey")) else {
            return Ok((
                None,
                Some("instance metadata credentials are incomplete".into()),
            ));
        };
        let mut c = Credentials::new(key, secret).with_token(s("Token"));
        c.expiration = s("Expiration")
            .as_deref()
            .and_then(timefmt::parse_system_time);
        c.account_id = s("AccountId");
        Ok((Some(c), Some(format!("instance role {role}"))))
    }

    /// Ok(Some(token)) for v2, Ok(None) to fall back to v1, Err when unreachable.
    fn token(&self) -> Result<Option<Secret>, String> {
        let url = format!("{}/latest/api/token", self.base);
        let mut last = String::new();
        for _ in 0..self.attempts {
            match self
                .agent
                .put(&url)
                .set("x-aws-ec2-metadata-token-ttl-seconds", "21600")
                .call()
            {
                Ok(resp) => {
                    return Ok(Some(Secret::new(
                        resp.into_string().map_err(|e| e.to_string())?,
                    )))
                }
                // 403/404/405: no IMDSv2 here, use v1.
                Err(ureq::Error::Status(403..=405, _)) => return Ok(None),
                Err(ureq::Error::Status(400, _)) => {
                    return Err(
                        "the instance metadata service rejected the token request (400)".into(),
                    )
                }
                Err(ureq::Error::Status(code, _)) => last = format!("HTTP {code}"),
                Err(ureq::Error::Transport(t)) => {
                    if matches!(t.kind(), ureq::ErrorKind::Io)
                        && t.to_string().contains("timed out")
                    {
                        return Ok(None);
                    }
                    last = t.to_string();
                }
            }
        }
        Err(format!(
            "instance metadata service unreachable at {}: {last}",
            self.base
        ))
    }

    fn get(&self, path: &str, token: Option<&Secret>) -> Result<String, String> {
        let url = format!("{}{path}", self.base);
        let mut last = String::new();
        for _ in 0..self.attempts {
            let mut req = self.agent.get(&url);
            if let Some(t) = token {
                req = req.set("x-aws-ec2-metadata-token", t.expose());
            }
            match req.call() {
                Ok(resp) => return resp.into_string().map_err(|e| e.to_string()),
                Err(ureq::Error::Status(code, _)) => last = format!("HTTP {code} from {path}"),
                Err(ureq::Error::Transport(t)) => last = t.to_string(),
            }
        }
        Err(format!("instance metadata request failed: {last}"))
    }
}

/// Turns a web identity response into a cache entry (account id from the ARN).
pub fn with_account(mut role: CachedRole) -> CachedRole {
    if role.credentials.account_id.is_none() {
        role.credentials.account_id = role.assumed_role_arn.as_deref().and_then(account_from_arn);
    }
    role
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_credentials_prefer_security_token() {
        let env = Env::from_pairs([
            ("AWS_ACCESS_KEY_ID", "AK"),
            ("AWS_SECRET_ACCESS_KEY", "S"),
            ("AWS_SECURITY_TOKEN", "old"),
            ("AWS_SESSION_TOKEN", "new"),
        ]);
        let c = environment(&env).unwrap().unwrap();
        assert_eq!(c.session_token.unwrap().expose(), "old");
        assert!(environment(&Env::default()).unwrap().is_none());
    }

    fn script(body: &str) -> (tempfile::TempDir, String) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("creds.sh");
        std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        // Run through sh rather than exec'd: exec of a file just written races with
        // other test threads' forks holding it open ("Text file busy").
        let cmd = format!("/bin/sh {}", path.display());
        (dir, cmd)
    }

    #[tokio::test]
    async fn credential_process_success_and_failures() {
        let (_d, ok) = script(
            r#"echo '{"Version": 1, "AccessKeyId": "AKP", "SecretAccessKey": "SP", "SessionToken": "TP", "Expiration": "2999-01-01T00:00:00Z"}'"#,
        );
        let c = process(&ok).await.unwrap();
        assert_eq!(c.access_key_id, "AKP");
        assert!(c.expiration.is_some());

        let (_d, fails) = script("echo 'token expired' >&2; exit 3");
        let err = process(&fails).await.unwrap_err().to_string();
        assert_eq!(
            err,
            "Error when retrieving credentials from custom-process: token expired"
        );

        let (_d, garbage) = script("echo 'SECRET-GARBAGE-OUTPUT'");
        let err = process(&garbage).await.unwrap_err().to_string();
        assert!(err.contains("did not print a JSON document"), "{err}");
        assert!(
            !err.contains("SECRET-GARBAGE-OUTPUT"),
            "output must not be echoed: {err}"
        );

        let (_d, v2) =
            script(r#"echo '{"Version": 2, "AccessKeyId": "a", "SecretAccessKey": "b"}'"#);
        let err = process(&v2).await.unwrap_err().to_string();
        assert!(
            err.ends_with(
                "Unsupported version '2' for credential process provider, supported versions: 1"
            ),
            "{err}"
        );

        let (_d, missing) = script(r#"echo '{"Version": 1, "AccessKeyId": "a"}'"#);
        let err = process(&missing).await.unwrap_err().to_string();
        assert!(
            err.ends_with("Missing required key in response: 'SecretAccessKey'"),
            "{err}"
        );

        let err = process("/nonexistent/helper --flag")
            .await
            .unwrap_err()
            .to_string();
        assert!(err.contains("cannot run"), "{err}");
    }

    #[tokio::test]
    async fn credential_process_is_bounded_in_time_size_and_freshness() {
        let (_d, stuck) = script("sleep 30");
        let started = std::time::Instant::now();
        let err = process_within(&stuck, Duration::from_millis(300))
            .await
            .unwrap_err()
            .to_string();
        assert!(started.elapsed() < Duration::from_secs(10), "{err}");
        assert!(err.contains("did not finish within 0.3 s"), "{err}");
        assert!(err.contains(PROCESS_TIMEOUT_ENV), "{err}");

        let (_d, flood) = script("head -c 3000000 /dev/zero; echo '{}'");
        let err = process(&flood).await.unwrap_err().to_string();
        assert!(err.contains("printed more than 1024 KB on stdout"), "{err}");

        // A chatty stderr larger than any pipe buffer neither blocks the child nor
        // floods the message.
        let (_d, chatty) = script(
            "i=0; while [ $i -lt 5000 ]; do echo 'line of noise on stderr'; i=$((i+1)); done >&2; exit 1",
        );
        let err = process_within(&chatty, Duration::from_secs(20))
            .await
            .unwrap_err()
            .to_string();
        assert!(err.len() < 2200, "{} bytes", err.len());
        assert!(err.ends_with("[…]"), "{err}");

        let (_d, expired) = script(
            r#"echo '{"Version": 1, "AccessKeyId": "a", "SecretAccessKey": "b", "Expiration": "2001-01-01T00:00:00Z"}'"#,
        );
        let err = process(&expired).await.unwrap_err().to_string();
        assert!(
            err.ends_with(
                "Credentials were refreshed, but the refreshed credentials are still expired."
            ),
            "{err}"
        );

        let (_d, bad_time) = script(
            r#"echo '{"Version": 1, "AccessKeyId": "a", "SecretAccessKey": "b", "Expiration": "soon"}'"#,
        );
        let err = process(&bad_time).await.unwrap_err().to_string();
        assert!(err.contains("unreadable Expiration \"soon\""), "{err}");
    }

    #[tokio::test]
    async fn process_words_are_split_without_a_shell() {
        let (_d, cmd) =
            script(r#"printf '{"Version": 1, "AccessKeyId": "%s", "SecretAccessKey": "x"}' "$1""#);
        let c = process(&format!("{cmd} 'two words'")).await.unwrap();
        assert_eq!(c.access_key_id, "two words");
    }
}
