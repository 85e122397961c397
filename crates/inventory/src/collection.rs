//! What every collector shares: the [`Collection`] (clients, scope, request counter,
//! account id) with its one way to call AWS ([`Collection::call`]) and to page through a
//! list ([`Collection::list`]), and the helpers around them ([`when`], [`fan_out`]).
//! A leaf module: the services import it, it imports no service.

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};

use aws_sdk_sts::error::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use kestrel_model::{Action, ApiError, Fetched};

use crate::{AccountId, Clients, Scope};

/// One account's collection: shared by every collector.
pub struct Collection {
    pub clients: Clients,
    pub scope: Scope,
    requests: AtomicUsize,
    account: AccountId,
    pub partition: String,
    /// The actions the running collectors declare: calling another one is a bug (the
    /// scope would never ask for it, and the scan-role policy would not grant it).
    declared: Vec<Action>,
    /// The scanned regions, once known (before any regional collector starts).
    regions: tokio::sync::watch::Sender<Option<Vec<String>>>,
}

impl Collection {
    pub fn new(
        clients: Clients,
        scope: Scope,
        account: AccountId,
        partition: &str,
        declared: Vec<Action>,
    ) -> Self {
        Collection {
            clients,
            scope,
            requests: AtomicUsize::new(0),
            account,
            declared,
            regions: tokio::sync::watch::channel(None).0,
            partition: if partition.is_empty() {
                "aws".into()
            } else {
                partition.to_string()
            },
        }
    }

    /// Whether a selected check needs `action`.
    pub fn needs(&self, action: Action) -> bool {
        self.scope.needs(action)
    }

    /// Runs one API call under the global in-flight limit (at the action's priority,
    /// its dependency depth), mapping its error. `make` builds the request (it may be
    /// sent twice): when the answer is an expired-token error, the credentials are
    /// refreshed and the request sent once more.
    pub async fn call<T, E, R, F, Fut>(&self, action: Action, make: F) -> Result<T, ApiError>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<T, SdkError<E, R>>>,
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
        R: std::fmt::Debug,
    {
        debug_assert!(
            self.declared.contains(&action),
            "{action} is called but not in the running collectors' SERVICE.actions"
        );
        let operation = action.name;
        let mut refreshed = false;
        loop {
            let generation = self.clients.generation();
            let queued = std::time::Instant::now();
            let result = {
                let _permit = self.scope.limit.acquire(action.depth as usize).await;
                self.requests.fetch_add(1, Ordering::Relaxed);
                let sent = std::time::Instant::now();
                // The SDK's request future is large (tens of KiB) and collectors join
                // many calls: boxed, it takes memory only while in flight instead of
                // reserving its size in every waiting collector.
                let result = Box::pin(make()).await;
                tracing::debug!(
                    "{operation}: {} ms (after {} ms waiting for a slot)",
                    sent.elapsed().as_millis(),
                    (sent - queued).as_millis()
                );
                result
            };
            match result {
                Ok(v) => return Ok(v),
                Err(e) => {
                    let err = api_error(operation, e);
                    if !refreshed && is_expired_token(&err.code) {
                        tracing::info!(
                            "{operation}: {} — refreshing credentials and retrying",
                            err.code
                        );
                        // Boxed: rare, and it keeps every collector's future small.
                        Box::pin(self.clients.credentials_rejected(generation)).await;
                        refreshed = true;
                        continue;
                    }
                    return Err(err);
                }
            }
        }
    }

    /// Pages through a list under the limit: `make(token)` builds the request for one
    /// page (None for the first); the rest is [`paginate`].
    pub async fn list<P, I, E, R, F, Fut>(
        &self,
        action: Action,
        make: F,
        next: impl Fn(&P) -> Option<&str>,
        items: impl FnMut(P) -> I,
    ) -> Result<Vec<I::Item>, ApiError>
    where
        I: IntoIterator,
        F: Fn(Option<String>) -> Fut,
        Fut: Future<Output = Result<P, SdkError<E, R>>>,
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
        R: std::fmt::Debug,
    {
        let make = &make;
        paginate(
            action.name,
            |token| self.call(action, move || make(token.clone())),
            next,
            items,
        )
        .await
    }

    /// Records the scanned regions (the first call wins).
    pub fn set_regions(&self, regions: &[String]) {
        self.regions.send_if_modified(|r| {
            let unset = r.is_none();
            if unset {
                *r = Some(regions.to_vec());
            }
            unset
        });
    }

