//! Many accounts in one run: the targets (`--role-name` with `--account-ids`,
//! `--accounts-file` or `--organizations`), scanned `--parallel-accounts` at a time under
//! the one global limit on in-flight requests, one report set per account and a
//! combined summary (terminal, CSV, JSON).
//!
//! Exit codes of a multi-account run: 0 every account scanned and nothing failed;
//! 3 every account scanned and some check failed (unless `-z`); 4 at least one account
//! could not be scanned (the others were).

use std::path::PathBuf;

use futures::StreamExt;
use kestrel_checks::Check;
use kestrel_model::Status;

use crate::account::{scan_account, Outcome};
use crate::args::{ScanArgs, EXIT_ACCOUNTS_UNREACHABLE};
use crate::targets::Target;
use crate::Failure;

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
        crate::args::EXIT_FAILED_CHECKS
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
