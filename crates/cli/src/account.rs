//! One account's scan: resolve credentials, pick regions, collect the inventory, run the
//! selected checks, stream findings to the reports, and the outcome (summary, files,
//! exit code); or the same over a saved inventory.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use futures::FutureExt;
use kestrel_checks::{Check, Scan, Settings};
use kestrel_model::{Finding, Severity, Snapshot, Status, SNAPSHOT_FORMAT};

use crate::args::{ScanArgs, EXIT_FAILED_CHECKS};

use crate::select;
use crate::Failure;

/// What the end-of-scan summary needs: the report crate's counts (status by severity
/// and by service) and, kestrel's addition, the distinct reasons of ERROR findings.
#[derive(Debug, Default, Clone)]
pub struct Summary {
    pub counts: kestrel_report::Counts,
    pub errors: BTreeSet<String>,
}

impl Summary {
    pub fn add(&mut self, f: &Finding, meta: &kestrel_checks::CheckMeta) {
        self.counts.add(f, meta);
        if f.status == Status::Error {
            self.errors
                .insert(format!("{}: {}", f.check_id, f.status_extended));
        }
    }

    pub fn count(&self, s: Status) -> usize {
        self.counts.status(s) as usize
    }

    /// PASS, FAIL, MANUAL and ERROR counts, in that order (the per-account summary's
    /// columns).
    pub fn by_status(&self) -> [usize; 4] {
        [Status::Pass, Status::Fail, Status::Manual, Status::Error].map(|s| self.count(s))
    }

    /// The most severe level with a failing finding.
    pub fn highest_failing(&self) -> Option<Severity> {
        Severity::ALL
            .into_iter()
            .find(|s| self.counts.get(Status::Fail, *s) > 0)
    }

    pub fn render(&self) -> String {
        let mut out = kestrel_report::render_summary(&self.counts);
        if !self.errors.is_empty() {
            out.push_str(&format!(
                "\n{} finding(s) could not be evaluated (ERROR); the reasons:\n",
                self.count(Status::Error)
            ));
            for e in self.errors.iter().take(10) {
                out.push_str(&format!("  - {e}\n"));
            }
        }
        out
    }
}

