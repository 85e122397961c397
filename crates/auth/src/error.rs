//! Every way credential resolution can fail, with the AWS CLI's own wording where the
//! AWS CLI has one (`../shared/reference/credentials.md`), so users can search for it.

use thiserror::Error;

#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum AuthError {
    #[error("The config profile ({0}) could not be found")]
    ProfileNotFound(String),

    #[error("Unable to parse config file: {path}")]
    ConfigParse { path: String, detail: String },

    #[error("Partial credentials found in {provider}, missing: {missing}")]
    PartialCredentials { provider: String, missing: String },

    #[error("Unable to locate credentials")]
    NoCredentials,

    #[error("The profile \"{0}\" contains both source_profile and credential_source.")]
    BothSources(String),

    #[error(
        "The credential source \"{source_name}\" referenced in profile \"{profile}\" is not valid."
    )]
    InvalidCredentialSource {
        source_name: String,
        profile: String,
    },

    #[error("The source_profile \"{source_profile}\" referenced in the profile \"{profile}\" does not exist.")]
    SourceProfileMissing {
        source_profile: String,
        profile: String,
    },

    #[error("The source profile \"{0}\" must have credentials.")]
    SourceProfileNoCredentials(String),

    #[error("Infinite loop in credential configuration detected. Attempting to load from profile {profile} which has already been visited. Visited profiles: {visited}")]
    InfiniteLoop { profile: String, visited: String },

    /// botocore's CredentialRetrievalError.
    #[error("Error when retrieving credentials from {provider}: {message}")]
    Retrieval { provider: String, message: String },

    /// botocore's InvalidConfigError and kestrel's own configuration checks.
    #[error("{0}")]
    InvalidConfig(String),

    /// A parameter outside what STS (or Prowler's CLI) accepts, caught before any call.
    #[error("{0}")]
    InvalidParameter(String),

    /// A command-line usage problem (exit code 2).
    #[error("{0}")]
    Usage(String),

    #[error("Cannot refresh credentials: MFA token required.")]
    MfaRefreshNeedsCode,

    #[error("{0}")]
    Mfa(String),

    /// An AWS API error, worded as the AWS CLI words it.
    #[error("An error occurred ({code}) when calling the {operation} operation: {message}")]
    Service {
        operation: String,
        code: String,
        message: String,
    },

    /// The endpoint could not be reached at all.
    #[error("Could not connect to the endpoint URL: \"{endpoint}\"{detail}")]
    Connect { endpoint: String, detail: String },

    #[error("{0}")]
    Other(String),
}

impl AuthError {
    /// Usage errors exit with 2, everything else with 1.
    pub fn is_usage(&self) -> bool {
        matches!(self, AuthError::Usage(_))
    }

    /// One more line that helps the user act on the error, printed after the message.
    pub fn hint(&self) -> Option<String> {
        match self {
            AuthError::ConfigParse { detail, .. } => Some(format!("({detail})")),
            AuthError::NoCredentials => Some(
                "hint: set AWS_PROFILE or pass -p/--profile, export AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run on a host with an instance or container role".into(),
            ),
            AuthError::ProfileNotFound(_) => {
                Some("hint: profiles are read from AWS_CONFIG_FILE (~/.aws/config) and AWS_SHARED_CREDENTIALS_FILE (~/.aws/credentials)".into())
            }
            AuthError::MfaRefreshNeedsCode => Some(
                "hint: the MFA session expired and no terminal is attached to ask for a new code; run again interactively or use a longer duration".into(),
            ),
            _ => None,
        }
    }
}

/// Why a role could not be assumed, in plain words, with the AWS error code beside it
/// (`kestrel preflight`).
pub fn explain_assume_failure(err: &AuthError) -> (String, String) {
    match err {
        AuthError::Service { code, message, .. } => {
            let m = message.to_lowercase();
            let sentence = match code.as_str() {
                "AccessDenied" if m.contains("multifactorauthentication") || m.contains("mfa") => {
                    "MFA is required: run with --mfa".to_string()
                }
                "AccessDenied" => "not allowed: the role's trust policy does not allow this caller, the external ID (-I) does not match, MFA is required (--mfa), or the role does not exist".to_string(),
                "ValidationError" if m.contains("role chaining") => {
                    "the requested -T exceeds the one-hour limit for role-chained sessions: use -T 3600 or less".to_string()
                }
                "ValidationError" if m.contains("maxsessionduration") => {
                    "the requested -T (DurationSeconds) is above the role's MaxSessionDuration: lower -T or raise the role's limit".to_string()
                }
                "ExpiredToken" | "ExpiredTokenException" | "RequestExpired" => {
                    "the source credentials have expired: refresh them (for SSO: aws sso login)".to_string()
                }
                "InvalidClientTokenId" | "SignatureDoesNotMatch" | "UnrecognizedClientException" => {
                    "the source credentials are invalid (wrong or deleted access key)".to_string()
                }
                "RegionDisabledException" => "STS is not activated in this region for the account".to_string(),
                _ => format!("STS refused: {message}"),
            };
            (sentence, code.clone())
        }
        AuthError::Connect { .. } => (err.to_string(), "ConnectionError".into()),
        AuthError::InvalidParameter(m) | AuthError::Usage(m) => {
            (m.clone(), "InvalidParameter".into())
        }
        other => (other.to_string(), "CredentialError".into()),
    }
}

/// Python's repr() of a list of strings, for the infinite-loop message.
pub(crate) fn py_list_repr(items: &[String]) -> String {
    let inner: Vec<String> = items
        .iter()
        .map(|s| {
            if s.contains('\'') && !s.contains('"') {
                format!("\"{s}\"")
            } else {
                format!("'{}'", s.replace('\\', "\\\\").replace('\'', "\\'"))
            }
        })
        .collect();
    format!("[{}]", inner.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn service(code: &str, message: &str) -> AuthError {
        AuthError::Service {
            operation: "AssumeRole".into(),
            code: code.into(),
            message: message.into(),
        }
    }

    #[test]
    fn assume_failures_in_plain_words() {
        let cases = [
            (service("AccessDenied", "User: x is not authorized to perform: sts:AssumeRole on resource: y"), "trust policy"),
            (service("AccessDenied", "MultiFactorAuthentication failed with invalid MFA one time pass code."), "MFA is required"),
            (service("ValidationError", "The requested DurationSeconds exceeds the MaxSessionDuration set for this role."), "MaxSessionDuration"),
            (service("ValidationError", "The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining."), "one-hour limit"),
            (service("ExpiredToken", "The security token included in the request is expired"), "expired"),
            (service("InvalidClientTokenId", "The security token included in the request is invalid."), "invalid"),
        ];
        for (err, words) in cases {
            let (sentence, code) = explain_assume_failure(&err);
            assert!(sentence.contains(words), "{sentence}");
            assert!(!code.is_empty());
        }
    }
}
