//! The STS calls kestrel makes (AssumeRole, AssumeRoleWithWebIdentity, GetSessionToken,
//! GetCallerIdentity) through aws-sdk-sts, and the translation of their errors into
//! the AWS CLI's wording.

use std::time::SystemTime;

use aws_sdk_sts::config::{BehaviorVersion, Region};
use aws_sdk_sts::error::{ProvideErrorMetadata, SdkError};

use crate::cache::{account_from_arn, CachedRole};
use crate::credentials::{Credentials, Secret};
use crate::error::AuthError;

/// Where STS is: the region to sign for and an endpoint override (moto, VPC endpoints).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientSettings {
    pub region: String,
    pub endpoint_url: Option<String>,
}

impl ClientSettings {
    pub fn endpoint_for_messages(&self) -> String {
        self.endpoint_url
            .clone()
            .unwrap_or_else(|| format!("https://sts.{}.amazonaws.com/", self.region))
    }
}

pub fn client(settings: &ClientSettings, creds: Option<&Credentials>) -> aws_sdk_sts::Client {
    let mut b = aws_sdk_sts::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .http_client(crate::net::http_client())
        .timeout_config(crate::net::timeouts())
        .region(Region::new(settings.region.clone()));
    if let Some(c) = creds {
        b = b.credentials_provider(c.to_sdk("kestrel"));
    }
    if let Some(url) = &settings.endpoint_url {
        b = b.endpoint_url(url);
    }
    aws_sdk_sts::Client::from_conf(b.build())
}

/// The arguments of one AssumeRole call.
#[derive(Debug, Clone)]
pub struct AssumeRoleArgs {
    pub role_arn: String,
    pub session_name: String,
    pub external_id: Option<String>,
    pub duration_seconds: Option<i64>,
    pub serial_number: Option<String>,
    pub token_code: Option<Secret>,
}

pub async fn assume_role(
    settings: &ClientSettings,
    source: &Credentials,
    args: &AssumeRoleArgs,
) -> Result<CachedRole, AuthError> {
    let c = client(settings, Some(source));
    let out = c
        .assume_role()
        .role_arn(&args.role_arn)
        .role_session_name(&args.session_name)
        .set_external_id(args.external_id.clone())
        .set_duration_seconds(args.duration_seconds.map(|d| d as i32))
        .set_serial_number(args.serial_number.clone())
        .set_token_code(args.token_code.as_ref().map(|t| t.expose().to_string()))
        .send()
        .await
        .map_err(|e| map_error("AssumeRole", settings, e))?;
    let user = out.assumed_role_user();
    role_from_sdk(
        out.credentials(),
        user.map(|u| u.arn().to_string()),
        user.map(|u| u.assumed_role_id().to_string()),
    )
}

pub async fn assume_role_with_web_identity(
    settings: &ClientSettings,
    role_arn: &str,
    session_name: &str,
    token: &Secret,
) -> Result<CachedRole, AuthError> {
    let c = client(settings, None);
    let out = c
        .assume_role_with_web_identity()
        .role_arn(role_arn)
        .role_session_name(session_name)
        .web_identity_token(token.expose())
        .send()
        .await
        .map_err(|e| map_error("AssumeRoleWithWebIdentity", settings, e))?;
    let user = out.assumed_role_user();
    role_from_sdk(
        out.credentials(),
        user.map(|u| u.arn().to_string()),
        user.map(|u| u.assumed_role_id().to_string()),
    )
}

pub async fn get_session_token(
    settings: &ClientSettings,
    source: &Credentials,
    duration_seconds: Option<i64>,
    serial_number: &str,
    token_code: &Secret,
) -> Result<CachedRole, AuthError> {
    let c = client(settings, Some(source));
    let out = c
        .get_session_token()
        .set_duration_seconds(duration_seconds.map(|d| d as i32))
        .serial_number(serial_number)
        .token_code(token_code.expose())
        .send()
        .await
        .map_err(|e| map_error("GetSessionToken", settings, e))?;
    role_from_sdk(out.credentials(), None, None)
}

