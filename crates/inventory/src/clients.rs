//! SDK clients for every scanned service and region, sharing one credentials provider
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

macro_rules! client {
    ($name:ident, $krate:ident, $env:literal, $key:literal) => {
        pub fn $name(&self, region: &str) -> $krate::Client {
            let mut b = $krate::config::Builder::from(&self.sdk(region))
                .retry_classifier(retry_on_status());
            if let Some(url) = (self.endpoints)($env, $key) {
                b = b.endpoint_url(url);
            }
            $krate::Client::from_conf(b.build())
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

    fn sdk(&self, region: &str) -> SdkConfig {
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

    /// S3 with path-style addressing whenever the endpoint is overridden (an emulator on
    /// `localhost` cannot serve `bucket.localhost`).
    pub fn s3(&self, region: &str) -> aws_sdk_s3::Client {
        let mut b = aws_sdk_s3::config::Builder::from(&self.sdk(region))
            .retry_classifier(retry_on_status());
        if let Some(url) = (self.endpoints)("S3", "s3") {
            b = b.endpoint_url(url).force_path_style(true);
        }
        aws_sdk_s3::Client::from_conf(b.build())
    }

    /// S3 Control: with an endpoint override, requests go to that URL as is (the SDK
    /// would otherwise prefix the account id to the host).
    pub fn s3control(&self, region: &str) -> aws_sdk_s3control::Client {
        let mut b = aws_sdk_s3control::config::Builder::from(&self.sdk(region))
            .retry_classifier(retry_on_status());
        if let Some(url) = (self.endpoints)("S3_CONTROL", "s3_control") {
            b = b.endpoint_resolver(StaticEndpoint(url));
        }
        aws_sdk_s3control::Client::from_conf(b.build())
    }

    client!(iam, aws_sdk_iam, "IAM", "iam");
    client!(ec2, aws_sdk_ec2, "EC2", "ec2");
    client!(cloudtrail, aws_sdk_cloudtrail, "CLOUDTRAIL", "cloudtrail");
    client!(cloudwatch, aws_sdk_cloudwatch, "CLOUDWATCH", "cloudwatch");
    client!(
        logs,
        aws_sdk_cloudwatchlogs,
        "CLOUDWATCH_LOGS",
        "cloudwatch_logs"
    );
    client!(kms, aws_sdk_kms, "KMS", "kms");
    client!(rds, aws_sdk_rds, "RDS", "rds");
    client!(efs, aws_sdk_efs, "EFS", "efs");
    client!(config, aws_sdk_config, "CONFIG_SERVICE", "config_service");
    client!(
        accessanalyzer,
        aws_sdk_accessanalyzer,
        "ACCESSANALYZER",
        "accessanalyzer"
    );
    client!(
        securityhub,
        aws_sdk_securityhub,
        "SECURITYHUB",
        "securityhub"
    );
    client!(macie2, aws_sdk_macie2, "MACIE2", "macie2");
    client!(
        organizations,
        aws_sdk_organizations,
        "ORGANIZATIONS",
        "organizations"
    );
    client!(account, aws_sdk_account, "ACCOUNT", "account");
    client!(apigateway, aws_sdk_apigateway, "API_GATEWAY", "api_gateway");
    client!(
        apigatewayv2,
        aws_sdk_apigatewayv2,
        "APIGATEWAYV2",
        "apigatewayv2"
    );
    client!(lambda, aws_sdk_lambda, "LAMBDA", "lambda");
    client!(cloudfront, aws_sdk_cloudfront, "CLOUDFRONT", "cloudfront");
    client!(
        elbv2,
        aws_sdk_elasticloadbalancingv2,
        "ELASTIC_LOAD_BALANCING_V2",
        "elastic_load_balancing_v2"
    );
    client!(
        eventbridge,
        aws_sdk_eventbridge,
        "EVENTBRIDGE",
        "eventbridge"
    );
    client!(glacier, aws_sdk_glacier, "GLACIER", "glacier");
    client!(
        secretsmanager,
        aws_sdk_secretsmanager,
        "SECRETS_MANAGER",
        "secrets_manager"
    );
    client!(sns, aws_sdk_sns, "SNS", "sns");
    client!(sqs, aws_sdk_sqs, "SQS", "sqs");
}

/// HTTP statuses retried whatever the body says: the SDK's default list plus 429
/// (Too Many Requests), which throttling proxies and some services send bare.
fn retry_on_status() -> aws_smithy_runtime::client::retries::classifiers::HttpStatusCodeClassifier {
    aws_smithy_runtime::client::retries::classifiers::HttpStatusCodeClassifier::new_from_codes(
        &[429, 500, 502, 503, 504][..],
    )
}

#[derive(Debug, Clone)]
struct StaticEndpoint(String);

impl aws_sdk_s3control::config::endpoint::ResolveEndpoint for StaticEndpoint {
    fn resolve_endpoint<'a>(
        &'a self,
        _params: &'a aws_sdk_s3control::config::endpoint::Params,
    ) -> aws_sdk_s3control::config::endpoint::EndpointFuture<'a> {
        aws_sdk_s3control::config::endpoint::EndpointFuture::ready(Ok(
            aws_smithy_types::endpoint::Endpoint::builder()
                .url(self.0.clone())
                .build(),
        ))
    }
}
