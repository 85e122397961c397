//! The `kestrel` binary: parses arguments, wires them to the libraries, prints, and
//! chooses the exit code. Exit codes: 0 ok, 1 credential or runtime error, 2 usage error,
//! 3 a scan found failing checks (unless `-z`), 4 some target accounts could not be
//! scanned or assumed (multi-account runs and preflight).

mod account;
mod args;
mod auth_args;
mod explain;
mod multi;
mod preflight;
mod reports;
mod scan;
mod select;
mod targets;
mod template;

use std::io::Write;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use kestrel_auth::AuthError;

use auth_args::AuthArgs;

#[derive(Debug, Parser)]
#[command(
    name = "kestrel",
    version,
    about = "Fast AWS security assessment with AWS-CLI-compatible credentials"
)]
struct Cli {
    /// Log level for kestrel's own messages on standard error (secrets are never logged).
    #[arg(long = "log-level", global = true, default_value = "warn", value_parser = ["error", "warn", "info", "debug", "trace"], ignore_case = true)]
    log_level: String,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Assess an AWS account (Prowler-compatible checks and reports).
    Aws(Box<args::ScanArgs>),
    /// Resolve credentials and print `aws sts get-caller-identity`'s JSON.
    Whoami {
        #[command(flatten)]
        auth: AuthArgs,
        /// Print the resolved credential chain on standard error.
        #[arg(long)]
        explain: bool,
    },
    /// Assume every target role and say which cannot be assumed and why (no scan).
    Preflight(Box<preflight::PreflightArgs>),
    /// Print the CloudFormation template (YAML) of the role kestrel scans with.
    ScanRoleTemplate {
        /// A template that deploys the role to an organization's OUs through a StackSet.
        #[arg(long)]
        stackset: bool,
    },
    /// Manage the credential cache shared with the AWS CLI (~/.aws/cli/cache).
    Cache {
        #[command(subcommand)]
        action: CacheAction,
    },
}

#[derive(Debug, Subcommand)]
enum CacheAction {
    /// Remove every cached session (kestrel's and the AWS CLI's).
    Clear,
}

/// A failure and the exit code it maps to.
#[derive(Debug)]
pub(crate) enum Failure {
    Auth(AuthError),
    /// A command-line usage problem (exit code 2).
    Usage(String),
    Other(anyhow::Error),
}

impl From<AuthError> for Failure {
    fn from(e: AuthError) -> Self {
        Failure::Auth(e)
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Other(e)
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_logging(&cli.log_level);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("kestrel: cannot start the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(Failure::Auth(e)) => {
            eprintln!("kestrel: {e}");
            if let Some(h) = e.hint() {
                eprintln!("{h}");
            }
            ExitCode::from(if e.is_usage() { 2 } else { 1 })
        }
        Err(Failure::Usage(msg)) => {
            eprintln!("kestrel: {msg}");
            ExitCode::from(2)
        }
        Err(Failure::Other(e)) => {
            eprintln!("kestrel: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn init_logging(level: &str) {
    let level = level.to_ascii_lowercase();
    // kestrel's own crates at the chosen level; the SDK's internals stay at warn because
    // their debug output includes request headers (session tokens).
    let filter = format!(
        "warn,kestrel={level},kestrel_auth={level},kestrel_inventory={level},kestrel_report={level}"
    );
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::new(filter))
        .with_writer(std::io::stderr)
        .without_time()
        .with_target(false)
        .init();
}

async fn run(cli: Cli) -> Result<ExitCode, Failure> {
    match cli.command {
        Command::Aws(args) => scan::run(*args).await.map(ExitCode::from),
        Command::Preflight(args) => preflight::run(*args).await.map(ExitCode::from),
        Command::ScanRoleTemplate { stackset } => {
            print!(
                "{}",
                if stackset {
                    template::stackset_template()
                } else {
                    template::role_template()
                }
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Whoami { auth, explain } => whoami(&auth, explain).await,
        Command::Cache {
            action: CacheAction::Clear,
        } => cache_clear(),
    }
}

async fn whoami(auth: &AuthArgs, explain: bool) -> Result<ExitCode, Failure> {
    let resolver = auth.resolver()?;
    let mut resolved = resolver.resolve(false).await?;
    for w in &resolved.warnings {
        eprintln!("kestrel: warning: {w}");
    }
    if explain {
        eprint!("{}", explain::render(&resolver, &resolved));
    }
    let id = resolver.identity(&mut resolved).await?;
    let mut out = std::io::stdout().lock();
    let text = to_cli_json(&id).map_err(|e| anyhow::anyhow!(e))?;
    writeln!(out, "{text}").map_err(|e| anyhow::anyhow!(e))?;
    Ok(ExitCode::SUCCESS)
}

/// JSON indented by four spaces, as the AWS CLI prints it.
fn to_cli_json<T: serde::Serialize>(v: &T) -> Result<String, serde_json::Error> {
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    v.serialize(&mut ser)?;
    Ok(String::from_utf8_lossy(&buf).into_owned())
}

fn cache_clear() -> Result<ExitCode, Failure> {
    let cache = kestrel_auth::cache::DiskCache::for_env(&kestrel_auth::Env::real(), true);
    let removed = cache
        .clear()
        .map_err(|e| anyhow::anyhow!("cannot clear {}: {e}", cache.dir().display()))?;
    if removed.is_empty() {
        println!("No cached credentials in {}", cache.dir().display());
    } else {
        for p in &removed {
            println!("removed {}", p.display());
        }
        println!(
            "Removed {} cached session{} from {}",
            removed.len(),
            if removed.len() == 1 { "" } else { "s" },
            cache.dir().display()
        );
    }
    Ok(ExitCode::SUCCESS)
}
