//! JSON-OCSF (`prowler/lib/outputs/ocsf/ocsf.py`): a JSON array of OCSF 1.5.0 Detection
//! Findings, one per finding, written incrementally (`[`, elements separated by commas,
//! `]` at finish) so the file is never assembled in memory.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use kestrel_checks::CheckMeta;
use kestrel_model::{Finding, Severity};
use serde::Serialize;

use crate::common::{compliance_of, finding_uid, tag_labels};
use crate::files::{FileSink, Sink};
use crate::{FindingWriter, ScanInfo};

pub const OCSF_VERSION: &str = "1.5.0";
/// Detection Finding.
pub const CLASS_UID: u32 = 2004;
/// Findings.
pub const CATEGORY_UID: u32 = 2;
/// Activity Create.
pub const ACTIVITY_ID: u32 = 1;
/// `class_uid * 100 + activity_id`.
pub const TYPE_UID: u32 = CLASS_UID * 100 + ACTIVITY_ID;
/// OCSF account type `AWS Account`.
const AWS_ACCOUNT_TYPE_ID: u32 = 10;

/// OCSF `severity_id`: Informational=1, Low=2, Medium=3, High=4, Critical=5.
pub fn severity_id(s: Severity) -> u32 {
    match s {
        Severity::Informational => 1,
        Severity::Low => 2,
        Severity::Medium => 3,
        Severity::High => 4,
        Severity::Critical => 5,
    }
}

/// OCSF `severity`: the capitalised name.
pub fn severity_name(s: Severity) -> &'static str {
    match s {
        Severity::Informational => "Informational",
        Severity::Low => "Low",
        Severity::Medium => "Medium",
        Severity::High => "High",
        Severity::Critical => "Critical",
    }
}

/// OCSF finding status: New (1), or Suppressed (3) when muted.
fn status(muted: bool) -> (u32, &'static str) {
    if muted {
        (3, "Suppressed")
    } else {
        (1, "New")
    }
}

#[derive(Serialize)]
struct DetectionFinding<'a> {
    message: &'a str,
    metadata: Metadata<'a>,
    severity_id: u32,
    severity: &'static str,
    status: &'static str,
    status_code: &'static str,
    status_detail: &'a str,
    status_id: u32,
    unmapped: Unmapped<'a>,
    activity_name: &'static str,
    activity_id: u32,
    finding_info: FindingInfo<'a>,
    resources: [Resource<'a>; 1],
    category_name: &'static str,
    category_uid: u32,
    class_name: &'static str,
    class_uid: u32,
    cloud: Cloud<'a>,
    time: i64,
    time_dt: &'a str,
    remediation: Remediation<'a>,
    risk_details: &'a str,
    type_uid: u32,
    type_name: &'static str,
}

#[derive(Serialize)]
struct Metadata<'a> {
    event_code: &'a str,
    product: Product<'a>,
    version: &'static str,
    profiles: [&'static str; 2],
    #[serde(skip_serializing_if = "Option::is_none")]
    tenant_uid: Option<&'a str>,
}

#[derive(Serialize)]
struct Product<'a> {
    name: &'static str,
    uid: &'static str,
    vendor_name: &'static str,
    version: &'a str,
}

#[derive(Serialize)]
struct Unmapped<'a> {
    related_url: &'a str,
    categories: &'a [&'a str],
    depends_on: [&'a str; 0],
    related_to: [&'a str; 0],
    additional_urls: [&'a str; 0],
    notes: &'a str,
    compliance: BTreeMap<&'a str, &'a [String]>,
    provider_uid: &'a str,
    provider: &'static str,
    scan_id: &'a str,
}

#[derive(Serialize)]
struct FindingInfo<'a> {
    analytic: Analytic<'a>,
    created_time: i64,
    created_time_dt: &'a str,
    desc: &'a str,
    title: &'a str,
    uid: String,
    types: &'a [&'a str],
}

#[derive(Serialize)]
struct Analytic<'a> {
    name: &'a str,
    uid: &'a str,
    type_id: u32,
    #[serde(rename = "type")]
    kind: &'static str,
    category: &'a str,
}

#[derive(Serialize)]
struct Resource<'a> {
    cloud_partition: &'a str,
    region: &'a str,
    data: ResourceData<'a>,
    group: Group<'a>,
    labels: Vec<String>,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'a str,
    uid: &'a str,
}

#[derive(Serialize)]
struct ResourceData<'a> {
    details: &'a str,
    metadata: serde_json::Map<String, serde_json::Value>,
}

#[derive(Serialize)]
struct Group<'a> {
    name: &'a str,
}

#[derive(Serialize)]
struct Cloud<'a> {
    account: CloudAccount<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    org: Option<Org<'a>>,
    provider: &'static str,
    region: &'a str,
}

#[derive(Serialize)]
struct CloudAccount<'a> {
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    type_id: u32,
    uid: &'a str,
    labels: Vec<String>,
}

#[derive(Serialize)]
struct Org<'a> {
    name: &'a str,
    uid: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    ou_uid: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ou_name: Option<&'a str>,
}

#[derive(Serialize)]
struct Remediation<'a> {
    desc: &'a str,
    references: Vec<&'a str>,
}

