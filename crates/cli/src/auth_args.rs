//! The authentication flags shared by every command that talks to AWS (Prowler's names).

use std::sync::Arc;
use std::time::Duration;

use clap::Args;
use kestrel_auth::mfa::TerminalPrompter;
use kestrel_auth::{AuthError, Env, ResolveOptions, Resolver, RoleOptions};

#[derive(Debug, Clone, Args, Default)]
pub struct AuthArgs {
    /// AWS profile to use (as the AWS CLI's --profile).
    #[arg(short = 'p', long = "profile", value_name = "PROFILE")]
    pub profile: Option<String>,

    /// ARN of the role to assume with the profile's credentials.
    #[arg(short = 'R', long = "role", value_name = "ARN")]
    pub role: Option<String>,

    /// Session duration of the assumed role, 900..43200 seconds [default: 3600].
    #[arg(
        short = 'T',
        long = "session-duration",
        value_name = "SECONDS",
        allow_negative_numbers = true
    )]
    pub session_duration: Option<i64>,

    /// External ID to pass when assuming the role.
    #[arg(short = 'I', long = "external-id", value_name = "ID")]
    pub external_id: Option<String>,

    /// Session name of the assumed role [default: KestrelAssessmentSession].
    #[arg(long = "role-session-name", value_name = "NAME")]
    pub role_session_name: Option<String>,

    /// The role requires MFA: ask for the MFA device ARN and a code (once; the session
    /// is reused from the cache until it expires).
    #[arg(long = "mfa")]
    pub mfa: bool,

    /// Neither read nor write the credential cache (~/.aws/cli/cache).
    #[arg(long = "no-cache")]
    pub no_cache: bool,

    /// Seconds to wait for a connection to an AWS endpoint [default: 10].
    #[arg(long = "aws-connect-timeout", value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub connect_timeout: Option<u64>,

    /// Seconds to wait for an AWS endpoint's answer [default: 60].
    #[arg(long = "aws-read-timeout", value_name = "SECONDS", value_parser = clap::value_parser!(u64).range(1..=3600))]
    pub read_timeout: Option<u64>,
}

impl AuthArgs {
    /// Sets the run's timeouts and CA bundle (`AWS_CA_BUNDLE`, else the profile's
    /// `ca_bundle`) before the resolver makes its first request.
    fn with_network(&self, resolver: Resolver) -> Result<Resolver, AuthError> {
        let ca_bundle = resolver
            .env()
            .non_empty("AWS_CA_BUNDLE")
            .map(str::to_string)
            .or_else(|| {
                resolver
                    .files()
                    .get(resolver.profile(), "ca_bundle")
                    .map(str::to_string)
            })
            .filter(|s| !s.is_empty())
            .map(std::path::PathBuf::from);
        kestrel_auth::net::configure(kestrel_auth::net::Network {
            connect_timeout: Duration::from_secs(
                self.connect_timeout
                    .unwrap_or(kestrel_auth::net::DEFAULT_CONNECT_TIMEOUT),
            ),
            read_timeout: Duration::from_secs(
                self.read_timeout
                    .unwrap_or(kestrel_auth::net::DEFAULT_READ_TIMEOUT),
            ),
            ca_bundle,
        })?;
        Ok(resolver)
    }

    /// Checks the flags (usage errors) and builds the resolver (configuration errors).
    pub fn resolver(&self) -> Result<Resolver, AuthError> {
        ResolveOptions::validate(
            self.role.as_deref(),
            self.external_id.as_deref(),
            self.session_duration,
            self.role_session_name.as_deref(),
        )?;
        if self.mfa && self.role.is_none() {
            return Err(AuthError::Usage(
                "--mfa needs -R/--role: the MFA code is passed when assuming that role (profiles with mfa_serial ask for their code by themselves)".into(),
            ));
        }
        let opts = ResolveOptions {
            profile: self.profile.clone(),
            role: self.role.as_ref().map(|arn| RoleOptions {
                role_arn: arn.clone(),
                external_id: self.external_id.clone(),
                session_name: self.role_session_name.clone(),
                duration_seconds: self.session_duration,
                mfa: self.mfa,
                mfa_serial: None,
                mfa_session: false,
            }),
            no_cache: self.no_cache,
            region: None,
        };
        self.with_network(Resolver::new(
            &opts,
            Env::real(),
            Arc::new(TerminalPrompter::default()),
        )?)
    }

    /// The resolver for one of many targets: the profile's credentials, then (with
    /// `--mfa`) one cached GetSessionToken session for the given device, then the
    /// target role with `-T/-I/--role-session-name`.
    pub fn resolver_for_target(
        &self,
        role_arn: &str,
        mfa_serial: Option<&str>,
    ) -> Result<Resolver, AuthError> {
        let opts = ResolveOptions {
            profile: self.profile.clone(),
            role: Some(RoleOptions {
                role_arn: role_arn.to_string(),
                external_id: self.external_id.clone(),
                session_name: self.role_session_name.clone(),
                duration_seconds: self.session_duration,
                mfa: mfa_serial.is_some(),
                mfa_serial: mfa_serial.map(str::to_string),
                mfa_session: true,
            }),
            no_cache: self.no_cache,
            region: None,
        };
        self.with_network(Resolver::new(
            &opts,
            Env::real(),
            Arc::new(TerminalPrompter::default()),
        )?)
    }

    /// The profile's own credentials (no `-R`), e.g. to list an organization.
    pub fn source_resolver(&self) -> Result<Resolver, AuthError> {
        let opts = ResolveOptions {
            profile: self.profile.clone(),
            role: None,
            no_cache: self.no_cache,
            region: None,
        };
        self.with_network(Resolver::new(
            &opts,
            Env::real(),
            Arc::new(TerminalPrompter::default()),
        )?)
    }
}
