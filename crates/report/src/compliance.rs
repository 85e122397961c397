//! The compliance CSVs, one per framework, in the column layout Prowler uses for it (its
//! `*Model` classes: generic, CIS, ENS, ISO 27001, MITRE, ThreatScore, C5, CCC, KISA,
//! Well-Architected, ASD Essential Eight): one row per (finding × requirement that lists
//! the finding's check × attribute set), then one MANUAL row per requirement without
//! checks, then, kestrel's addition, one NOT_ASSESSED row per (requirement × mapped check
//! that did not run: not implemented, or not selected), so that no requirement reads as
//! passing on checks nobody ran.
//!
//! Two ways to produce it, same rows in the same order:
//! - [`ComplianceCsvWriter`], a [`FindingWriter`] that writes rows as findings stream by
//!   and appends the MANUAL rows at finish (keeps nothing);
//! - [`ComplianceCollector`] + [`write_compliance_csv`], for when the frameworks are
//!   chosen after the scan: the collector keeps one compact row per finding whose check
//!   some framework maps (no metadata, no tags, no details).
//!
//! kestrel's requirement data has the ids and the short labels (sections, levels, types,
//! services); the columns for the frameworks' long texts (descriptions, rationale, audit,
//! …) are empty, and DESCRIPTION holds the framework's title.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::Path;

use kestrel_checks::compliance::{self, Framework, Requirement};
use kestrel_checks::CheckMeta;
use kestrel_model::{Finding, Status};

use crate::csv::{py_bool, write_record};
use crate::files::{FileSink, Sink};
use crate::{FindingWriter, ScanInfo};

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

/// The STATUS of a row for a mapped check that did not run (kestrel's, not Prowler's).
pub const NOT_ASSESSED: &str = "NOT_ASSESSED";

/// Where a column's value comes from.
#[derive(Debug, Clone, Copy)]
enum Col {
    Provider,
    Description,
    AccountId,
    Region,
    AssessmentDate,
    ReqId,
    ReqName,
    ReqDescription,
    Status,
    StatusExtended,
    ResourceId,
    ResourceName,
    CheckId,
    Muted,
    Framework,
    Name,
    /// Index into the requirement's attribute values.
    Attr(usize),
}

fn plan(fw: &Framework) -> Vec<Col> {
    let mut attr = 0;
    fw.layout
        .columns()
        .iter()
        .map(|c| match *c {
            "PROVIDER" => Col::Provider,
            "DESCRIPTION" => Col::Description,
            "ACCOUNTID" => Col::AccountId,
            "REGION" => Col::Region,
            "ASSESSMENTDATE" => Col::AssessmentDate,
            "REQUIREMENTS_ID" => Col::ReqId,
            "REQUIREMENTS_NAME" => Col::ReqName,
            "REQUIREMENTS_DESCRIPTION" => Col::ReqDescription,
            "STATUS" => Col::Status,
            "STATUSEXTENDED" => Col::StatusExtended,
            "RESOURCEID" => Col::ResourceId,
            "RESOURCENAME" => Col::ResourceName,
            "CHECKID" => Col::CheckId,
            "MUTED" => Col::Muted,
            "FRAMEWORK" => Col::Framework,
            "NAME" => Col::Name,
            _ => {
                attr += 1;
                Col::Attr(attr - 1)
            }
        })
        .collect()
}

/// Writes one framework's rows; knows its column plan and which requirements map each
/// check (a finding's rows are a lookup, not a walk over PCI's 1,679 requirements).
struct Rows<'a> {
    fw: &'a Framework,
    plan: Vec<Col>,
    by_check: HashMap<&'a str, Vec<usize>>,
}

impl<'a> Rows<'a> {
    fn new(fw: &'a Framework) -> Self {
        let mut by_check: HashMap<&'a str, Vec<usize>> = HashMap::new();
        for (i, r) in fw.requirements.iter().enumerate() {
            for c in &r.checks {
                let v = by_check.entry(c.as_str()).or_default();
                if v.last() != Some(&i) {
                    v.push(i);
                }
            }
        }
        Rows {
            fw,
            plan: plan(fw),
            by_check,
        }
    }