/// The JSON-OCSF report.
pub struct OcsfWriter<W: Write> {
    out: W,
    scan: ScanInfo,
    written: u64,
}

impl OcsfWriter<FileSink> {
    /// Creates `path` (0600) and opens the array.
    pub fn create(path: &Path, scan: &ScanInfo) -> io::Result<Self> {
        OcsfWriter::new(FileSink::create(path)?, scan)
    }
}

impl<W: Write> OcsfWriter<W> {
    pub fn new(mut out: W, scan: &ScanInfo) -> io::Result<Self> {
        out.write_all(b"[")?;
        Ok(OcsfWriter {
            out,
            scan: scan.clone(),
            written: 0,
        })
    }

    pub fn write_finding(&mut self, f: &Finding, meta: &CheckMeta) -> io::Result<()> {
        let element = detection_finding(f, meta, &self.scan);
        self.out
            .write_all(if self.written == 0 { b"\n" } else { b",\n" })?;
        let formatter = serde_json::ser::PrettyFormatter::with_indent(b"    ");
        let mut ser = serde_json::Serializer::with_formatter(&mut self.out, formatter);
        element.serialize(&mut ser).map_err(io::Error::from)?;
        self.written += 1;
        Ok(())
    }

    /// Closes the array, flushes, and returns the output.
    pub fn into_inner(mut self) -> io::Result<W> {
        self.out
            .write_all(if self.written == 0 { b"]\n" } else { b"\n]\n" })?;
        self.out.flush()?;
        Ok(self.out)
    }
}

impl<W: Sink> FindingWriter for OcsfWriter<W> {
    fn write(&mut self, f: &Finding, meta: &CheckMeta) -> io::Result<()> {
        self.write_finding(f, meta)
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        self.into_inner()?.commit()
    }
}

fn detection_finding<'a>(
    f: &'a Finding,
    meta: &'a CheckMeta,
    scan: &'a ScanInfo,
) -> DetectionFinding<'a> {
    let a = &scan.account;
    let (status_id, status_name) = status(f.muted);
    let org = a.organization_arn.as_deref().map(|uid| Org {
        uid,
        name: a.organization_id.as_deref().unwrap_or(""),
        ou_uid: a.ou_id.as_deref(),
        ou_name: a.ou_path.as_deref(),
    });
    DetectionFinding {
        message: &f.status_extended,
        metadata: Metadata {
            event_code: meta.id,
            product: Product {
                name: "kestrel",
                uid: "kestrel",
                vendor_name: "kestrel",
                version: &scan.kestrel_version,
            },
            version: OCSF_VERSION,
            profiles: ["cloud", "datetime"],
            tenant_uid: a.organization_arn.as_deref(),
        },
        severity_id: severity_id(f.severity_or(meta.severity)),
        severity: severity_name(f.severity_or(meta.severity)),
        status: status_name,
        status_code: f.status.as_str(),
        status_detail: &f.status_extended,
        status_id,
        unmapped: Unmapped {
            related_url: meta.doc().related_url,
            categories: meta.categories,
            depends_on: [],
            related_to: [],
            additional_urls: [],
            notes: "",
            compliance: compliance_of(&f.check_id)
                .iter()
                .map(|(k, v)| (k.as_str(), v.as_slice()))
                .collect(),
            provider_uid: &a.account_id,
            provider: "aws",
            scan_id: &scan.scan_id,
        },
        activity_name: "Create",
        activity_id: ACTIVITY_ID,
        finding_info: FindingInfo {
            analytic: Analytic {
                name: meta.title,
                uid: meta.id,
                type_id: 1,
                kind: "Rule",
                category: meta.service,
            },
            created_time: scan.timestamp_epoch,
            created_time_dt: &scan.timestamp,
            desc: meta.doc().description,
            title: meta.title,
            uid: finding_uid(f, scan),
            types: meta.check_type,
        },
        resources: [Resource {
            cloud_partition: scan.partition(),
            region: &f.region,
            data: ResourceData {
                details: &f.resource_details,
                metadata: serde_json::Map::new(),
            },
            group: Group { name: meta.service },
            labels: tag_labels(&f.resource_tags),
            name: &f.resource_id,
            kind: meta.resource_type,
            uid: &f.resource_arn,
        }],
        category_name: "Findings",
        category_uid: CATEGORY_UID,
        class_name: "Detection Finding",
        class_uid: CLASS_UID,
        cloud: Cloud {
            account: CloudAccount {
                name: a.name.as_deref().unwrap_or(&a.account_id),
                kind: "AWS Account",
                type_id: AWS_ACCOUNT_TYPE_ID,
                uid: &a.account_id,
                labels: tag_labels(&a.tags),
            },
            org,
            provider: "aws",
            region: &f.region,
        },
        time: scan.timestamp_epoch,
        time_dt: &scan.timestamp,
        remediation: Remediation {
            desc: meta.doc().remediation,
            references: [meta.doc().remediation_url]
                .into_iter()
                .filter(|u| !u.is_empty())
                .collect(),
        },
        risk_details: meta.doc().risk,
        type_uid: TYPE_UID,
        type_name: "Detection Finding: Create",
    }
}
