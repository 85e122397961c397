//! The only scanning code that calls AWS: collects what the selected checks need into a
//! [`Snapshot`], all services and regions concurrently under one global limit on
//! in-flight requests, with the SDK's standard retries and pagination.
//!
//! What to fetch is driven by the API actions the selected checks declare
//! (`CheckMeta::needs`): a collector runs only when some selected check needs one of its
//! actions, and per-resource calls (a bucket's policy, a key's rotation status) are made
//! only for the actions asked for. Every call's failure is recorded in the snapshot as
//! an `ApiError` where its data would have been, so checks report it and nothing is
//! silently missing.

use std::collections::BTreeSet;
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use aws_sdk_sts::error::SdkError;
use aws_smithy_types::error::metadata::ProvideErrorMetadata;
use kestrel_model::{ApiError, Snapshot};

pub mod clients;
pub use kestrel_parse::decode;
mod ec2;
mod global;
mod iam;
pub mod limit;
pub mod org;
mod regional;
mod s3;

pub use clients::Clients;

pub use limit::Limit;

/// The global limit on in-flight API requests, shared by every account scanned in
/// parallel; calls that start longer chains of requests go first.
pub fn limit(max_in_flight: usize) -> Limit {
    Limit::new(max_in_flight)
}

/// What to collect.
#[derive(Debug, Clone)]
pub struct Scope {
    /// IAM action names (`s3:GetBucketPolicy`) the selected checks need.
    pub actions: BTreeSet<String>,
    /// At most this many API requests in flight at once, across everything (shared
    /// with other accounts scanned at the same time).
    pub limit: Limit,
}

impl Scope {
    pub fn needs(&self, action: &str) -> bool {
        self.actions.contains(action)
    }

    pub fn needs_any(&self, actions: &[&str]) -> bool {
        actions.iter().any(|a| self.needs(a))
    }

    /// Whether any action of this IAM service prefix is needed.
    pub fn needs_service(&self, prefix: &str) -> bool {
        let p = format!("{prefix}:");
        self.actions.iter().any(|a| a.starts_with(&p))
    }
}

/// Progress: one unit is one service in one region (or one global service).
pub trait Progress: Send + Sync {
    fn start(&self, total: usize);
    fn done(&self, label: &str);
}

/// No progress output.
pub struct Quiet;
impl Progress for Quiet {
    fn start(&self, _total: usize) {}
    fn done(&self, _label: &str) {}
}

/// The scanned account's id. Collection starts before `sts:GetCallerIdentity` has
/// answered (one round trip less before the first request); the collectors that need
/// the id (ARNs of EC2 resources, S3 Control requests) wait for it.
#[derive(Clone, Debug)]
pub struct AccountId(tokio::sync::watch::Receiver<Option<String>>);

/// Where the account id comes from once known.
pub struct AccountIdSender(tokio::sync::watch::Sender<Option<String>>);

impl AccountId {
    /// An id known from the start.
    pub fn known(id: &str) -> AccountId {
        AccountId(tokio::sync::watch::channel(Some(id.to_string())).1)
    }

    /// An id to be sent later.
    pub fn pending() -> (AccountIdSender, AccountId) {
        let (tx, rx) = tokio::sync::watch::channel(None);
        (AccountIdSender(tx), AccountId(rx))
    }

    /// The id, or "" before it is known.
    pub fn get(&self) -> String {
        self.0.borrow().clone().unwrap_or_default()
    }

    /// Waits until the id is known (returns at once if it is, or if it never will be).
    pub async fn wait(&self) {
        if self.0.borrow().is_some() {
            return;
        }
        let mut rx = self.0.clone();
        let _ = rx.wait_for(Option::is_some).await;
    }
}

impl AccountIdSender {
    pub fn send(&self, id: &str) {
        self.0.send_replace(Some(id.to_string()));
    }
}

/// Shared by every collector: the request limit and counters.
pub struct Ctx {
    pub clients: Clients,
    pub scope: Scope,
    requests: AtomicUsize,
    account: AccountId,
    pub partition: String,
}