    fn header(&self, out: &mut impl Write) -> io::Result<()> {
        write_record(out, self.fw.layout.columns())
    }

    fn row(
        &self,
        out: &mut impl Write,
        req: &Requirement,
        attrs: Option<&[String]>,
        scan: &ScanInfo,
        f: &RowFinding,
    ) -> io::Result<()> {
        let fw = self.fw;
        let cells: Vec<&str> = self
            .plan
            .iter()
            .map(|c| match c {
                Col::Provider => "aws",
                Col::Description => fw.title.as_str(),
                Col::AccountId => f.account_id,
                Col::Region => f.region,
                Col::AssessmentDate => scan.timestamp.as_str(),
                Col::ReqId => req.id.as_str(),
                Col::ReqName => req.name.as_str(),
                Col::ReqDescription => req.description.as_str(),
                Col::Status => f.status,
                Col::StatusExtended => f.status_extended,
                Col::ResourceId => f.resource_uid,
                Col::ResourceName => f.resource_name,
                Col::CheckId => f.check_id,
                Col::Muted => py_bool(f.muted),
                Col::Framework => fw.framework.as_str(),
                Col::Name => fw.title.as_str(),
                Col::Attr(i) => attrs
                    .and_then(|a| a.get(*i))
                    .map(String::as_str)
                    .unwrap_or(""),
            })
            .collect();
        write_record(out, &cells)
    }

    /// A finding's rows: per requirement listing its check, one per attribute set (MITRE:
    /// one, its sets joined).
    fn finding_rows(
        &self,
        out: &mut impl Write,
        scan: &ScanInfo,
        f: &RowFinding,
    ) -> io::Result<()> {
        let Some(idx) = self.by_check.get(f.check_id) else {
            return Ok(());
        };
        for req in idx.iter().map(|i| &self.fw.requirements[*i]) {
            if self.fw.layout.one_row_per_finding() {
                let first = req.attributes.first().map(Vec::as_slice);
                self.row(out, req, first, scan, f)?;
            } else {
                for a in &req.attributes {
                    self.row(out, req, Some(a), scan, f)?;
                }
            }
        }
        Ok(())
    }

    /// The MANUAL rows (requirements without checks, one per attribute set), then a
    /// NOT_ASSESSED row per (requirement, mapped check that did not run).
    fn closing_rows(&self, out: &mut impl Write, scan: &ScanInfo) -> io::Result<()> {
        for req in self.fw.requirements.iter().filter(|r| r.checks.is_empty()) {
            for a in &req.attributes {
                self.row(out, req, Some(a), scan, &MANUAL)?;
            }
        }
        for req in &self.fw.requirements {
            for check in &req.checks {
                let Some(why) = scan.not_run(check) else {
                    continue;
                };
                let reason = why.reason(check);
                let row = RowFinding {
                    account_id: &scan.account.account_id,
                    region: "",
                    status: NOT_ASSESSED,
                    status_extended: &reason,
                    resource_uid: "not_assessed",
                    resource_name: "Not assessed",
                    check_id: check,
                    muted: false,
                };
                let first = req.attributes.first().map(Vec::as_slice);
                self.row(out, req, first, scan, &row)?;
            }
        }
        Ok(())
    }
}

/// One framework's compliance CSV, written as findings arrive.
pub struct ComplianceCsvWriter<'a, W: Write> {
    out: W,
    rows: Rows<'a>,
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
        let rows = Rows::new(framework);
        rows.header(&mut out)?;
        Ok(ComplianceCsvWriter {
            out,
            rows,
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
        self.rows.finding_rows(&mut self.out, &self.scan, &row)
    }

    /// Appends the MANUAL and NOT_ASSESSED rows, flushes, and returns the output.
    pub fn into_inner(mut self) -> io::Result<W> {
        self.rows.closing_rows(&mut self.out, &self.scan)?;
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
    let rows = Rows::new(framework);
    rows.header(out)?;
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
        rows.finding_rows(out, scan, &row)?;
    }
    rows.closing_rows(out, scan)
}
