//! What every AWS client of a run shares on the wire: one HTTPS client (TLS set-up,
//! connection pools, the proxy from the environment, the CA bundle) and the timeouts.
//!
//! - Timeouts: Prowler's `--aws-connect-timeout` (10 s) and `--aws-read-timeout` (60 s,
//!   botocore's too): an endpoint that accepts the connection and never answers ends
//!   the call after the read timeout, and the SDK's retries then give up.
//! - CA bundle: `AWS_CA_BUNDLE`, else the profile's `ca_bundle`, as the AWS CLI. Like
//!   botocore, the bundle replaces the system's roots (an inspecting proxy's CA). The
//!   file is read and every certificate in it parsed before any request, so a wrong
//!   path or a non-PEM file is one clear error, not a failure deep inside a TLS stack.
//!
//! Set once per process by [`configure`] (the command line does it before resolving
//! credentials); until then the defaults apply.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use aws_smithy_runtime_api::client::http::SharedHttpClient;
use aws_smithy_types::timeout::TimeoutConfig;

use crate::AuthError;

/// Prowler's default `--aws-connect-timeout`, in seconds.
pub const DEFAULT_CONNECT_TIMEOUT: u64 = 10;
/// Prowler's default `--aws-read-timeout`, in seconds.
pub const DEFAULT_READ_TIMEOUT: u64 = 60;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Network {
    pub connect_timeout: Duration,
    pub read_timeout: Duration,
    /// PEM file of the certificate authorities to trust instead of the system's.
    pub ca_bundle: Option<PathBuf>,
}

impl Default for Network {
    fn default() -> Self {
        Network {
            connect_timeout: Duration::from_secs(DEFAULT_CONNECT_TIMEOUT),
            read_timeout: Duration::from_secs(DEFAULT_READ_TIMEOUT),
            ca_bundle: None,
        }
    }
}

struct Shared {
    network: Network,
    http: SharedHttpClient,
}

static SHARED: OnceLock<Shared> = OnceLock::new();

/// Sets the run's network settings (checks the CA bundle first). The first call wins:
/// every resolver of one run reads the same profile and flags.
pub fn configure(network: Network) -> Result<(), AuthError> {
    if SHARED.get().is_some() {
        return Ok(());
    }
    let roots = match &network.ca_bundle {
        Some(path) => Some(read_bundle(path)?),
        None => None,
    };
    let http = http_client_with(roots);
    let _ = SHARED.set(Shared { network, http });
    Ok(())
}

fn shared() -> &'static Shared {
    SHARED.get_or_init(|| Shared {
        network: Network::default(),
        http: http_client_with(None),
    })
}

/// The settings in force.
pub fn network() -> &'static Network {
    &shared().network
}

/// The timeouts for an SDK client's configuration.
pub fn timeouts() -> TimeoutConfig {
    let n = network();
    TimeoutConfig::builder()
        .connect_timeout(n.connect_timeout)
        .read_timeout(n.read_timeout)
        .build()
}

/// The run's one HTTPS client.
pub fn http_client() -> SharedHttpClient {
    shared().http.clone()
}

/// The PEM text of a CA bundle, checked: it must hold at least one certificate that a
/// TLS client can use as a trust anchor.
fn read_bundle(path: &Path) -> Result<Vec<u8>, AuthError> {
    use rustls_pki_types::pem::PemObject;
    use rustls_pki_types::CertificateDer;
    let fail = |why: String| {
        AuthError::Other(format!(
            "cannot use the CA bundle {} (AWS_CA_BUNDLE or ca_bundle): {why}",
            path.display()
        ))
    };
    let pem = std::fs::read(path).map_err(|e| fail(e.to_string()))?;
    let certs = CertificateDer::pem_slice_iter(&pem)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|_| fail("it is not a PEM file of certificates".into()))?;
    if certs.is_empty() {
        return Err(fail("it holds no PEM certificate".into()));
    }
    let mut roots = rustls::RootCertStore::empty();
    for (n, cert) in certs.into_iter().enumerate() {
        roots
            .add(cert)
            .map_err(|e| fail(format!("certificate {} is not usable: {e}", n + 1)))?;
    }
    Ok(pem)
}

/// The SDK's default HTTPS client (rustls with aws-lc, proxy from the environment),
/// trusting `roots` instead of the system's store when given.
fn http_client_with(roots: Option<Vec<u8>>) -> SharedHttpClient {
    use aws_smithy_http_client::proxy::ProxyConfig;
    use aws_smithy_http_client::{tls, Builder, ConnectorBuilder};
    let context = roots.map(|pem| {
        tls::TlsContext::builder()
            .with_trust_store(
                tls::TrustStore::empty()
                    .with_native_roots(false)
                    .with_pem_certificate(pem),
            )
            .build()
    });
    Builder::new().build_with_connector_fn(move |settings, components| {
        let mut b = ConnectorBuilder::default().tls_provider(tls::Provider::Rustls(
            tls::rustls_provider::CryptoMode::AwsLc,
        ));
        if let Some(Ok(ctx)) = &context {
            b = b.tls_context(ctx.clone());
        }
        b.set_connector_settings(settings.cloned());
        if let Some(c) = components {
            b.set_sleep_impl(c.sleep_impl());
        }
        b.set_proxy_config(Some(ProxyConfig::from_env()));
        b.build()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bundle_is_checked_before_use() {
        let dir = tempfile::tempdir().unwrap();
        let missing = read_bundle(&dir.path().join("none.pem"))
            .unwrap_err()
            .to_string();
        assert!(
            missing.contains("none.pem") && missing.contains("CA bundle"),
            "{missing}"
        );
        let text = dir.path().join("text.pem");
        std::fs::write(&text, "hello\n").unwrap();
        let e = read_bundle(&text).unwrap_err().to_string();
        assert!(e.contains("holds no PEM certificate"), "{e}");
        let bad = dir.path().join("bad.pem");
        std::fs::write(
            &bad,
            "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n",
        )
        .unwrap();
        let e = read_bundle(&bad).unwrap_err().to_string();
        assert!(e.contains("certificate 1 is not usable"), "{e}");
    }
}
