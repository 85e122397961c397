//! kestrel's reports: Prowler's CSV, JSON-OCSF, a self-contained HTML page, the CIS
//! compliance CSVs, and the terminal summary.
//!
//! Everything streams. The CLI opens the writers it wants, hands each finding to every
//! writer as the checks emit it, and calls `finish`; no writer keeps the findings (the
//! HTML report keeps only counts; compliance CSVs write their rows as findings arrive and
//! append the MANUAL rows at finish). Files are created 0600 in a 0700 directory
//! ([`files`]).
//!
//! ```no_run
//! # use kestrel_report::*;
//! # fn demo(account: kestrel_model::Account, findings: Vec<(kestrel_model::Finding, &'static kestrel_checks::CheckMeta)>) -> std::io::Result<()> {
//! let scan = ScanInfo::new(account, Some("prod".into()), time::now_epoch(), env!("CARGO_PKG_VERSION"));
//! let paths = OutputPaths::with_default_name("output", &scan.account.account_id, scan.timestamp_epoch);
//! let mut writers = open_writers(&paths, &Format::ALL, &scan)?;
//! writers.extend(open_compliance_writers(&paths, kestrel_checks::compliance::frameworks(), &scan)?);
//! let mut counts = Counts::default();
//! for (f, meta) in &findings {
//!     counts.add(f, meta);
//!     for w in writers.iter_mut() { w.write(f, meta)?; }
//! }
//! for w in writers { w.finish()?; }
//! print!("{}", render_summary(&counts));
//! # Ok(()) }
//! ```
//!
//! Not here: ASFF, Security Hub upload, colours (the CLI paints [`render_summary_with`]).

use std::io;

use std::sync::Arc;

use kestrel_checks::compliance::Framework;
use kestrel_checks::CheckMeta;
use kestrel_model::{Account, Finding};

mod common;
pub mod compliance;
pub mod csv;
pub mod files;
pub mod html;
pub mod ocsf;
pub mod overview;
pub mod summary;
pub mod time;

pub use common::{compliance_cell, compliance_of, finding_uid};
pub use compliance::{write_compliance_csv, ComplianceCollector, ComplianceCsvWriter};
pub use csv::CsvWriter;
pub use files::{
    default_output_name, ensure_dir, write_private, FileSink, OutputPaths, Sink, DEFAULT_OUTPUT_DIR,
};
pub use html::HtmlWriter;
pub use ocsf::OcsfWriter;
pub use overview::{overview, render_overview, ComplianceTally, FrameworkOverview, ReqStatus};
pub use summary::{render_summary, render_summary_with, Counts, ServiceCounts, Tone};

/// What every report says about the scan itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanInfo {
    /// The scanned account and the identity that scanned it.
    pub account: Account,
    /// The AWS CLI profile used, if any (`AUTH_METHOD` = `profile: <profile|None>`).
    pub profile: Option<String>,
    /// The scan time, RFC 3339 UTC (`2025-01-01T00:00:00Z`).
    pub timestamp: String,
    /// The scan time, seconds since the Unix epoch.
    pub timestamp_epoch: i64,
    /// Written where Prowler writes its own version (`PROWLER_VERSION`, OCSF product).
    pub kestrel_version: String,
    /// A UUIDv7 for this scan (OCSF `unmapped.scan_id`).
    pub scan_id: String,
    /// The check ids this scan ran (sorted); `None`: every implemented check. Compliance
    /// reports call a requirement whose checks did not all run "not assessed".
    pub checks_run: Option<Arc<Vec<String>>>,
    /// The frameworks this scan reports on (their compliance CSVs, the HTML section).
    pub compliance: Vec<&'static Framework>,
}

/// Why a check mapped by a framework has no findings in this scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotRun {
    /// kestrel does not implement it.
    NotImplemented,
    /// It exists but this scan's selection left it out.
    NotSelected,
}

impl NotRun {
    /// The reason, for STATUSEXTENDED and the overviews.
    pub fn reason(self, check: &str) -> String {
        match self {
            NotRun::NotImplemented => {
                format!("Not assessed: kestrel does not implement {check} yet.")
            }
            NotRun::NotSelected => format!("Not assessed: {check} was not selected for this scan."),
        }
    }
}

impl ScanInfo {
    /// The scan at `epoch` (seconds); generates the scan id.
    pub fn new(
        account: Account,
        profile: Option<String>,
        epoch: i64,
        kestrel_version: impl Into<String>,
    ) -> Self {
        let scan_id = time::scan_id(epoch, &account.account_id);
        ScanInfo {
            account,
            profile,
            timestamp: time::rfc3339(epoch),
            timestamp_epoch: epoch,
            kestrel_version: kestrel_version.into(),
            scan_id,
            checks_run: None,
            compliance: Vec::new(),
        }
    }

