//! `kestrel aws`: resolve credentials, pick regions, collect the inventory, run the
//! selected checks, stream findings to the reports, print the summary, choose the exit
//! code (3 when something fails, unless `-z`).

use std::collections::BTreeSet;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use clap::Args;
use futures::FutureExt;
use kestrel_checks::{Check, Scan, Settings};
use kestrel_model::{Finding, Severity, Snapshot, Status, SNAPSHOT_FORMAT};

use crate::auth_args::AuthArgs;
use crate::select::{self, Selection};
use crate::Failure;

pub const EXIT_FAILED_CHECKS: u8 = 3;

#[derive(Debug, Clone, Args)]
pub struct ScanArgs {
    #[command(flatten)]
    pub auth: AuthArgs,

    #[command(flatten)]
    pub targets: crate::multi::TargetArgs,

    // ---- selection
    /// Run only these checks.
    #[arg(short = 'c', long = "checks", alias = "check", num_args = 1.., value_name = "CHECK")]
    pub checks: Vec<String>,
    /// Run only the checks of these services.
    #[arg(short = 's', long = "services", alias = "service", num_args = 1.., value_name = "SERVICE")]
    pub services: Vec<String>,
    /// Run only the checks of these frameworks (cis_7.0_aws, cis_6.0_aws).
    #[arg(long = "compliance", num_args = 1.., value_name = "FRAMEWORK")]
    pub compliance: Vec<String>,
    /// Only checks of these severities.
    #[arg(long = "severity", alias = "severities", num_args = 1.., value_name = "SEVERITY")]
    pub severity: Vec<String>,
    /// Skip these checks.
    #[arg(short = 'e', long = "excluded-checks", alias = "excluded-check", num_args = 1.., value_name = "CHECK")]
    pub excluded_checks: Vec<String>,
    /// Skip the checks of these services.
    #[arg(long = "excluded-services", alias = "excluded-service", num_args = 1.., value_name = "SERVICE")]
    pub excluded_services: Vec<String>,

    // ---- listings
    /// List the selected checks and exit.
    #[arg(short = 'l', long = "list-checks")]
    pub list_checks: bool,
    /// List the services and exit.
    #[arg(long = "list-services")]
    pub list_services: bool,
    /// List the compliance frameworks and exit.
    #[arg(long = "list-compliance", alias = "list-compliances")]
    pub list_compliance: bool,
    /// List a framework's requirements and their checks, then exit.
    #[arg(long = "list-compliance-requirements", num_args = 1.., value_name = "FRAMEWORK")]
    pub list_compliance_requirements: Vec<String>,

    // ---- regions
    /// Scan only these regions (default: every region enabled for the account).
    #[arg(short = 'f', long = "region", alias = "filter-region", num_args = 1.., value_name = "REGION")]
    pub regions: Vec<String>,
    /// Do not scan these regions.
    #[arg(long = "excluded-region", alias = "excluded-regions", num_args = 1.., value_name = "REGION")]
    pub excluded_regions: Vec<String>,

    // ---- collection
    /// At most this many AWS API requests in flight at once, over all services and regions.
    #[arg(long = "max-concurrency", default_value_t = 32, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024))]
    pub max_concurrency: u32,
    /// Attempts per API call (the SDK's standard retry mode: throttling and server
    /// errors are retried with jittered exponential backoff).
    #[arg(long = "aws-retries-max-attempts", default_value_t = 8, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=20))]
    pub retries: u32,
    /// Also report unused resources (security groups, NACLs not attached to anything).
    #[arg(long = "scan-unused-services")]
    pub scan_unused_services: bool,
    /// Write the collected inventory (snapshot) to FILE as JSON.
    #[arg(long = "save-inventory", value_name = "FILE")]
    pub save_inventory: Option<PathBuf>,
    /// Evaluate a saved inventory instead of calling AWS (no credentials needed).
    #[arg(
        long = "inventory",
        value_name = "FILE",
        conflicts_with = "save_inventory"
    )]
    pub inventory: Option<PathBuf>,

    // ---- output
    /// Output formats.
    #[arg(short = 'M', long = "output-formats", alias = "output-modes", num_args = 1.., default_values_t = vec!["csv".to_string(), "json-ocsf".to_string(), "html".to_string()], value_name = "FORMAT")]
    pub output_formats: Vec<String>,
    /// Output directory.
    #[arg(
        short = 'o',
        long = "output-directory",
        default_value = "output",
        value_name = "DIR"
    )]
    pub output_directory: PathBuf,
    /// Output file name, without extension (default kestrel-output-<account>-<timestamp>).
    #[arg(short = 'F', long = "output-filename", value_name = "NAME")]
    pub output_filename: Option<String>,
    /// Failed checks do not make the exit code 3.
    #[arg(short = 'z', long = "ignore-exit-code-3")]
    pub ignore_exit_code_3: bool,
    /// No banner.
    #[arg(short = 'b', long = "no-banner")]
    pub no_banner: bool,
    /// Only these statuses in the reports.
    #[arg(long = "status", num_args = 1.., value_name = "STATUS")]
    pub status: Vec<String>,
}

