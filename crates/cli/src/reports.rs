//! Wiring of the output formats (kestrel-report) for a scan.

use std::path::{Path, PathBuf};

use kestrel_checks::compliance::{self, Framework};
use kestrel_checks::CheckMeta;
use kestrel_model::{Finding, Snapshot};
use kestrel_report::{
    open_compliance_writers, open_writers, FindingWriter, Format, OutputPaths, ScanInfo,
};

use crate::args::ScanArgs;
use crate::Failure;

/// The open report files of one scan: the chosen formats, plus a compliance CSV per
/// framework (the `--compliance` ones, or all of them).
pub struct Reports {
    writers: Vec<Box<dyn FindingWriter>>,
    files: Vec<PathBuf>,
    scan: ScanInfo,
}

impl Reports {
    pub fn open(
        args: &ScanArgs,
        snapshot: &Snapshot,
        checks: &[&'static kestrel_checks::Check],
    ) -> Result<Self, Failure> {
        let epoch = kestrel_model::time::parse(&snapshot.collected_at)
            .unwrap_or_else(kestrel_model::time::now_epoch);
        let mut scan = ScanInfo::new(
            snapshot.account.clone(),
            snapshot.account.profile.clone(),
            epoch,
            env!("CARGO_PKG_VERSION"),
        );
        if !snapshot.scan_id.is_empty() {
            scan.scan_id = snapshot.scan_id.clone();
        }
        let mut scan = scan.with_checks_run(checks.iter().map(|c| c.meta.id.to_string()));
        let paths = match &args.output_filename {
            // Many accounts, one -F NAME: each account's files carry its id, or every
            // account would overwrite the one before.
            Some(name) if args.targets.is_multi() => OutputPaths::new(
                &args.output_directory,
                format!("{name}-{}", snapshot.account.account_id),
            ),
            Some(name) => OutputPaths::new(&args.output_directory, name.clone()),
            None => OutputPaths::with_default_name(
                &args.output_directory,
                &snapshot.account.account_id,
                epoch,
            ),
        };
        let formats: Vec<Format> = args
            .output_formats
            .iter()
            .filter_map(|f| Format::parse(f))
            .collect();
        let frameworks = reported_frameworks(args)?;
        scan.compliance = frameworks.clone();
        let fail = |e: std::io::Error| {
            Failure::Other(anyhow::anyhow!(
                "cannot write the reports to {}: {e}",
                args.output_directory.display()
            ))
        };
        let mut writers = open_writers(&paths, &formats, &scan).map_err(fail)?;
        writers.extend(
            open_compliance_writers(&paths, frameworks.iter().copied(), &scan).map_err(fail)?,
        );
        let mut files: Vec<PathBuf> = formats.iter().map(|f| f.path(&paths)).collect();
        files.extend(frameworks.iter().map(|f| paths.compliance(&f.name)));
        Ok(Reports {
            writers,
            files,
            scan,
        })
    }

    /// What the reports say about the scan (its frameworks, the checks that ran).
    pub fn scan(&self) -> &ScanInfo {
        &self.scan
    }

    pub fn write(&mut self, f: &Finding, meta: &CheckMeta) -> std::io::Result<()> {
        for w in &mut self.writers {
            w.write(f, meta)?;
        }
        Ok(())
    }

    /// Completes every file; returns their paths.
    pub fn finish(self) -> std::io::Result<Vec<PathBuf>> {
        for w in self.writers {
            w.finish()?;
        }
        Ok(self.files)
    }
}

/// The frameworks whose compliance CSVs a scan writes, as Prowler: those of
/// `--compliance`; or, on a default run (no -c, -s, --severity, -e, --excluded-services),
/// all of them; otherwise none.
pub fn reported_frameworks(args: &ScanArgs) -> Result<Vec<&'static Framework>, Failure> {
    if !args.compliance.is_empty() {
        let mut out: Vec<&'static Framework> = Vec::new();
        for name in &args.compliance {
            let fw = crate::select::framework(name)?;
            if !out.iter().any(|f| f.name == fw.name) {
                out.push(fw);
            }
        }
        return Ok(out);
    }
    let default_run = args.checks.is_empty()
        && args.services.is_empty()
        && args.severity.is_empty()
        && args.excluded_checks.is_empty()
        && args.excluded_services.is_empty();
    Ok(if default_run {
        compliance::frameworks().iter().collect()
    } else {
        Vec::new()
    })
}

/// Writes a file only the user can read (it holds account data), atomically and never
/// through a symlink (see `kestrel_report::files`).
pub fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    kestrel_report::write_private(path, bytes)
}