impl Ctx {
    /// Runs one API call under the global in-flight limit, mapping its error. `make`
    /// builds the request (it may be sent twice): when the answer is an expired-token
    /// error, the credentials are refreshed and the request sent once more.
    pub async fn call<T, E, R, F, Fut>(&self, operation: &str, make: F) -> Result<T, ApiError>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<T, SdkError<E, R>>>,
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
        R: std::fmt::Debug,
    {
        let mut refreshed = false;
        loop {
            let generation = self.clients.generation();
            let queued = std::time::Instant::now();
            let result = {
                let _permit = self.scope.limit.acquire(limit::priority(operation)).await;
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

    pub fn requests(&self) -> usize {
        self.requests.load(Ordering::Relaxed)
    }

    /// The account id, "" until `sts:GetCallerIdentity` has answered: only after
    /// [`Ctx::wait_account_id`].
    pub fn account_id(&self) -> String {
        self.account.get()
    }

    /// Waits for the account id.
    pub async fn wait_account_id(&self) -> String {
        self.account.wait().await;
        self.account.get()
    }
}

/// Pagination's guard: the token of the next page, None after the last one (an absent
/// or empty token), and an error when a service hands back a token it already gave, so
/// that a faulty or hostile endpoint cannot keep a scan paging forever.
#[derive(Default)]
pub(crate) struct Pages {
    seen: std::collections::HashSet<String>,
}

impl Pages {
    pub(crate) fn next(
        &mut self,
        operation: &str,
        token: Option<&str>,
    ) -> Result<Option<String>, ApiError> {
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

/// Collection statistics.
#[derive(Debug, Clone, Default)]
pub struct Stats {
    pub requests: usize,
    pub units: usize,
}

/// Collects the snapshot. `snapshot` comes in with `collected_at` and the account's
/// partition filled; the regions and services are filled here. The global services
/// start at once; the regional ones when `regions` resolves (at once when the user
/// named them, after `ec2:DescribeRegions` otherwise).
pub async fn collect<R>(
    clients: Clients,
    scope: Scope,
    mut snapshot: Snapshot,
    account: AccountId,
    regions: R,
    progress: Arc<dyn Progress>,
) -> (Snapshot, Stats)
where
    R: Future<Output = Vec<String>>,
{
    let ctx = Arc::new(Ctx {
        account,
        partition: if snapshot.account.partition.is_empty() {
            "aws".into()
        } else {
            snapshot.account.partition.clone()
        },
        requests: AtomicUsize::new(0),
        clients,
        scope,
    });
    let regional_services = regional::services(&ctx.scope);
    let global_units = global::units(&ctx.scope);
    let global_count = global_units.len();

    // Global services and every (service, region) pair, all at once; the limit bounds
    // what is actually in flight.
    let global_fut = {
        let ctx = ctx.clone();
        let progress = progress.clone();
        async move { global::collect(&ctx, &global_units, progress.as_ref()).await }
    };
    let regional_fut = async {
        let regions = regions.await;
        let units = global_count + regional_services.len() * regions.len();
        progress.start(units);
        let per_region = crate::fan_out(regions.iter().map(|region| {
            let ctx = ctx.clone();
            let progress = progress.clone();
            let services = regional_services.clone();
            async move {
                let data = regional::collect(&ctx, region, &services, progress.as_ref()).await;
                (region.clone(), data)
            }
        }))
        .await;
        (regions, per_region, units)
    };
    let (global, (regions, per_region, units)) = futures::join!(global_fut, regional_fut);
    global.apply(&mut snapshot);
    snapshot.regions = regions;
    for (region, data) in per_region {
        snapshot.regional.insert(region, data);
    }
    regional::share_trail_details(&mut snapshot);
    let stats = Stats {
        requests: ctx.requests(),
        units,
    };
    (snapshot, stats)
}

/// The partition a region belongs to (`aws`, `aws-cn`, `aws-us-gov`, ...), for ARNs
/// built before the caller's own ARN is known.
pub fn partition_of(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else if region.starts_with("us-isob-") {
        "aws-iso-b"
    } else if region.starts_with("us-iso-") {
        "aws-iso"
    } else if region.starts_with("eu-isoe-") {
        "aws-iso-e"
    } else if region.starts_with("us-isof-") {
        "aws-iso-f"
    } else {
        "aws"
    }
}

/// The regions enabled for the account (`ec2:DescribeRegions`, asked in `region`).
pub async fn enabled_regions(clients: &Clients, region: &str) -> Result<Vec<String>, ApiError> {
    let c = clients.ec2(region);
    let generation = clients.generation();
    let call = || async {
        c.describe_regions()
            .send()
            .await
            .map_err(|e| api_error("ec2:DescribeRegions", e))
    };
    let out = match call().await {
        Err(e) if is_expired_token(&e.code) => {
            clients.credentials_rejected(generation).await;
            call().await?
        }
        other => other?,
    };
    let mut regions: Vec<String> = out
        .regions()
        .iter()
        .filter(|r| {
            r.opt_in_status()
                .map(|s| s != "not-opted-in")
                .unwrap_or(true)
        })
        .filter_map(|r| r.region_name().map(str::to_string))
        .collect();
    regions.sort();
    Ok(regions)
}

/// Every API action the inventory knows how to collect (a check that declares another
/// one would silently get no data; a test keeps the two in step).
pub const KNOWN_ACTIONS: &[&str] = &[
    "iam:GenerateCredentialReport",
    "iam:GetCredentialReport",
    "iam:GetAccountPasswordPolicy",
    "iam:GetAccountSummary",
    "iam:ListVirtualMFADevices",
    "iam:ListUsers",
    "iam:ListAttachedUserPolicies",
    "iam:ListUserPolicies",
    "iam:ListRoles",
    "iam:ListPolicies",
    "iam:GetPolicyVersion",
    "iam:ListEntitiesForPolicy",
    "iam:ListServerCertificates",
    "iam:ListSAMLProviders",
    "iam:ListOrganizationsFeatures",
    "s3:ListAllMyBuckets",
    "s3:GetBucketLocation",
    "s3:GetBucketPublicAccessBlock",
    "s3:GetBucketPolicy",
    "s3:GetBucketVersioning",
    "s3:GetBucketLogging",
    "s3:GetAccountPublicAccessBlock",
    "organizations:DescribeOrganization",
    "organizations:ListDelegatedAdministrators",
    "account:GetAlternateContact",
    "account:GetContactInformation",
    "cloudfront:ListDistributions",
    "cloudfront:GetDistributionConfig",
    "ec2:GetEbsEncryptionByDefault",
    "ec2:DescribeVolumes",
    "ec2:DescribeInstances",
    "ec2:DescribeSecurityGroups",
    "ec2:DescribeNetworkInterfaces",
    "ec2:DescribeNetworkAcls",
    "ec2:DescribeVpcs",
    "ec2:DescribeFlowLogs",
    "ec2:DescribeRouteTables",
    "ec2:DescribeVpcPeeringConnections",
    "ec2:DescribeRegions",
    "cloudtrail:DescribeTrails",
    "cloudtrail:GetTrailStatus",
    "cloudtrail:GetEventSelectors",
    "cloudwatch:DescribeAlarms",
    "logs:DescribeMetricFilters",
    "config:DescribeConfigurationRecorders",
    "config:DescribeConfigurationRecorderStatus",
    "kms:ListKeys",
    "kms:DescribeKey",
    "kms:GetKeyRotationStatus",
    "kms:GetKeyPolicy",
    "rds:DescribeDBInstances",
    "rds:DescribeDBClusters",
    "elasticfilesystem:DescribeFileSystems",
    "access-analyzer:ListAnalyzers",
    "securityhub:DescribeHub",
    "macie2:GetMacieSession",
    "lambda:ListFunctions",
    "lambda:GetPolicy",
    "apigateway:GET",
    "elasticloadbalancing:DescribeLoadBalancers",
    "elasticloadbalancing:DescribeLoadBalancerAttributes",
    "events:ListEventBuses",
    "glacier:ListVaults",
    "glacier:GetVaultAccessPolicy",
    "secretsmanager:ListSecrets",
    "secretsmanager:GetResourcePolicy",
    "sns:ListTopics",
    "sns:GetTopicAttributes",
    "sqs:ListQueues",
    "sqs:GetQueueAttributes",
    "iam:ListUserTags",
    "iam:ListPolicyTags",
    "cloudtrail:ListTags",
    "securityhub:GetEnabledStandards",
    "securityhub:ListEnabledProductsForImport",
];

#[cfg(test)]
mod tests {
    use super::Pages;

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

    #[test]
    fn every_action_a_check_needs_is_collected() {
        let missing: Vec<String> = kestrel_checks::all()
            .iter()
            .flat_map(|c| c.meta.needs.iter().map(move |a| (c.meta.id, *a)))
            .filter(|(_, a)| !super::KNOWN_ACTIONS.contains(a))
            .map(|(id, a)| format!("{id} needs {a}"))
            .collect();
        assert!(
            missing.is_empty(),
            "not collected by the inventory: {missing:#?}"
        );
    }
}