    /// Records which checks ran.
    pub fn with_checks_run(mut self, ids: impl IntoIterator<Item = String>) -> Self {
        let mut ids: Vec<String> = ids.into_iter().collect();
        ids.sort();
        ids.dedup();
        self.checks_run = Some(Arc::new(ids));
        self
    }

    /// `None` when `check` ran in this scan, else why not.
    pub fn not_run(&self, check: &str) -> Option<NotRun> {
        if kestrel_checks::find(check).is_none() {
            return Some(NotRun::NotImplemented);
        }
        match &self.checks_run {
            Some(ids) if ids.binary_search_by(|c| c.as_str().cmp(check)).is_err() => {
                Some(NotRun::NotSelected)
            }
            _ => None,
        }
    }

    /// The scan now.
    pub fn now(
        account: Account,
        profile: Option<String>,
        kestrel_version: impl Into<String>,
    ) -> Self {
        ScanInfo::new(account, profile, time::now_epoch(), kestrel_version)
    }

    /// `profile: <profile>` or `profile: None`, as Prowler writes AUTH_METHOD.
    pub fn auth_method(&self) -> String {
        format!("profile: {}", self.profile.as_deref().unwrap_or("None"))
    }

    /// The account's partition, `aws` when unknown.
    pub fn partition(&self) -> &str {
        if self.account.partition.is_empty() {
            "aws"
        } else {
            &self.account.partition
        }
    }
}

/// A report that takes findings one at a time.
pub trait FindingWriter {
    /// Writes one finding. `meta` is its check's metadata (`kestrel_checks::find`).
    fn write(&mut self, f: &Finding, meta: &CheckMeta) -> io::Result<()>;
    /// Completes the report (closing brackets, summaries, MANUAL rows) and flushes it.
    fn finish(self: Box<Self>) -> io::Result<()>;
}

/// A findings report format (compliance CSVs are per framework, see
/// [`open_compliance_writers`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    Csv,
    JsonOcsf,
    Html,
}

impl Format {
    /// Prowler's default outputs.
    pub const ALL: [Format; 3] = [Format::Csv, Format::JsonOcsf, Format::Html];

    /// Prowler's `--output-formats` names: `csv`, `json-ocsf`, `html`.
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "csv" => Some(Format::Csv),
            "json-ocsf" => Some(Format::JsonOcsf),
            "html" => Some(Format::Html),
            _ => None,
        }
    }

    pub fn name(&self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::JsonOcsf => "json-ocsf",
            Format::Html => "html",
        }
    }

    /// The file this format writes under `paths`.
    pub fn path(&self, paths: &OutputPaths) -> std::path::PathBuf {
        match self {
            Format::Csv => paths.csv(),
            Format::JsonOcsf => paths.ocsf(),
            Format::Html => paths.html(),
        }
    }
}

/// Creates the file for `format` (0600, directory 0700) and its writer.
pub fn open_writer(
    format: Format,
    paths: &OutputPaths,
    scan: &ScanInfo,
) -> io::Result<Box<dyn FindingWriter>> {
    let path = format.path(paths);
    Ok(match format {
        Format::Csv => Box::new(CsvWriter::create(&path, scan)?),
        Format::JsonOcsf => Box::new(OcsfWriter::create(&path, scan)?),
        Format::Html => Box::new(HtmlWriter::create(&path, scan)?),
    })
}

/// [`open_writer`] for each format, in order.
pub fn open_writers(
    paths: &OutputPaths,
    formats: &[Format],
    scan: &ScanInfo,
) -> io::Result<Vec<Box<dyn FindingWriter>>> {
    formats
        .iter()
        .map(|f| open_writer(*f, paths, scan))
        .collect()
}

/// A streaming compliance CSV for each framework, at `paths.compliance(<name>)`
/// (`<dir>/compliance/<name>_cis_7.0_aws.csv`).
pub fn open_compliance_writers<'a>(
    paths: &OutputPaths,
    frameworks: impl IntoIterator<Item = &'a Framework>,
    scan: &ScanInfo,
) -> io::Result<Vec<Box<dyn FindingWriter + 'a>>> {
    frameworks
        .into_iter()
        .map(|fw| {
            let w = ComplianceCsvWriter::create(&paths.compliance(&fw.name), fw, scan)?;
            Ok(Box::new(w) as Box<dyn FindingWriter + 'a>)
        })
        .collect()
}