    /// The scanned regions: known in every regional collector, empty before.
    pub fn regions(&self) -> Vec<String> {
        self.regions.borrow().clone().unwrap_or_default()
    }

    /// Waits for the scanned regions (a global collector that scopes its per-resource
    /// calls to them, as S3's per-bucket calls).
    pub async fn wait_regions(&self) -> Vec<String> {
        let mut rx = self.regions.subscribe();
        let _ = rx.wait_for(Option::is_some).await;
        self.regions()
    }

    /// Whether `region` is the one that speaks for regions outside the scan: a regional
    /// collector that finds a resource homed outside the scanned regions (a multi-region
    /// trail) asks its details from there once, not once per scanned region.
    pub fn speaks_for_unscanned(&self, region: &str) -> bool {
        self.regions
            .borrow()
            .as_ref()
            .and_then(|r| r.iter().min())
            .is_some_and(|r| r == region)
    }

    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::Relaxed)
    }

    /// The account id, "" until `sts:GetCallerIdentity` has answered: only after
    /// [`Collection::wait_account_id`].
    pub fn account_id(&self) -> String {
        self.account.get()
    }

    /// Waits for the account id.
    pub async fn wait_account_id(&self) -> String {
        self.account.wait().await;
        self.account.get()
    }

    /// The region global services are asked in (IAM, S3's bucket list, Organizations,
    /// Account, CloudFront).
    pub fn global_region(&self) -> &'static str {
        match self.partition.as_str() {
            "aws-cn" => "cn-north-1",
            "aws-us-gov" => "us-gov-west-1",
            _ => "us-east-1",
        }
    }
}

/// Every paginated call goes through here: `page(token)` fetches one page (None for
/// the first), `next(page)` reads the next page's token (marker, position, …; None or ""
/// after the last), `items(page)` what the page holds. A token handed back twice stops
/// the paging with an error ([`Pages`]): a faulty or hostile endpoint cannot keep a scan
/// paging forever.
pub async fn paginate<P, I, F, Fut>(
    operation: &str,
    mut page: F,
    next: impl Fn(&P) -> Option<&str>,
    mut items: impl FnMut(P) -> I,
) -> Result<Vec<I::Item>, ApiError>
where
    I: IntoIterator,
    F: FnMut(Option<String>) -> Fut,
    Fut: Future<Output = Result<P, ApiError>>,
{
    let mut out = Vec::new();
    let mut pages = Pages::default();
    let mut token = None;
    loop {
        let p = page(token.take()).await?;
        token = pages.next(operation, next(&p))?;
        out.extend(items(p));
        if token.is_none() {
            return Ok(out);
        }
    }
}

/// Runs `fut` only when `needed`; otherwise the data is "not collected".
/// The error for an answer that lacks the object it exists to carry.
pub fn unreadable(operation: &str) -> ApiError {
    ApiError::new(
        operation,
        "UnreadableResponse",
        "the answer does not carry the resource it describes",
    )
}

pub async fn when<T>(needed: bool, fut: impl Future<Output = Result<T, ApiError>>) -> Fetched<T> {
    if needed {
        fut.await.into()
    } else {
        Fetched::NotCollected
    }
}

/// How many futures of one fan-out (per-resource calls, per-region services) exist at
/// once. The request limit bounds what is in flight; this bounds what is allocated, so
/// memory stays flat as the account grows.
const FAN_OUT: usize = 64;

/// Runs the futures with at most `FAN_OUT` alive at a time, results in input order.
pub async fn fan_out<I>(futs: I) -> Vec<<I::Item as Future>::Output>
where
    I: IntoIterator,
    I::Item: Future,
{
    use futures::StreamExt;
    futures::stream::iter(futs)
        .buffered(FAN_OUT)
        .collect()
        .await
}

/// Pagination's guard: the token of the next page, None after the last one (an absent
/// or empty token), and an error when a service hands back a token it already gave, so
/// that a faulty or hostile endpoint cannot keep a scan paging forever.
#[derive(Default)]
struct Pages {
    seen: std::collections::HashSet<String>,
}

impl Pages {
    fn next(&mut self, operation: &str, token: Option<&str>) -> Result<Option<String>, ApiError> {
        match token {
            None | Some("") => Ok(None),
            Some(t) if !self.seen.insert(t.to_string()) => Err(ApiError::new(
                operation,
                "RepeatedPaginationToken",
                "the service returned a pagination token it had already returned; paging stopped there",
            )),
            Some(t) => Ok(Some(t.to_string())),
        }
    }
}

