//! The credentials provider handed to every AWS SDK client kestrel builds: it resolves
//! once, then re-walks the whole chain (from the source, through the disk cache) when
//! the current credentials get close to expiry, so long scans outlive any session.

use std::sync::Arc;
use std::time::Duration;

use aws_credential_types::provider::{self, error::CredentialsError, ProvideCredentials};

use crate::credentials::Credentials;
use crate::error::AuthError;
use crate::resolve::{Resolved, Resolver};

/// Refresh when less than this is left (botocore's mandatory refresh window).
pub const REFRESH_MARGIN: Duration = Duration::from_secs(10 * 60);

#[derive(Clone, Debug)]
pub struct RefreshingProvider {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    resolver: Resolver,
    margin: Duration,
    current: tokio::sync::Mutex<Option<Credentials>>,
    refreshes: std::sync::atomic::AtomicUsize,
    /// AWS rejected the current credentials (ExpiredToken): refresh on next use,
    /// without reusing cached sessions.
    stale: std::sync::atomic::AtomicBool,
}

impl RefreshingProvider {
    /// Starts from an already resolved chain (the first resolution prints the banner).
    pub fn new(resolver: Resolver, first: &Resolved) -> Self {
        Self::with_margin(resolver, first, REFRESH_MARGIN)
    }

    /// Like `new`, refreshing when less than `margin` is left.
    pub fn with_margin(resolver: Resolver, first: &Resolved, margin: Duration) -> Self {
        RefreshingProvider {
            inner: Arc::new(Inner {
                resolver,
                margin,
                current: tokio::sync::Mutex::new(Some(first.credentials.clone())),
                refreshes: Default::default(),
                stale: Default::default(),
            }),
        }
    }

    pub fn resolver(&self) -> &Resolver {
        &self.inner.resolver
    }

    /// How many times the chain was walked again.
    pub fn refresh_count(&self) -> usize {
        self.inner
            .refreshes
            .load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Current credentials, refreshed first when they are about to expire.
    pub async fn credentials(&self) -> Result<Credentials, AuthError> {
        let mut current = self.inner.current.lock().await;
        let stale = self
            .inner
            .stale
            .swap(false, std::sync::atomic::Ordering::SeqCst);
        if stale {
            *current = None;
        }
        if let Some(c) = current.as_ref() {
            match c.remaining() {
                None => return Ok(c.clone()),
                Some(left) if left > self.inner.margin => return Ok(c.clone()),
                Some(_) => {}
            }
        }
        let refreshing = current.is_some() || stale;
        let resolved = if stale {
            self.inner.resolver.resolve_fresh().await?
        } else {
            self.inner.resolver.resolve(refreshing).await?
        };
        if refreshing {
            self.inner
                .refreshes
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            tracing::info!("credentials refreshed");
        }
        *current = Some(resolved.credentials.clone());
        Ok(resolved.credentials)
    }

    /// AWS said the credentials expired (ExpiredToken): the next use walks the chain
    /// again without reusing cached sessions. Callable from anywhere (not async).
    pub fn mark_stale(&self) {
        self.inner
            .stale
            .store(true, std::sync::atomic::Ordering::SeqCst);
    }
}

impl ProvideCredentials for RefreshingProvider {
    fn provide_credentials<'a>(&'a self) -> provider::future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        provider::future::ProvideCredentials::new(async move {
            self.credentials()
                .await
                .map(|c| c.to_sdk("kestrel"))
                .map_err(CredentialsError::provider_error)
        })
    }
}
