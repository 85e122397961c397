//! Prowler's CSV (`prowler/lib/outputs/csv/csv.py`): `;`-delimited, upper-case header
//! written once, one row per finding, `\r\n` line ends and minimal quoting as Python's
//! `csv` module writes them, so tools that read Prowler's CSV read kestrel's.

use std::io::{self, Write};
use std::path::Path;

use kestrel_checks::CheckMeta;
use kestrel_model::Finding;

use crate::common::{compliance_cell, finding_uid, unroll_tags};
use crate::files::{FileSink, Sink};
use crate::{FindingWriter, ScanInfo};

/// The CSV columns, in Prowler's order.
pub const COLUMNS: [&str; 44] = [
    "AUTH_METHOD",
    "TIMESTAMP",
    "ACCOUNT_UID",
    "ACCOUNT_NAME",
    "ACCOUNT_EMAIL",
    "ACCOUNT_ORGANIZATION_UID",
    "ACCOUNT_ORGANIZATION_NAME",
    "ACCOUNT_TAGS",
    "FINDING_UID",
    "PROVIDER",
    "CHECK_ID",
    "CHECK_TITLE",
    "CHECK_TYPE",
    "STATUS",
    "STATUS_EXTENDED",
    "MUTED",
    "SERVICE_NAME",
    "SUBSERVICE_NAME",
    "SEVERITY",
    "RESOURCE_TYPE",
    "RESOURCE_UID",
    "RESOURCE_NAME",
    "RESOURCE_DETAILS",
    "RESOURCE_TAGS",
    "PARTITION",
    "REGION",
    "DESCRIPTION",
    "RISK",
    "RELATED_URL",
    "REMEDIATION_RECOMMENDATION_TEXT",
    "REMEDIATION_RECOMMENDATION_URL",
    "REMEDIATION_CODE_NATIVEIAC",
    "REMEDIATION_CODE_TERRAFORM",
    "REMEDIATION_CODE_CLI",
    "REMEDIATION_CODE_OTHER",
    "COMPLIANCE",
    "CATEGORIES",
    "DEPENDS_ON",
    "RELATED_TO",
    "NOTES",
    "PROWLER_VERSION",
    "ADDITIONAL_URLS",
    "ACCOUNT_OU_UID",
    "ACCOUNT_OU_NAME",
];

/// Python's `csv.writer` line terminator.
pub(crate) const EOL: &str = "\r\n";

/// Writes one cell: quoted (with `"` doubled) only when it holds the delimiter, a quote
/// or a line break, as Python's `QUOTE_MINIMAL` does.
pub(crate) fn write_cell(out: &mut impl Write, s: &str) -> io::Result<()> {
    out.write_all(cell(s).as_bytes())
}

/// Characters that make a spreadsheet read a cell as a formula when they lead it.
const FORMULA_LEADS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One `;`-separated CSV cell, quoted when it has to be, and defused when it would
/// start a formula: a resource name, tag or description from AWS such as
/// `=HYPERLINK(…)` gets a leading `'` (as Prowler's CSV does), so opening the report
/// in a spreadsheet shows the text and runs nothing.
pub fn cell(s: &str) -> String {
    let guarded;
    let s = if s.starts_with(FORMULA_LEADS) {
        guarded = format!("'{s}");
        guarded.as_str()
    } else {
        s
    };
    if s.contains([';', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Writes one record from its cells.
pub(crate) fn write_record<S: AsRef<str>>(out: &mut impl Write, cells: &[S]) -> io::Result<()> {
    for (i, c) in cells.iter().enumerate() {
        if i > 0 {
            out.write_all(b";")?;
        }
        write_cell(out, c.as_ref())?;
    }
    out.write_all(EOL.as_bytes())
}

/// Python's `str(bool)`.
pub(crate) fn py_bool(b: bool) -> &'static str {
    if b {
        "True"
    } else {
        "False"
    }
}

/// The CSV report. Rows are written as findings arrive; nothing is kept.
pub struct CsvWriter<W: Write> {
    out: W,
    scan: ScanInfo,
}

impl CsvWriter<FileSink> {
    /// Creates `path` (0600) and writes the header.
    pub fn create(path: &Path, scan: &ScanInfo) -> io::Result<Self> {
        CsvWriter::new(FileSink::create(path)?, scan)
    }
}

impl<W: Write> CsvWriter<W> {
    /// Writes the header to `out`.
    pub fn new(mut out: W, scan: &ScanInfo) -> io::Result<Self> {
        write_record(&mut out, &COLUMNS)?;
        Ok(CsvWriter {
            out,
            scan: scan.clone(),
        })
    }

    pub fn write_finding(&mut self, f: &Finding, meta: &CheckMeta) -> io::Result<()> {
        let s = &self.scan;
        let a = &s.account;
        let opt = |o: &Option<String>| o.clone().unwrap_or_default();
        let row: [String; 44] = [
            s.auth_method(),
            s.timestamp.clone(),
            a.account_id.clone(),
            opt(&a.name),
            opt(&a.email),
            opt(&a.organization_arn),
            opt(&a.organization_id),
            unroll_tags(&a.tags, ":"),
            finding_uid(f, s),
            "aws".into(),
            f.check_id.clone(),
            meta.title.into(),
            meta.check_type.join(" | "),
            f.status.as_str().into(),
            f.status_extended.clone(),
            py_bool(f.muted).into(),
            meta.service.into(),
            meta.subservice.into(),
            f.severity_or(meta.severity).as_str().into(),
            meta.resource_type.into(),
            f.resource_arn.clone(),
            f.resource_id.clone(),
            f.resource_details.clone(),
            unroll_tags(&f.resource_tags, "="),
            s.partition().into(),
            f.region.clone(),
            meta.doc().description.into(),
            meta.doc().risk.into(),
            meta.doc().related_url.into(),
            meta.doc().remediation.into(),
            meta.doc().remediation_url.into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            compliance_cell(&f.check_id),
            meta.categories.join(" | "),
            String::new(),
            String::new(),
            String::new(),
            s.kestrel_version.clone(),
            String::new(),
            opt(&a.ou_id),
            opt(&a.ou_path),
        ];
        write_record(&mut self.out, &row)
    }

    /// Flushes and returns the output.
    pub fn into_inner(mut self) -> io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

impl<W: Sink> FindingWriter for CsvWriter<W> {
    fn write(&mut self, f: &Finding, meta: &CheckMeta) -> io::Result<()> {
        self.write_finding(f, meta)
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        self.into_inner()?.commit()
    }
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn formula_leads_are_defused_and_quoting_still_applies() {
        assert_eq!(
            cell("=HYPERLINK(\"http://x\")"),
            "\"'=HYPERLINK(\"\"http://x\"\")\""
        );
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-2+3"), "'-2+3");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\tx"), "'\tx");
        assert_eq!(cell("\r=1"), "\"'\r=1\"");
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a=b"), "a=b");
        assert_eq!(cell(""), "");
        assert_eq!(cell("a;b"), "\"a;b\"");
    }
}
