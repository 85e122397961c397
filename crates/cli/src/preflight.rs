//! `kestrel preflight`: assume every target role and call GetCallerIdentity, without
//! scanning. Says, for each target, OK with the session it got, or why not in plain
//! words with the AWS error code. Sessions are assumed afresh (never from the cache),
//! except the one MFA session of `--mfa`.
//!
//! Exit codes: 0 every target assumable; 4 some are not; 1/2 as usual.

use std::time::SystemTime;

use clap::Args;
use futures::StreamExt;

use crate::args::{TargetArgs, EXIT_ACCOUNTS_UNREACHABLE};
use crate::auth_args::AuthArgs;
use crate::Failure;

#[derive(Debug, Clone, Args)]
pub struct PreflightArgs {
    #[command(flatten)]
    pub auth: AuthArgs,
    #[command(flatten)]
    pub targets: TargetArgs,
}

struct Line {
    account: String,
    role: String,
    result: Result<(String, u64), (String, String)>,
}

pub async fn run(args: PreflightArgs) -> Result<u8, Failure> {
    let mut auth = args.auth.clone();
    // A preflight proves the trust, so roles are assumed afresh; only the MFA session
    // (one code for all) may come from the cache.
    auth.no_cache = !auth.mfa;
    let targets: Vec<(String, String, Option<String>)> = if args.targets.is_multi() {
        crate::targets::targets_for(&auth, &args.targets)
            .await?
            .into_iter()
            .map(|t| (t.account_id, t.role_arn, t.mfa_serial))
            .collect()
    } else {
        let Some(role) = auth.role.clone() else {
            return Err(Failure::Usage(
                "preflight needs targets: -R ARN, or --role-name with --account-ids, --accounts-file or --organizations".into(),
            ));
        };
        let account = role.split(':').nth(4).unwrap_or_default().to_string();
        vec![(account, role, None)]
    };
    let single = !args.targets.is_multi();
    let one = |(account, role, serial): (String, String, Option<String>)| {
        let auth = auth.clone();
        async move {
            let result = check(&auth, &role, serial.as_deref(), single).await;
            Line {
                account,
                role,
                result,
            }
        }
    };
    let mut targets = targets.into_iter();
    let mut lines = Vec::new();
    // With --mfa the first role goes alone, as in a scan: it asks the code once (or
    // replaces a rejected MFA session) and caches the session the others then use.
    if auth.mfa {
        if let Some(first) = targets.next() {
            lines.push(one(first).await);
        }
    }
    let rest: Vec<Line> = futures::stream::iter(targets)
        .map(one)
        .buffer_unordered(args.targets.parallel_accounts as usize)
        .collect()
        .await;
    lines.extend(rest);
    lines.sort_by(|a, b| a.account.cmp(&b.account).then(a.role.cmp(&b.role)));
    let mut failed = 0;
    for l in &lines {
        match &l.result {
            Ok((arn, secs)) => println!(
                "OK    {}  {}\n      session {arn}, valid for {}",
                l.account,
                l.role,
                duration(*secs)
            ),
            Err((why, code)) => {
                failed += 1;
                println!("FAIL  {}  {}\n      {why} [{code}]", l.account, l.role);
            }
        }
    }
    println!(
        "\n{} of {} roles can be assumed.",
        lines.len() - failed,
        lines.len()
    );
    Ok(if failed > 0 {
        EXIT_ACCOUNTS_UNREACHABLE
    } else {
        0
    })
}

async fn check(
    auth: &AuthArgs,
    role: &str,
    serial: Option<&str>,
    single: bool,
) -> Result<(String, u64), (String, String)> {
    let explain = |e: &kestrel_auth::AuthError| kestrel_auth::error::explain_assume_failure(e);
    let resolver = if single {
        auth.resolver()
    } else {
        auth.resolver_for_target(role, serial)
    }
    .map_err(|e| explain(&e))?;
    let mut resolved = resolver.resolve(false).await.map_err(|e| explain(&e))?;
    let id = resolver
        .identity(&mut resolved)
        .await
        .map_err(|e| explain(&e))?;
    let secs = resolved
        .credentials
        .expiration
        .and_then(|e| e.duration_since(SystemTime::now()).ok())
        .map(|d| d.as_secs())
        .unwrap_or(0);
    Ok((id.arn, secs))
}

fn duration(secs: u64) -> String {
    let m = (secs + 30) / 60;
    if m >= 60 {
        format!("{}h{:02}m", m / 60, m % 60)
    } else {
        format!("{m}m")
    }
}
