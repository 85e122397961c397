//! Many accounts in one run: the targets (`--role-name` with `--account-ids`,
//! `--accounts-file` or `--organizations`), scanned `--parallel-accounts` at a time under
//! the one global limit on in-flight requests, one report set per account and a
//! combined summary (terminal, CSV, JSON).
//!
//! Exit codes of a multi-account run: 0 every account scanned and nothing failed;
//! 3 every account scanned and some check failed (unless `-z`); 4 at least one account
//! could not be scanned (the others were).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::Args;
use futures::StreamExt;
use kestrel_checks::Check;
use kestrel_model::{Snapshot, Status};

use crate::scan::{scan_account, Outcome, ScanArgs};
use crate::Failure;

pub const EXIT_ACCOUNTS_UNREACHABLE: u8 = 4;

#[derive(Debug, Clone, Args, Default)]
pub struct TargetArgs {
    /// The role to assume in every target account (name or path/name).
    #[arg(long = "role-name", value_name = "NAME")]
    pub role_name: Option<String>,
    /// Target accounts, comma- or space-separated.
    #[arg(long = "account-ids", value_delimiter = ',', num_args = 1.., value_name = "ID")]
    pub account_ids: Vec<String>,
    /// Target accounts from a file: one id per line, `#` comments.
    #[arg(long = "accounts-file", value_name = "FILE")]
    pub accounts_file: Option<PathBuf>,
    /// Every ACTIVE account of the organization (listed with the current credentials:
    /// management account or delegated administrator).
    #[arg(long = "organizations")]
    pub organizations: bool,
    /// With --organizations: only accounts under these OUs (recursively).
    #[arg(long = "organizational-units", value_delimiter = ',', num_args = 1.., value_name = "OU")]
    pub organizational_units: Vec<String>,
    /// Accounts to leave out.
    #[arg(long = "exclude-accounts", value_delimiter = ',', num_args = 1.., value_name = "ID")]
    pub exclude_accounts: Vec<String>,
    /// A role that can read AWS Organizations, to put each account's name, email, OU
    /// path and tags in the reports (Prowler's -O).
    #[arg(short = 'O', long = "organizations-role", value_name = "ARN")]
    pub organizations_role: Option<String>,
    /// How many accounts to scan at once (all share --max-concurrency).
    #[arg(long = "parallel-accounts", default_value_t = 4, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=256))]
    pub parallel_accounts: u32,
}

impl TargetArgs {
    pub fn is_multi(&self) -> bool {
        self.role_name.is_some()
            || !self.account_ids.is_empty()
            || self.accounts_file.is_some()
            || self.organizations
    }
}

/// One account to scan.
#[derive(Debug, Clone)]
pub struct Target {
    pub account_id: String,
    pub role_arn: String,
    pub mfa_serial: Option<String>,
    pub metadata: Option<kestrel_inventory::org::AccountMetadata>,
}

use kestrel_model::is_account_id as valid_account;

/// The account ids given by `--account-ids` and `--accounts-file` (checked).
pub fn listed_accounts(t: &TargetArgs) -> Result<Vec<String>, Failure> {
    let mut ids: Vec<String> = t
        .account_ids
        .iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    if let Some(path) = &t.accounts_file {
        let text = std::fs::read_to_string(path).map_err(|e| {
            Failure::Usage(format!(
                "cannot read --accounts-file {}: {e}",
                path.display()
            ))
        })?;
        for (n, line) in text.lines().enumerate() {
            let id = line.split('#').next().unwrap_or("").trim();
            if id.is_empty() {
                continue;
            }
            if !valid_account(id) {
                return Err(Failure::Usage(format!(
                    "{}:{}: {} is not a 12-digit AWS account id",
                    path.display(),
                    n + 1,
                    kestrel_auth::validate::shown(id)
                )));
            }
            ids.push(id.to_string());
        }
    }
    for id in ids.iter().chain(&t.exclude_accounts) {
        if !valid_account(id) {
            return Err(Failure::Usage(format!(
                "{} is not a 12-digit AWS account id",
                kestrel_auth::validate::shown(id)
            )));
        }
    }
    Ok(ids)
}