/// Runs every selected check over the snapshot, streaming each finding to `sink`.
pub fn evaluate(
    checks: &[&'static Check],
    snapshot: &Snapshot,
    settings: &Settings,
    now: i64,
    sink: &mut dyn FnMut(&Finding, &'static Check),
) {
    let ctx = Scan::new(snapshot, settings, now).with_selection(checks);
    for check in checks {
        kestrel_checks::run(check, &ctx, &mut |f| sink(&f, check));
    }
}

struct Bar(Option<indicatif::ProgressBar>);

impl kestrel_inventory::Progress for Bar {
    fn start(&self, total: usize) {
        if let Some(b) = &self.0 {
            b.set_length(total as u64);
        }
    }
    fn done(&self, label: &str) {
        if let Some(b) = &self.0 {
            b.set_message(label.to_string());
            b.inc(1);
        }
    }
}

/// 3 when a check failed (unless `-z`), else 0.
pub fn verdict(args: &ScanArgs, summary: &Summary) -> u8 {
    if summary.count(Status::Fail) > 0 && !args.ignore_exit_code_3 {
        EXIT_FAILED_CHECKS
    } else {
        0
    }
}

/// One scanned account's result.
pub struct Outcome {
    pub summary: Summary,
    pub files: Vec<PathBuf>,
    pub checks: usize,
    pub regions: usize,
    pub requests: usize,
    pub seconds: f64,
    /// The compliance overview of the frameworks asked with --compliance (rendered).
    pub compliance: String,
}

pub fn print_outcome(o: &Outcome) {
    eprintln!();
    eprint!("{}", o.summary.render());
    eprintln!();
    if !o.compliance.is_empty() {
        eprint!("{}", o.compliance);
    }
    for f in &o.files {
        eprintln!("  {}", f.display());
    }
    eprintln!(
        "\n{} checks, {} regions, {} API requests, {:.1}s",
        o.checks, o.regions, o.requests, o.seconds
    );
}

/// Runs the checks over a snapshot, streaming findings to the reports.
pub fn evaluate_and_report(
    args: &ScanArgs,
    checks: &[&'static Check],
    snapshot: &Snapshot,
    requests: usize,
    started: Instant,
) -> Result<Outcome, Failure> {
    let settings = Settings {
        scan_unused_services: args.scan_unused_services,
        ..Default::default()
    };
    if let Some(path) = &args.save_inventory {
        let path = crate::targets::per_account_path(path, &snapshot.account.account_id, args);
        save_inventory(&path, snapshot)?;
        eprintln!("Inventory saved to {}", path.display());
    }
    let now = kestrel_model::time::parse(&snapshot.collected_at)
        .unwrap_or_else(kestrel_model::time::now_epoch);
    let mut reports = crate::reports::Reports::open(args, snapshot, checks)?;
    let mut summary = Summary::default();
    let mut tally = (!args.compliance.is_empty()).then(kestrel_report::ComplianceTally::new);
    let statuses: Vec<String> = args.status.iter().map(|s| s.to_uppercase()).collect();
    let mut write_error: Option<std::io::Error> = None;
    evaluate(checks, snapshot, &settings, now, &mut |f, check| {
        if !statuses.is_empty() && !statuses.iter().any(|s| s == f.status.as_str()) {
            return;
        }
        summary.add(f, &check.meta);
        if let Some(t) = &mut tally {
            t.add(f);
        }
        if write_error.is_none() {
            if let Err(e) = reports.write(f, &check.meta) {
                write_error = Some(e);
            }
        }
    });
    if let Some(e) = write_error {
        return Err(Failure::Other(anyhow::anyhow!(
            "cannot write the reports: {e}"
        )));
    }
    let compliance = match &tally {
        Some(t) => {
            let overviews: Vec<_> = reports
                .scan()
                .compliance
                .iter()
                .map(|fw| kestrel_report::overview(fw, t, reports.scan()))
                .collect();
            kestrel_report::render_overview(&overviews)
        }
        None => String::new(),
    };
    let files = reports
        .finish()
        .map_err(|e| Failure::Other(anyhow::anyhow!("cannot write the reports: {e}")))?;
    tracing::debug!(
        "checks evaluated and reports written after {} ms",
        started.elapsed().as_millis()
    );
    Ok(Outcome {
        summary,
        files,
        checks: checks.len(),
        regions: snapshot.regions.len(),
        requests,
        seconds: started.elapsed().as_secs_f64(),
        compliance,
    })
}

/// The regions to scan, from `candidates` (the enabled ones, or those named with -f
/// once checked): those named (all when none), minus --excluded-region, sorted, the home
/// region first
/// (findings about global services are reported there, as Prowler does).
fn scan_regions(args: &ScanArgs, candidates: &[String], home_region: &str) -> Vec<String> {
    let mut regions: Vec<String> = candidates
        .iter()
        .filter(|r| args.regions.is_empty() || args.regions.contains(r))
        .filter(|r| !args.excluded_regions.contains(r))
        .cloned()
        .collect();
    regions.sort();
    regions.dedup();
    if let Some(i) = regions.iter().position(|r| r == home_region) {
        let home = regions.remove(i);
        regions.insert(0, home);
    }
    regions
}

/// The lines printed before a scan.
fn banner(
    args: &ScanArgs,
    regions: &[String],
    identity: &kestrel_auth::sts::CallerIdentity,
    assumed: Option<&str>,
) -> String {
    let mut b = format!(
        "kestrel {} - AWS security assessment\n\n",
        env!("CARGO_PKG_VERSION")
    );
    b += &format!(
        "  AWS-CLI profile:     {}\n",
        args.auth.profile.as_deref().unwrap_or("default")
    );
    b += &format!("  AWS regions:         {}\n", regions.join(", "));
    b += &format!("  AWS account:         {}\n", identity.account);
    b += &format!("  User Id:             {}\n", identity.user_id);
    b += &format!("  Caller identity ARN: {}\n", identity.arn);
    if let Some(r) = assumed {
        b += &format!("  Assumed role:        {r}\n");
    }
    b + "\n"
}

/// Scans one account: with the profile's credentials (`role` None, or `-R`), or by
/// assuming `role` (multi-account runs; `mfa_serial` when `--mfa`).
pub async fn scan_account(
    args: &ScanArgs,
    checks: &[&'static Check],
    target: Option<&crate::targets::Target>,
    limit: kestrel_inventory::Limit,
    interactive: bool,
) -> Result<Outcome, Failure> {
    let started = Instant::now();
    let resolver = match target {
        None => args.auth.resolver()?,
        Some(t) => args
            .auth
            .resolver_for_target(&t.role_arn, t.mfa_serial.as_deref())?,
    };
    let resolved = resolver.resolve(false).await?;
    tracing::debug!("credentials after {} ms", started.elapsed().as_millis());
    for w in &resolved.warnings {
        eprintln!("kestrel: warning: {w}");
    }
    let sts_settings = resolver.sts_settings().clone();
    let assumed = match target {
        Some(t) => Some(t.role_arn.clone()),
        None => args.auth.role.clone(),
    };
    let profile = resolver.profile().to_string();
    let home_region = resolver.region().to_string();
    let endpoints_env = resolver.env().clone();
    let endpoints_files = resolver.files().clone();
    let provider = kestrel_auth::RefreshingProvider::new(resolver, &resolved);
    let lookup: kestrel_inventory::clients::EndpointLookup =
        Arc::new(move |env_id: &str, key: &str| {
            kestrel_auth::resolve::endpoint_url(
                &endpoints_env,
                &endpoints_files,
                &profile,
                env_id,
                key,
            )
        });
    let clients = kestrel_inventory::Clients::new(provider.clone(), lookup, args.retries)
        .with_healing(provider.clone());

    // Who we are and which regions are enabled are two round trips, asked at once and
    // while collection starts: the global services at once, the regional ones at once
    // when the regions were named (-f; checked against the enabled ones meanwhile),
    // after ec2:DescribeRegions otherwise. An error in either stops everything.
    let partition = kestrel_inventory::partition_of(&home_region).to_string();
    let enabled = kestrel_inventory::enabled_regions(&clients, &home_region)
        .boxed()
        .shared();
    let (account_tx, account) = kestrel_inventory::AccountId::pending();
    let bar = if interactive && target.is_none() {
        let b = indicatif::ProgressBar::new(0);
        b.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} collecting [{bar:30}] {pos}/{len} {msg}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
        );
        Some(b)
    } else {
        None
    };
    let preamble = async {
        let (identity, enabled) = tokio::join!(provider.identity(&sts_settings), enabled.clone(),);
        let identity = identity?;
        account_tx.send(&identity.account);
        let enabled = enabled.map_err(|e| {
            Failure::Other(anyhow::anyhow!(
                "cannot list the account's regions: {}",
                e.describe()
            ))
        })?;
        for r in &args.regions {
            if !enabled.contains(r) {
                let valid: Vec<&str> = enabled.iter().map(String::as_str).collect();
                return Err(select::unknown(
                    "region (not enabled for this account)",
                    r,
                    &valid,
                ));
            }
        }
        tracing::debug!(
            "identity and enabled regions after {} ms",
            started.elapsed().as_millis()
        );
        let regions = scan_regions(args, &enabled, &home_region);
        if !args.no_banner && target.is_none() {
            let banner = banner(args, &regions, &identity, assumed.as_deref());
            match &bar {
                Some(b) => b.suspend(|| eprint!("{banner}")),
                None => eprint!("{banner}"),
            }
        }
        Ok::<_, Failure>(identity)
    };
    let regions = async {
        if !args.regions.is_empty() {
            return scan_regions(args, &args.regions, &home_region);
        }
        match enabled.clone().await {
            Ok(enabled) => scan_regions(args, &enabled, &home_region),
            // The preamble reports the error and the scan stops.
            Err(_) => std::future::pending().await,
        }
    };
    let mut snapshot = Snapshot {
        format: SNAPSHOT_FORMAT,
        collected_at: kestrel_model::time::rfc3339(kestrel_model::time::now_epoch()),
        ..Default::default()
    };
    snapshot.account.partition = partition;
    let actions: BTreeSet<String> = checks
        .iter()
        .flat_map(|c| c.meta.needs.iter().map(|a| a.key()))
        .collect();
    let scope = kestrel_inventory::Scope { actions, limit };
    let progress = Arc::new(Bar(bar.clone()));
    let collection =
        kestrel_inventory::collect(clients.clone(), scope, snapshot, account, regions, progress)
            .map(Ok::<_, Failure>);
    let (identity, (mut snapshot, stats)) = tokio::try_join!(preamble, collection)?;
    snapshot.account.account_id = identity.account.clone();
    snapshot.scan_id = kestrel_report::ScanInfo::now(snapshot.account.clone(), None, "").scan_id;
    snapshot.account.partition = identity.arn.split(':').nth(1).unwrap_or("aws").to_string();
    snapshot.account.caller_arn = identity.arn.clone();
    snapshot.account.user_id = identity.user_id.clone();
    snapshot.account.profile = args.auth.profile.clone();
    snapshot.account.assumed_role_arn = assumed.clone();
    if let Some(meta) = target.and_then(|t| t.metadata.clone()) {
        crate::targets::apply_metadata(&mut snapshot, meta);
    }
    if let Some(b) = bar {
        b.finish_and_clear();
    }
    tracing::debug!(
        "collected ({} requests) after {} ms",
        stats.requests,
        started.elapsed().as_millis()
    );
    if provider.refresh_count() > 0 {
        tracing::info!(
            "credentials were refreshed {} time(s) during the scan",
            provider.refresh_count()
        );
    }
    evaluate_and_report(args, checks, &snapshot, stats.requests, started)
}

pub fn load_inventory(path: &Path) -> Result<Snapshot, Failure> {
    let text = std::fs::read(path).map_err(|e| {
        Failure::Other(anyhow::anyhow!(
            "cannot read the inventory {}: {e}",
            path.display()
        ))
    })?;
    let snap: Snapshot = serde_json::from_slice(&text).map_err(|e| {
        Failure::Other(anyhow::anyhow!(
            "{} is not a kestrel inventory (saved with --save-inventory): {e}",
            path.display()
        ))
    })?;
    if snap.format != SNAPSHOT_FORMAT {
        return Err(Failure::Other(anyhow::anyhow!(
            "{} is an inventory of format {}; this kestrel reads format {SNAPSHOT_FORMAT}: collect it again with --save-inventory",
            path.display(),
            snap.format,
        )));
    }
    if !kestrel_model::is_account_id(&snap.account.account_id) {
        // The account id names the report files: `/../../x` would write outside -o.
        return Err(Failure::Other(anyhow::anyhow!(
            "{} is not a usable kestrel inventory: its account id {} is not 12 digits",
            path.display(),
            kestrel_auth::validate::shown(&snap.account.account_id)
        )));
    }
    Ok(snap)
}

pub fn save_inventory(path: &Path, snap: &Snapshot) -> Result<(), Failure> {
    let fail = |e: std::io::Error| {
        Failure::Other(anyhow::anyhow!(
            "cannot write the inventory {}: {e}",
            path.display()
        ))
    };
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        kestrel_auth::cache::create_private_dir(dir).map_err(fail)?;
    }
    let text = serde_json::to_vec(snap).map_err(|e| Failure::Other(e.into()))?;
    crate::reports::write_private(path, &text).map_err(fail)
}