/// Error codes that mean "these credentials are no longer valid, get new ones"
/// (revoked sessions answer InvalidClientTokenId or UnrecognizedClientException).
pub fn is_expired_token(code: &str) -> bool {
    kestrel_auth::resolve::is_rejected_session(code)
        || matches!(code, "RequestExpired" | "TokenRefreshRequired")
}

/// An SDK error as the snapshot records it.
pub fn api_error<E, R>(operation: &str, err: SdkError<E, R>) -> ApiError
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug,
{
    match &err {
        SdkError::ServiceError(se) => {
            let e = se.err();
            let raw = format!("{:?}", se.raw());
            let status = raw
                .split("status: StatusCode(")
                .nth(1)
                .and_then(|r| r.split(')').next())
                .unwrap_or("?")
                .to_string();
            // moto answers 500 without an AWS error body for calls it does not implement.
            let code = e
                .code()
                .map(str::to_string)
                .unwrap_or_else(|| match status.as_str() {
                    // A success status whose body the SDK could not read (an emulator's quirk).
                    "200" => "UnreadableResponse".to_string(),
                    "500" | "501" => "InternalFailure".to_string(),
                    "403" => "AccessDenied".to_string(),
                    "404" => "NotFound".to_string(),
                    _ => format!("HTTP{status}"),
                });
            let message = match e.message() {
                Some(m) if !m.is_empty() => m.to_string(),
                _ if status == "200" => "the answer does not match the API's schema".to_string(),
                _ => format!("HTTP status {status}"),
            };
            ApiError::new(operation, &code, &message)
        }
        SdkError::DispatchFailure(d) => ApiError::new(
            operation,
            if d.is_timeout() {
                "Timeout"
            } else {
                "ConnectionError"
            },
            "the endpoint could not be reached",
        ),
        SdkError::TimeoutError(_) => ApiError::new(operation, "Timeout", "the request timed out"),
        SdkError::ResponseError(_) => ApiError::new(
            operation,
            "InternalFailure",
            "the response could not be read",
        ),
        _ => ApiError::new(
            operation,
            err.code().unwrap_or("Unknown"),
            err.message().unwrap_or(
                &aws_smithy_types::error::display::DisplayErrorContext(&err).to_string(),
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::{paginate, Pages};
    use kestrel_model::ApiError;

    /// Pages as (items, next token).
    async fn pages_of(
        answers: &[(&[u32], Option<&'static str>)],
    ) -> (Result<Vec<u32>, ApiError>, Vec<Option<String>>) {
        let mut asked = Vec::new();
        let mut i = 0;
        let r = paginate(
            "x:List",
            |token| {
                asked.push(token);
                let a = answers[i.min(answers.len() - 1)];
                i += 1;
                async move { Ok::<_, ApiError>(a) }
            },
            |p| p.1,
            |p| p.0.to_vec(),
        )
        .await;
        (r, asked)
    }

    #[tokio::test]
    async fn paginate_follows_tokens_and_stops_on_a_repeated_one() {
        let (r, asked) = pages_of(&[(&[1, 2], Some("a")), (&[3], Some("b")), (&[4], None)]).await;
        assert_eq!(r.unwrap(), [1, 2, 3, 4]);
        assert_eq!(asked, [None, Some("a".into()), Some("b".into())]);
        // An endpoint that keeps answering the same token: an error, not a loop.
        let (r, asked) = pages_of(&[(&[1], Some("a")), (&[2], Some("a"))]).await;
        assert_eq!(r.unwrap_err().code, "RepeatedPaginationToken");
        assert_eq!(asked.len(), 2);
        let (r, _) = pages_of(&[(&[7], Some(""))]).await;
        assert_eq!(r.unwrap(), [7]);
    }

    #[test]
    fn pages_end_on_an_empty_token_and_refuse_a_repeated_one() {
        let mut p = Pages::default();
        assert_eq!(p.next("kms:ListKeys", Some("a")).unwrap(), Some("a".into()));
        assert_eq!(p.next("kms:ListKeys", Some("b")).unwrap(), Some("b".into()));
        assert_eq!(p.next("kms:ListKeys", Some("")).unwrap(), None);
        assert_eq!(p.next("kms:ListKeys", None).unwrap(), None);
        let e = p.next("kms:ListKeys", Some("a")).unwrap_err();
        assert_eq!(
            (e.operation.as_str(), e.code.as_str()),
            ("kms:ListKeys", "RepeatedPaginationToken")
        );
    }
}