/// Checks the target flags; None for a single-account run.
pub async fn targets(args: &ScanArgs) -> Result<Option<Vec<Target>>, Failure> {
    let t = &args.targets;
    if !t.is_multi() {
        return Ok(None);
    }
    targets_for(&args.auth, t).await.map(Some)
}

pub async fn targets_for(
    auth: &crate::auth_args::AuthArgs,
    t: &TargetArgs,
) -> Result<Vec<Target>, Failure> {
    if auth.role.is_some() {
        return Err(Failure::Usage(
            "-R/--role names one role; for many accounts use --role-name with --account-ids, --accounts-file or --organizations".into(),
        ));
    }
    let Some(role_name) = &t.role_name else {
        return Err(Failure::Usage(
            "--account-ids, --accounts-file and --organizations need --role-name (the role to assume in each account)".into(),
        ));
    };
    let role_name = role_name.trim_start_matches('/');
    if role_name.is_empty() || role_name.contains(':') {
        return Err(Failure::Usage(format!(
            "invalid --role-name {}: a role name or path/name, not an ARN",
            kestrel_auth::validate::shown(role_name)
        )));
    }
    let mut ids = listed_accounts(t)?;
    if !t.organizational_units.is_empty() && !t.organizations {
        return Err(Failure::Usage(
            "--organizational-units needs --organizations".into(),
        ));
    }
    let source = auth.source_resolver()?;
    let mut source_resolved = source.resolve(false).await?;
    let partition = source
        .identity(&mut source_resolved)
        .await?
        .arn
        .split(':')
        .nth(1)
        .unwrap_or("aws")
        .to_string();
    if t.organizations {
        let clients = clients_for(source, &source_resolved, 3);
        let accounts = kestrel_inventory::org::list_accounts(&clients, &t.organizational_units)
            .await
            .map_err(|e| {
                Failure::Other(anyhow::anyhow!(
                    "cannot list the organization's accounts: {}",
                    e.describe()
                ))
            })?;
        for a in accounts {
            if !valid_account(&a.id) {
                return Err(Failure::Other(anyhow::anyhow!(
                    "Organizations listed the account id {}, which is not 12 digits",
                    kestrel_auth::validate::shown(&a.id)
                )));
            }
            ids.push(a.id);
        }
    }
    let excluded: BTreeSet<&String> = t.exclude_accounts.iter().collect();
    let mut seen = BTreeSet::new();
    ids.retain(|id| !excluded.contains(id) && seen.insert(id.clone()));
    if ids.is_empty() {
        return Err(Failure::Usage("no target account left (check --account-ids/--accounts-file/--organizations and --exclude-accounts)".into()));
    }
    // MFA: the device is asked once here; the code once, for one cached session.
    let mfa_serial = if auth.mfa {
        use kestrel_auth::mfa::Prompter;
        Some(kestrel_auth::mfa::TerminalPrompter::default().mfa_serial()?)
    } else {
        None
    };
    let metadata = match &t.organizations_role {
        Some(arn) => {
            kestrel_auth::validate::role_arn(arn)
                .map_err(|e| Failure::Usage(format!("-O: {e}")))?;
            let r = auth.resolver_for_target(arn, mfa_serial.as_deref())?;
            let resolved = r.resolve(false).await?;
            Some(clients_for(r, &resolved, 3))
        }
        None => None,
    };
    let mut out = Vec::new();
    for id in ids {
        let meta = match &metadata {
            Some(c) => match kestrel_inventory::org::account_metadata(c, &id).await {
                Ok(m) => Some(m),
                Err(e) => {
                    eprintln!(
                        "kestrel: warning: no organization metadata for {id}: {}",
                        e.describe()
                    );
                    None
                }
            },
            None => None,
        };
        out.push(Target {
            role_arn: format!("arn:{partition}:iam::{id}:role/{role_name}"),
            account_id: id,
            mfa_serial: mfa_serial.clone(),
            metadata: meta,
        });
    }
    Ok(out)
}

fn clients_for(
    resolver: kestrel_auth::Resolver,
    resolved: &kestrel_auth::Resolved,
    retries: u32,
) -> kestrel_inventory::Clients {
    let env = resolver.env().clone();
    let files = resolver.files().clone();
    let profile = resolver.profile().to_string();
    let provider = kestrel_auth::RefreshingProvider::new(resolver, resolved);
    let lookup: kestrel_inventory::clients::EndpointLookup =
        Arc::new(move |id: &str, key: &str| {
            kestrel_auth::resolve::endpoint_url(&env, &files, &profile, id, key)
        });
    kestrel_inventory::Clients::new(provider, lookup, retries)
}