/// What `aws sts get-caller-identity` prints.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct CallerIdentity {
    #[serde(rename = "UserId")]
    pub user_id: String,
    #[serde(rename = "Account")]
    pub account: String,
    #[serde(rename = "Arn")]
    pub arn: String,
}

pub async fn get_caller_identity(
    settings: &ClientSettings,
    creds: &Credentials,
) -> Result<CallerIdentity, AuthError> {
    let c = client(settings, Some(creds));
    let out = c
        .get_caller_identity()
        .send()
        .await
        .map_err(|e| map_error("GetCallerIdentity", settings, e))?;
    let account = out.account().unwrap_or_default().to_string();
    if !crate::validate::is_account_id(&account) {
        // It names report files and reaches ARNs: never trust an endpoint's word for it.
        return Err(AuthError::Other(format!(
            "GetCallerIdentity at {} returned the account id {}, which is not 12 digits",
            settings.endpoint_for_messages(),
            crate::validate::shown(&account)
        )));
    }
    Ok(CallerIdentity {
        user_id: out.user_id().unwrap_or_default().to_string(),
        account,
        arn: out.arn().unwrap_or_default().to_string(),
    })
}

fn role_from_sdk(
    creds: Option<&aws_sdk_sts::types::Credentials>,
    arn: Option<String>,
    role_id: Option<String>,
) -> Result<CachedRole, AuthError> {
    let c = creds.ok_or_else(|| AuthError::Other("STS returned no credentials".into()))?;
    let expiration = SystemTime::try_from(*c.expiration()).ok();
    Ok(CachedRole {
        credentials: Credentials {
            access_key_id: c.access_key_id().to_string(),
            secret_access_key: Secret::new(c.secret_access_key()),
            session_token: Some(Secret::new(c.session_token())),
            expiration,
            account_id: arn.as_deref().and_then(account_from_arn),
        },
        assumed_role_arn: arn,
        assumed_role_id: role_id,
    })
}

/// An SDK error as the AWS CLI would word it.
/// What a timed-out request says: which limits applied and how to change them.
fn timed_out() -> String {
    let n = crate::net::network();
    format!(
        " (timed out: no connection within {} s or no answer within {} s; see --aws-connect-timeout and --aws-read-timeout)",
        n.connect_timeout.as_secs(),
        n.read_timeout.as_secs()
    )
}

pub fn map_error<E, R>(operation: &str, settings: &ClientSettings, err: SdkError<E, R>) -> AuthError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug,
{
    match &err {
        SdkError::ServiceError(se) => {
            let e = se.err();
            AuthError::Service {
                operation: operation.to_string(),
                code: e.code().unwrap_or("Unknown").to_string(),
                message: e.message().unwrap_or_default().to_string(),
            }
        }
        SdkError::DispatchFailure(d) => AuthError::Connect {
            endpoint: settings.endpoint_for_messages(),
            detail: if d.is_timeout() {
                timed_out()
            } else {
                let chain = aws_smithy_types::error::display::DisplayErrorContext(&err).to_string();
                if chain.contains("certificate") {
                    // botocore's "SSL validation failed", with the way out.
                    " (TLS: the endpoint's certificate is not trusted; behind an inspecting proxy, point AWS_CA_BUNDLE or the profile's ca_bundle at its CA)".into()
                } else {
                    String::new()
                }
            },
        },
        SdkError::TimeoutError(_) => AuthError::Connect {
            endpoint: settings.endpoint_for_messages(),
            detail: timed_out(),
        },
        _ => {
            let code = err.code().map(str::to_string);
            let message = err.message().map(str::to_string);
            match code {
                Some(code) => AuthError::Service {
                    operation: operation.to_string(),
                    code,
                    message: message.unwrap_or_default(),
                },
                None => AuthError::Other(format!(
                    "{operation} failed: {}",
                    aws_smithy_types::error::display::DisplayErrorContext(&err)
                )),
            }
        }
    }
}
