//! The arguments of `kestrel aws` (one account or many) and its exit codes: a leaf
//! module every part of the command reads.

use std::path::PathBuf;

use clap::Args;

use crate::auth_args::AuthArgs;
use crate::select::{self, Selection};
use crate::Failure;

pub const EXIT_FAILED_CHECKS: u8 = 3;

#[derive(Debug, Clone, Args)]
pub struct ScanArgs {
    #[command(flatten)]
    pub auth: AuthArgs,

    #[command(flatten)]
    pub targets: crate::args::TargetArgs,

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
    pub fn selection(&self) -> Selection {
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
    pub fn validate(&self) -> Result<(), Failure> {
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