pub fn apply_metadata(snapshot: &mut Snapshot, m: kestrel_inventory::org::AccountMetadata) {
    let a = &mut snapshot.account;
    a.name = Some(m.name).filter(|s| !s.is_empty());
    a.email = Some(m.email).filter(|s| !s.is_empty());
    a.organization_id = Some(m.organization_id).filter(|s| !s.is_empty());
    a.organization_arn = Some(m.organization_arn).filter(|s| !s.is_empty());
    a.ou_id = m.ou_id;
    a.ou_path = m.ou_path;
    a.tags = m.tags;
}

/// `--save-inventory inv.json` in a multi-account run writes `inv-<account>.json`.
pub fn per_account_path(path: &Path, account: &str, args: &ScanArgs) -> PathBuf {
    if !args.targets.is_multi() {
        return path.to_path_buf();
    }
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("inventory");
    let ext = path.extension().and_then(|s| s.to_str()).unwrap_or("json");
    path.with_file_name(format!("{stem}-{account}.{ext}"))
}

struct Row {
    account_id: String,
    name: String,
    outcome: Result<Outcome, String>,
}

pub async fn run_all(
    args: &ScanArgs,
    checks: &[&'static Check],
    targets: Vec<Target>,
    limit: kestrel_inventory::Limit,
) -> Result<u8, Failure> {
    let started = std::time::Instant::now();
    eprintln!(
        "kestrel {}: {} accounts, {} at a time, at most {} requests in flight\n",
        env!("CARGO_PKG_VERSION"),
        targets.len(),
        args.targets.parallel_accounts,
        args.max_concurrency
    );
    let mut targets = targets.into_iter();
    let mut rows = Vec::new();
    // With --mfa the first account goes alone: it asks the code once and caches the
    // session that every other account then uses.
    if args.auth.mfa {
        if let Some(first) = targets.next() {
            rows.push(scan_row(args, checks, first, limit.clone()).await);
        }
    }
    let rest: Vec<Row> = futures::stream::iter(targets)
        .map(|t| scan_row(args, checks, t, limit.clone()))
        .buffer_unordered(args.targets.parallel_accounts as usize)
        .collect()
        .await;
    rows.extend(rest);
    rows.sort_by(|a, b| a.account_id.cmp(&b.account_id));

    let text = render(&rows);
    eprintln!("\n{text}");
    let (csv_path, json_path) = write_summary(args, &rows)
        .map_err(|e| Failure::Other(anyhow::anyhow!("cannot write the summary: {e}")))?;
    eprintln!("  {}\n  {}", csv_path.display(), json_path.display());
    eprintln!(
        "\n{} accounts in {:.1}s",
        rows.len(),
        started.elapsed().as_secs_f64()
    );
    if rows.iter().any(|r| r.outcome.is_err()) {
        return Ok(EXIT_ACCOUNTS_UNREACHABLE);
    }
    let failed = rows
        .iter()
        .any(|r| matches!(&r.outcome, Ok(o) if o.summary.count(Status::Fail) > 0));
    Ok(if failed && !args.ignore_exit_code_3 {
        crate::scan::EXIT_FAILED_CHECKS
    } else {
        0
    })
}

async fn scan_row(
    args: &ScanArgs,
    checks: &[&'static Check],
    t: Target,
    limit: kestrel_inventory::Limit,
) -> Row {
    let name = t
        .metadata
        .as_ref()
        .map(|m| m.name.clone())
        .unwrap_or_default();
    let account_id = t.account_id.clone();
    let outcome = match scan_account(args, checks, Some(&t), limit, false).await {
        Ok(o) => {
            eprintln!(
                "  {account_id}  scanned: {} PASS, {} FAIL, {} MANUAL, {} ERROR ({:.1}s)",
                o.summary.count(Status::Pass),
                o.summary.count(Status::Fail),
                o.summary.count(Status::Manual),
                o.summary.count(Status::Error),
                o.seconds
            );
            Ok(o)
        }
        Err(e) => {
            let reason = match &e {
                Failure::Auth(a) => {
                    let (sentence, code) = kestrel_auth::error::explain_assume_failure(a);
                    format!("cannot assume {}: {sentence} ({code})", t.role_arn)
                }
                Failure::Usage(m) => m.clone(),
                Failure::Other(e) => format!("{e:#}"),
            };
            eprintln!("  {account_id}  NOT SCANNED: {reason}");
            Err(reason)
        }
    };
    Row {
        account_id,
        name,
        outcome,
    }
}

fn render(rows: &[Row]) -> String {
    let mut out = format!(
        "{:<14}{:<22}{:>7}{:>7}{:>8}{:>7}  {:<10}{}\n",
        "Account", "Name", "PASS", "FAIL", "MANUAL", "ERROR", "Highest", "Status"
    );
    for r in rows {
        match &r.outcome {
            Ok(o) => {
                let [pass, fail, manual, error] = o.summary.by_status();
                out.push_str(&format!(
                    "{:<14}{:<22}{:>7}{:>7}{:>8}{:>7}  {:<10}{}\n",
                    r.account_id,
                    truncate(&r.name, 21),
                    pass,
                    fail,
                    manual,
                    error,
                    o.summary
                        .highest_failing()
                        .map(|s| s.as_str())
                        .unwrap_or("-"),
                    "scanned"
                ));
            }
            Err(reason) => out.push_str(&format!(
                "{:<14}{:<22}{:>7}{:>7}{:>8}{:>7}  {:<10}NOT SCANNED: {reason}\n",
                r.account_id,
                truncate(&r.name, 21),
                "-",
                "-",
                "-",
                "-",
                "-"
            )),
        }
    }
    out
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        s.chars().take(n - 1).collect::<String>() + "…"
    }
}

use kestrel_report::csv::cell as csv_field;

fn write_summary(args: &ScanArgs, rows: &[Row]) -> std::io::Result<(PathBuf, PathBuf)> {
    let dir = &args.output_directory;
    kestrel_auth::cache::create_private_dir(dir)?;
    let stamp =
        kestrel_model::time::rfc3339(kestrel_model::time::now_epoch()).replace([':', '-'], "");
    let base = args
        .output_filename
        .clone()
        .map(|n| format!("{n}-summary"))
        .unwrap_or_else(|| format!("kestrel-summary-{}", stamp.trim_end_matches('Z')));
    let csv_path = dir.join(format!("{base}.csv"));
    let json_path = dir.join(format!("{base}.json"));
    let mut csv = String::from("ACCOUNT_ID;ACCOUNT_NAME;STATUS;REASON;PASS;FAIL;MANUAL;ERROR;HIGHEST_FAILING_SEVERITY;REPORTS\n");
    let mut json = Vec::new();
    for r in rows {
        match &r.outcome {
            Ok(o) => {
                let files: Vec<String> = o.files.iter().map(|f| f.display().to_string()).collect();
                let [pass, fail, manual, error] = o.summary.by_status();
                csv.push_str(&format!(
                    "{};{};SCANNED;;{};{};{};{};{};{}\n",
                    r.account_id,
                    csv_field(&r.name),
                    pass,
                    fail,
                    manual,
                    error,
                    o.summary
                        .highest_failing()
                        .map(|s| s.as_str())
                        .unwrap_or(""),
                    csv_field(&files.join(" | "))
                ));
                json.push(serde_json::json!({
                    "account_id": r.account_id, "account_name": r.name, "status": "SCANNED",
                    "pass": pass, "fail": fail, "manual": manual, "error": error,
                    "highest_failing_severity": o.summary.highest_failing().map(|s| s.as_str()),
                    "reports": files,
                }));
            }
            Err(reason) => {
                csv.push_str(&format!(
                    "{};{};NOT_SCANNED;{};;;;;;\n",
                    r.account_id,
                    csv_field(&r.name),
                    csv_field(reason)
                ));
                json.push(serde_json::json!({
                    "account_id": r.account_id, "account_name": r.name, "status": "NOT_SCANNED", "reason": reason,
                }));
            }
        }
    }
    crate::reports::write_private(&csv_path, csv.as_bytes())?;
    let text = serde_json::to_vec_pretty(&json).map_err(std::io::Error::other)?;
    crate::reports::write_private(&json_path, &text)?;
    Ok((csv_path, json_path))
}
