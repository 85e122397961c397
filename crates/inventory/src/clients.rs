//! SDK clients for any service and region, sharing one credentials provider
//! (which refreshes itself), the endpoint overrides of the resolved profile, and the
//! SDK's standard retry mode.

use std::sync::Arc;

use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use aws_smithy_runtime_api::client::behavior_version::BehaviorVersion;
use aws_types::region::Region;
use aws_types::sdk_config::{RetryConfig, SdkConfig};

/// `(AWS_ENDPOINT_URL_<ID> suffix, [services] key)` → endpoint override.
pub type EndpointLookup = Arc<dyn Fn(&str, &str) -> Option<String> + Send + Sync>;

#[derive(Clone)]
pub struct Clients {
    credentials: SharedCredentialsProvider,
    endpoints: EndpointLookup,
    max_attempts: u32,
    /// The provider to heal when AWS rejects its credentials before their time.
    healing: Option<kestrel_auth::RefreshingProvider>,
    /// One HTTPS client (TLS configuration, connection pools) for every service and
    /// region: the SDK would otherwise build one per client, and kestrel makes one per
    /// service, region and bucket.
    http: aws_smithy_runtime_api::client::http::SharedHttpClient,
}

/// An SDK client kestrel builds for one region. Each service's collector declares its
/// own with [`sdk_client!`](crate::sdk_client) (or by hand when its endpoint needs more
/// than a URL, as S3's does), so adding a service never edits this file.
pub trait SdkClient: Sized {
    fn build(clients: &Clients, region: &str) -> Self;
}

/// Declares how to build an SDK crate's client: shared credentials, HTTPS client,
/// timeouts and retries ([`Clients::sdk`]), plus the endpoint override of the profile
/// (`AWS_ENDPOINT_URL_<ID>` or the `[services]` section's key).
#[macro_export]
macro_rules! sdk_client {
    ($krate:ident, $env:literal, $key:literal) => {
        impl $crate::clients::SdkClient for $krate::Client {
            fn build(clients: &$crate::Clients, region: &str) -> Self {
                let mut b = $krate::config::Builder::from(&clients.sdk(region))
                    .retry_classifier($crate::clients::retry_on_status());
                if let Some(url) = clients.endpoint($env, $key) {
                    b = b.endpoint_url(url);
                }
                $krate::Client::from_conf(b.build())
            }
        }
    };
}

impl Clients {
    pub fn new(
        credentials: impl ProvideCredentials + 'static,
        endpoints: EndpointLookup,
        max_attempts: u32,
    ) -> Self {
        Clients {
            credentials: SharedCredentialsProvider::new(credentials),
            endpoints,
            max_attempts: max_attempts.max(1),
            healing: None,
            http: kestrel_auth::net::http_client(),
        }
    }

    /// The provider whose credentials are replaced when AWS rejects them (ExpiredToken,
    /// a revoked session): see [`Clients::credentials_rejected`].
    pub fn with_healing(mut self, provider: kestrel_auth::RefreshingProvider) -> Self {
        self.healing = Some(provider);
        self
    }

    /// Which credentials are current; read before a request.
    pub fn generation(&self) -> u64 {
        self.healing.as_ref().map(|p| p.generation()).unwrap_or(0)
    }

    /// AWS rejected the credentials current at `generation`: replace them (once, however
    /// many requests were rejected meanwhile). A failure is logged; the retried request
    /// then reports the error.
    pub async fn credentials_rejected(&self, generation: u64) {
        if let Some(p) = &self.healing {
            if let Err(e) = p.reject_generation(generation).await {
                tracing::warn!("cannot replace the rejected credentials: {e}");
            }
        }
    }

    /// The configuration every client starts from.
    pub fn sdk(&self, region: &str) -> SdkConfig {
        SdkConfig::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(region.to_string()))
            .credentials_provider(self.credentials.clone())
            .http_client(self.http.clone())
            .timeout_config(kestrel_auth::net::timeouts())
            // The provider caches and refreshes by itself (and can be told that AWS
            // rejected its credentials); the SDK's own cache would hide that.
            .identity_cache(aws_smithy_runtime::client::identity::IdentityCache::no_cache())
            .retry_config(
                RetryConfig::standard()
                    .with_max_attempts(self.max_attempts)
                    // Short first waits: a burst of throttling clears quickly; the cap
                    // keeps a persistently failing call from stalling the scan for long.
                    .with_initial_backoff(std::time::Duration::from_millis(100))
                    .with_max_backoff(std::time::Duration::from_secs(5)),
            )
            .build()
    }

    /// A client of `C` for `region`.
    pub fn get<C: SdkClient>(&self, region: &str) -> C {
        C::build(self, region)
    }

    /// The endpoint override for a service: `AWS_ENDPOINT_URL_<env>`, or `key` in the
    /// profile's `[services]` section.
    pub fn endpoint(&self, env: &str, key: &str) -> Option<String> {
        (self.endpoints)(env, key)
    }
}

/// HTTP statuses retried whatever the body says: the SDK's default list plus 429
/// (Too Many Requests), which throttling proxies and some services send bare.
pub fn retry_on_status(
) -> aws_smithy_runtime::client::retries::classifiers::HttpStatusCodeClassifier {
    aws_smithy_runtime::client::retries::classifiers::HttpStatusCodeClassifier::new_from_codes(
        &[429, 500, 502, 503, 504][..],
    )
}
