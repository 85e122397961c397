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
    /// Bumped whenever `current` is replaced: a caller that saw generation `g` before
    /// its request was rejected heals the chain only if nobody did since.
    generation: std::sync::atomic::AtomicU64,
    /// Some hop of the first chain came from the cache: a rejection can be healed.
    healable: bool,
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
                generation: Default::default(),
                healable: Resolver::can_heal(first),
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
        if let Some(c) = current.as_ref() {
            match c.remaining() {
                None => return Ok(c.clone()),
                Some(left) if left > self.inner.margin => return Ok(c.clone()),
                Some(_) => {}
            }
        }
        let refreshing = current.is_some();
        let resolved = self.inner.resolver.resolve(refreshing).await?;
        if refreshing {
            self.inner
                .refreshes
                .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            tracing::info!("credentials refreshed");
        }
        self.replace(&mut current, &resolved.credentials);
        Ok(resolved.credentials)
    }

    fn replace(&self, current: &mut Option<Credentials>, with: &Credentials) {
        *current = Some(with.clone());
        self.inner
            .generation
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }

    /// Which credentials are current (see [`RefreshingProvider::reject_generation`]).
    pub fn generation(&self) -> u64 {
        self.inner
            .generation
            .load(std::sync::atomic::Ordering::SeqCst)
    }

    /// AWS rejected the credentials of generation `seen` (expired or revoked before
    /// their time): walk the chain again without them ([`Resolver::resolve_without`]),
    /// unless another caller already replaced them.
    pub async fn reject_generation(&self, seen: u64) -> Result<(), AuthError> {
        let mut current = self.inner.current.lock().await;
        if self.generation() != seen {
            return Ok(());
        }
        let Some(rejected) = current.clone() else {
            return Ok(());
        };
        let resolved = self.inner.resolver.resolve_without(&rejected).await?;
        self.inner
            .refreshes
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        tracing::info!("credentials refreshed (AWS rejected the previous ones)");
        self.replace(&mut current, &resolved.credentials);
        Ok(())
    }

    /// GetCallerIdentity with the current credentials; when AWS rejects a cached
    /// session, heals the chain once and asks again.
    pub async fn identity(
        &self,
        sts: &crate::sts::ClientSettings,
    ) -> Result<crate::sts::CallerIdentity, AuthError> {
        let creds = self.credentials().await?;
        let seen = self.generation();
        match crate::sts::get_caller_identity(sts, &creds).await {
            Err(AuthError::Service { code, .. })
                if self.inner.healable && crate::resolve::is_rejected_session(&code) =>
            {
                tracing::info!("AWS rejected a cached session ({code}): assuming it again");
                self.reject_generation(seen).await?;
                let creds = self.credentials().await?;
                crate::sts::get_caller_identity(sts, &creds).await
            }
            other => other,
        }
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
