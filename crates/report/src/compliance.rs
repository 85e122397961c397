//! The CIS compliance CSV (Prowler's `AWSCISModel`): one row per (finding × requirement
//! that lists the finding's check), then one MANUAL row per requirement without checks.
//!
//! Two ways to produce it, same rows in the same order:
//! - [`ComplianceCsvWriter`], a [`FindingWriter`] that writes rows as findings stream by
//!   and appends the MANUAL rows at finish (keeps nothing);
//! - [`ComplianceCollector`] + [`write_compliance_csv`], for when the frameworks are
//!   chosen after the scan: the collector keeps one compact row per finding whose check
//!   some framework maps (no metadata, no tags, no details).
//!
//! kestrel's requirement data has the id, description, section, profile and assessment
//! status; the columns for CIS's long texts (rationale, impact, audit, …) are empty.

use std::io::{self, Write};
use std::path::Path;

use kestrel_checks::compliance::{self, Framework, Requirement};
use kestrel_checks::CheckMeta;
use kestrel_model::{Finding, Status};

use crate::csv::{py_bool, write_record};
use crate::files::{FileSink, Sink};
use crate::{FindingWriter, ScanInfo};

/// The compliance CSV columns, in Prowler's order.
pub const COLUMNS: [&str; 27] = [
    "PROVIDER",
    "DESCRIPTION",
    "ACCOUNTID",
    "REGION",
    "ASSESSMENTDATE",
    "REQUIREMENTS_ID",
    "REQUIREMENTS_DESCRIPTION",
    "REQUIREMENTS_ATTRIBUTES_SECTION",
    "REQUIREMENTS_ATTRIBUTES_SUBSECTION",
    "REQUIREMENTS_ATTRIBUTES_PROFILE",
    "REQUIREMENTS_ATTRIBUTES_ASSESSMENTSTATUS",
    "REQUIREMENTS_ATTRIBUTES_DESCRIPTION",
    "REQUIREMENTS_ATTRIBUTES_RATIONALESTATEMENT",
    "REQUIREMENTS_ATTRIBUTES_IMPACTSTATEMENT",
    "REQUIREMENTS_ATTRIBUTES_REMEDIATIONPROCEDURE",
    "REQUIREMENTS_ATTRIBUTES_AUDITPROCEDURE",
    "REQUIREMENTS_ATTRIBUTES_ADDITIONALINFORMATION",
    "REQUIREMENTS_ATTRIBUTES_DEFAULTVALUE",
    "REQUIREMENTS_ATTRIBUTES_REFERENCES",
    "STATUS",
    "STATUSEXTENDED",
    "RESOURCEID",
    "RESOURCENAME",
    "CHECKID",
    "MUTED",
    "FRAMEWORK",
    "NAME",
];

/// What a compliance row needs from a finding.
#[derive(Debug, Clone, Copy)]
struct RowFinding<'a> {
    account_id: &'a str,
    region: &'a str,
    status: &'a str,
    status_extended: &'a str,
    /// RESOURCEID: Prowler writes the resource uid (ARN) here.
    resource_uid: &'a str,
    /// RESOURCENAME: Prowler's `resource_id`.
    resource_name: &'a str,
    check_id: &'a str,
    muted: bool,
}

const MANUAL: RowFinding<'static> = RowFinding {
    account_id: "",
    region: "",
    status: "MANUAL",
    status_extended: "Manual check",
    resource_uid: "manual_check",
    resource_name: "Manual check",
    check_id: "manual",
    muted: false,
};

fn write_row(
    out: &mut impl Write,
    fw: &Framework,
    req: &Requirement,
    scan: &ScanInfo,
    f: &RowFinding,
) -> io::Result<()> {
    let row: [&str; 27] = [
        "aws",
        &fw.description,
        f.account_id,
        f.region,
        &scan.timestamp,
        &req.id,
        &req.description,
        &req.section,
        "",
        &req.profile,
        &req.assessment_status,
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        f.status,
        f.status_extended,
        f.resource_uid,
        f.resource_name,
        f.check_id,
        py_bool(f.muted),
        &fw.framework,
        &fw.name,
    ];
    write_record(out, &row)
}

fn write_rows_for(
    out: &mut impl Write,
    fw: &Framework,
    scan: &ScanInfo,
    f: &RowFinding,
) -> io::Result<()> {
    for req in fw.requirements_for(f.check_id) {
        write_row(out, fw, req, scan, f)?;
    }
    Ok(())
}

fn write_manual_rows(out: &mut impl Write, fw: &Framework, scan: &ScanInfo) -> io::Result<()> {
    for req in fw.requirements.iter().filter(|r| r.checks.is_empty()) {
        write_row(out, fw, req, scan, &MANUAL)?;
    }
    Ok(())
}

/// One framework's compliance CSV, written as findings arrive.
pub struct ComplianceCsvWriter<'a, W: Write> {
    out: W,
    framework: &'a Framework,
    scan: ScanInfo,
}

