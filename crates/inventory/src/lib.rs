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
use std::sync::Arc;

use kestrel_model::{Action, ApiError, Snapshot};

pub mod clients;
pub mod collection;
pub use kestrel_parse::decode;
pub mod limit;
pub mod org;
pub mod services;

pub use collection::{api_error, fan_out, is_expired_token, Collection};
use services::Collect;

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
    /// The actions the selected checks need, by [`Action::key`] (`s3:GetBucketPolicy`).
    pub actions: BTreeSet<String>,
    /// At most this many API requests in flight at once, across everything (shared
    /// with other accounts scanned at the same time).
    pub limit: Limit,
}

impl Scope {
    pub fn needs(&self, action: Action) -> bool {
        self.actions.contains(&action.key())
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
    let services = services::selected(&scope);
    let declared = services
        .iter()
        .flat_map(|s| s.actions.iter().copied())
        .collect();
    let ctx = Collection::new(
        clients,
        scope,
        account,
        &snapshot.account.partition,
        declared,
    );
    let ctx = &ctx;
    let global = services.iter().filter_map(|s| match s.collect {
        Collect::Global(run) => Some((s.label, run)),
        Collect::Regional(_) => None,
    });
    let regional: Vec<_> = services
        .iter()
        .filter_map(|s| match s.collect {
            Collect::Regional(run) => Some((s.label, run)),
            Collect::Global(_) => None,
        })
        .collect();
    let global_count = global.clone().count();

    // Global services and every (service, region) pair, all at once; the limit bounds
    // what is actually in flight.
    let progress = progress.as_ref();
    let global_fut = fan_out(global.map(|(label, run)| async move {
        let landing = run(ctx).await;
        progress.done(label);
        landing
    }));
    let regional_fut = async {
        let regions = regions.await;
        ctx.set_regions(&regions);
        let units = global_count + regional.len() * regions.len();
        progress.start(units);
        let per_region = fan_out(regions.iter().map(|region| {
            let regional = &regional;
            async move {
                let mut data = kestrel_model::Regional::default();
                let landings = fan_out(regional.iter().map(|(label, run)| async move {
                    let landing = run(ctx, region).await;
                    progress.done(&format!("{label} {region}"));
                    landing
                }))
                .await;
                for land in landings {
                    land(&mut data);
                }
                (region.clone(), data)
            }
        }))
        .await;
        (regions, per_region, units)
    };
    let (global, (regions, per_region, units)) = futures::join!(global_fut, regional_fut);
    for land in global {
        land(&mut snapshot);
    }
    snapshot.regions = regions;
    for (region, data) in per_region {
        snapshot.regional.insert(region, data);
    }
    for s in &services {
        if let Some(after) = s.after {
            after(&mut snapshot);
        }
    }
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
    let c: aws_sdk_ec2::Client = clients.get(region);
    let generation = clients.generation();
    let call = || async {
        c.describe_regions()
            .send()
            .await
            .map_err(|e| api_error(kestrel_model::ec2::DESCRIBE_REGIONS.name, e))
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