const FORMATS: [&str; 3] = ["csv", "json-ocsf", "html"];

impl ScanArgs {
    fn selection(&self) -> Selection {
        Selection {
            checks: self.checks.clone(),
            services: self.services.clone(),
            compliance: self.compliance.clone(),
            severities: self.severity.clone(),
            excluded_checks: self.excluded_checks.clone(),
            excluded_services: self.excluded_services.clone(),
        }
    }

    /// Everything that can be checked before touching the network.
    fn validate(&self) -> Result<(), Failure> {
        for f in &self.output_formats {
            if !FORMATS.contains(&f.as_str()) {
                return Err(select::unknown("output format", f, &FORMATS));
            }
        }
        for s in &self.status {
            if !["PASS", "FAIL", "MANUAL", "ERROR"].contains(&s.to_uppercase().as_str()) {
                return Err(select::unknown(
                    "status",
                    s,
                    &["PASS", "FAIL", "MANUAL", "ERROR"],
                ));
            }
        }
        for r in self.regions.iter().chain(&self.excluded_regions) {
            if !looks_like_region(r) {
                return Err(Failure::Usage(format!(
                    "invalid region {}: expected a region name such as us-east-1 or eu-west-2",
                    kestrel_auth::validate::shown(r)
                )));
            }
        }
        if let Some(name) = &self.output_filename {
            if name.contains('/') || name.is_empty() {
                return Err(Failure::Usage(format!(
                    "invalid output file name {}: a file name without directories (use -o for the directory)",
                    kestrel_auth::validate::shown(name)
                )));
            }
        }
        Ok(())
    }
}

/// `us-east-1`, `eu-central-2`, `us-gov-west-1`, `cn-north-1`, `ap-southeast-4`.
pub fn looks_like_region(r: &str) -> bool {
    let parts: Vec<&str> = r.split('-').collect();
    parts.len() >= 3
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
        && parts
            .last()
            .map(|p| p.chars().all(|c| c.is_ascii_digit()))
            .unwrap_or(false)
        && parts[0].chars().all(|c| c.is_ascii_lowercase())
}

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
    let ctx = Scan::new(snapshot, settings, now);
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

pub async fn run(args: ScanArgs) -> Result<u8, Failure> {
    args.validate()?;
    let selection = args.selection();
    if args.list_services {
        print!("{}", select::list_services());
        return Ok(0);
    }
    if args.list_compliance {
        print!("{}", select::list_compliance());
        return Ok(0);
    }
    if !args.list_compliance_requirements.is_empty() {
        print!(
            "{}",
            select::list_requirements(&args.list_compliance_requirements)?
        );
        return Ok(0);
    }
    let checks = selection.resolve()?;
    if args.list_checks {
        print!("{}", select::list_checks(&checks));
        return Ok(0);
    }
    let interactive = std::io::stderr().is_terminal();
    let limit = kestrel_inventory::limit(args.max_concurrency as usize);

    if let Some(path) = &args.inventory {
        let started = Instant::now();
        let snapshot = load_inventory(path)?;
        let outcome = evaluate_and_report(&args, &checks, &snapshot, 0, started)?;
        print_outcome(&outcome);
        return Ok(verdict(&args, &outcome.summary));
    }
    match crate::multi::targets(&args).await? {
        None => {
            let outcome = scan_account(&args, &checks, None, limit, interactive).await?;
            print_outcome(&outcome);
            Ok(verdict(&args, &outcome.summary))
        }
        Some(targets) => crate::multi::run_all(&args, &checks, targets, limit).await,
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
}

fn print_outcome(o: &Outcome) {
    eprintln!();
    eprint!("{}", o.summary.render());
    eprintln!();
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
        let path = crate::multi::per_account_path(path, &snapshot.account.account_id, args);
        save_inventory(&path, snapshot)?;
        eprintln!("Inventory saved to {}", path.display());
    }
    let now = kestrel_model::time::parse(&snapshot.collected_at)
        .unwrap_or_else(kestrel_model::time::now_epoch);
    let mut reports = crate::reports::Reports::open(args, snapshot)?;
    let mut summary = Summary::default();
    let statuses: Vec<String> = args.status.iter().map(|s| s.to_uppercase()).collect();
    let mut write_error: Option<std::io::Error> = None;
    evaluate(checks, snapshot, &settings, now, &mut |f, check| {
        if !statuses.is_empty() && !statuses.iter().any(|s| s == f.status.as_str()) {
            return;
        }
        summary.add(f, &check.meta);
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
    target: Option<&crate::multi::Target>,
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
        .flat_map(|c| c.meta.needs.iter().map(|a| a.to_string()))
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
        crate::multi::apply_metadata(&mut snapshot, meta);
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