impl<'a> ComplianceCsvWriter<'a, FileSink> {
    /// Creates `path` (0600; `compliance/` 0700) and writes the header.
    pub fn create(path: &Path, framework: &'a Framework, scan: &ScanInfo) -> io::Result<Self> {
        ComplianceCsvWriter::new(FileSink::create(path)?, framework, scan)
    }
}

impl<'a, W: Write> ComplianceCsvWriter<'a, W> {
    pub fn new(mut out: W, framework: &'a Framework, scan: &ScanInfo) -> io::Result<Self> {
        write_record(&mut out, &COLUMNS)?;
        Ok(ComplianceCsvWriter {
            out,
            framework,
            scan: scan.clone(),
        })
    }

    /// Writes a row per requirement of the framework that lists the finding's check.
    pub fn write_finding(&mut self, f: &Finding) -> io::Result<()> {
        let row = RowFinding {
            account_id: &self.scan.account.account_id,
            region: &f.region,
            status: f.status.as_str(),
            status_extended: &f.status_extended,
            resource_uid: &f.resource_arn,
            resource_name: &f.resource_id,
            check_id: &f.check_id,
            muted: f.muted,
        };
        write_rows_for(&mut self.out, self.framework, &self.scan, &row)
    }

    /// Appends the MANUAL rows, flushes, and returns the output.
    pub fn into_inner(mut self) -> io::Result<W> {
        write_manual_rows(&mut self.out, self.framework, &self.scan)?;
        self.out.flush()?;
        Ok(self.out)
    }
}

impl<W: Sink> FindingWriter for ComplianceCsvWriter<'_, W> {
    fn write(&mut self, f: &Finding, _meta: &CheckMeta) -> io::Result<()> {
        self.write_finding(f)
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        self.into_inner()?.commit()
    }
}

/// The part of a finding the compliance CSV shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ComplianceRow {
    pub check_id: String,
    pub status: Status,
    pub status_extended: String,
    /// The resource's ARN (RESOURCEID).
    pub resource_uid: String,
    /// Prowler's `resource_id` (RESOURCENAME).
    pub resource_name: String,
    pub region: String,
    pub muted: bool,
}

/// Keeps a [`ComplianceRow`] for each finding whose check a framework maps; findings of
/// unmapped checks are dropped on arrival.
#[derive(Debug, Clone, Default)]
pub struct ComplianceCollector {
    /// The mapped check ids (sorted), empty until the first `add`.
    mapped: Vec<String>,
    rows: Vec<ComplianceRow>,
}

impl ComplianceCollector {
    /// Collects for kestrel's frameworks (`kestrel_checks::compliance::frameworks()`).
    pub fn new() -> Self {
        ComplianceCollector::for_frameworks(compliance::frameworks())
    }

    /// Collects only the findings these frameworks map.
    pub fn for_frameworks<'a>(frameworks: impl IntoIterator<Item = &'a Framework>) -> Self {
        let mut mapped: Vec<String> = frameworks
            .into_iter()
            .flat_map(|fw| fw.check_ids().into_iter().map(str::to_string))
            .collect();
        mapped.sort();
        mapped.dedup();
        ComplianceCollector {
            mapped,
            rows: Vec::new(),
        }
    }

    pub fn add(&mut self, f: &Finding) {
        if self.mapped.binary_search(&f.check_id).is_err() {
            return;
        }
        self.rows.push(ComplianceRow {
            check_id: f.check_id.clone(),
            status: f.status,
            status_extended: f.status_extended.clone(),
            resource_uid: f.resource_arn.clone(),
            resource_name: f.resource_id.clone(),
            region: f.region.clone(),
            muted: f.muted,
        });
    }

    pub fn rows(&self) -> &[ComplianceRow] {
        &self.rows
    }
}

/// Writes `framework`'s compliance CSV at `path` (0600) from the collected rows: a row
/// per (finding × requirement listing its check), then the MANUAL rows.
pub fn write_compliance_csv(
    path: &Path,
    framework: &Framework,
    results: &ComplianceCollector,
    scan: &ScanInfo,
) -> io::Result<()> {
    let mut out = FileSink::create(path)?;
    write_compliance_to(&mut out, framework, results, scan)?;
    out.commit()
}

/// [`write_compliance_csv`] to any writer.
pub fn write_compliance_to(
    out: &mut impl Write,
    framework: &Framework,
    results: &ComplianceCollector,
    scan: &ScanInfo,
) -> io::Result<()> {
    write_record(out, &COLUMNS)?;
    for r in &results.rows {
        let row = RowFinding {
            account_id: &scan.account.account_id,
            region: &r.region,
            status: r.status.as_str(),
            status_extended: &r.status_extended,
            resource_uid: &r.resource_uid,
            resource_name: &r.resource_name,
            check_id: &r.check_id,
            muted: r.muted,
        };
        write_rows_for(out, framework, scan, &row)?;
    }
    write_manual_rows(out, framework, scan)
}
