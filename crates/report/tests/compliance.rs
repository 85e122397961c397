mod common;

use common::*;
use kestrel_checks::compliance::{self, Framework, Requirement};
use kestrel_model::{Severity, Status};
use kestrel_report::compliance::{write_compliance_to, COLUMNS};
use kestrel_report::{ComplianceCollector, ComplianceCsvWriter};

const SPEC_HEADER: &str = "PROVIDER;DESCRIPTION;ACCOUNTID;REGION;ASSESSMENTDATE;REQUIREMENTS_ID;REQUIREMENTS_DESCRIPTION;REQUIREMENTS_ATTRIBUTES_SECTION;REQUIREMENTS_ATTRIBUTES_SUBSECTION;REQUIREMENTS_ATTRIBUTES_PROFILE;REQUIREMENTS_ATTRIBUTES_ASSESSMENTSTATUS;REQUIREMENTS_ATTRIBUTES_DESCRIPTION;REQUIREMENTS_ATTRIBUTES_RATIONALESTATEMENT;REQUIREMENTS_ATTRIBUTES_IMPACTSTATEMENT;REQUIREMENTS_ATTRIBUTES_REMEDIATIONPROCEDURE;REQUIREMENTS_ATTRIBUTES_AUDITPROCEDURE;REQUIREMENTS_ATTRIBUTES_ADDITIONALINFORMATION;REQUIREMENTS_ATTRIBUTES_DEFAULTVALUE;REQUIREMENTS_ATTRIBUTES_REFERENCES;STATUS;STATUSEXTENDED;RESOURCEID;RESOURCENAME;CHECKID;MUTED;FRAMEWORK;NAME";

fn req(id: &str, checks: &[&str]) -> Requirement {
    Requirement {
        id: id.into(),
        description: format!("Requirement {id}"),
        section: "1 Section".into(),
        profile: "Level 1".into(),
        assessment_status: "Automated".into(),
        checks: checks.iter().map(|c| c.to_string()).collect(),
    }
}

fn tiny() -> Framework {
    Framework {
        name: "cis_9.9_aws".into(),
        framework: "CIS".into(),
        version: "9.9".into(),
        provider: "AWS".into(),
        description: "Tiny; test framework".into(),
        requirements: vec![
            req("1.1", &["check_a"]),
            req("1.2", &[]),
            req("1.3", &["check_a", "check_b"]),
            req("1.4", &[]),
        ],
    }
}

fn findings() -> Vec<kestrel_model::Finding> {
    let mut b = finding("check_b", Status::Pass, "b1");
    b.muted = true;
    vec![
        finding("check_a", Status::Fail, "a1"),
        finding("unmapped", Status::Fail, "u1"),
        b,
        finding("check_a", Status::Pass, "a2"),
    ]
}

fn streamed(fw: &Framework) -> String {
    let mut w = ComplianceCsvWriter::new(Vec::new(), fw, &scan()).unwrap();
    for f in findings() {
        w.write_finding(&f).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

#[test]
fn header_matches_spec() {
    assert_eq!(COLUMNS.join(";"), SPEC_HEADER);
    assert!(streamed(&tiny()).starts_with(&format!("{SPEC_HEADER}\r\n")));
}

#[test]
fn one_row_per_finding_and_requirement_then_manual_rows() {
    let fw = tiny();
    let rows = parse_csv(&streamed(&fw));
    let body: Vec<(String, String, String)> = (1..rows.len())
        .map(|r| {
            (
                col(&rows, r, "REQUIREMENTS_ID").to_string(),
                col(&rows, r, "CHECKID").to_string(),
                col(&rows, r, "RESOURCENAME").to_string(),
            )
        })
        .collect();
    let t = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(
        body,
        [
            t("1.1", "check_a", "a1"),
            t("1.3", "check_a", "a1"),
            t("1.3", "check_b", "b1"),
            t("1.1", "check_a", "a2"),
            t("1.3", "check_a", "a2"),
            t("1.2", "manual", "Manual check"),
            t("1.4", "manual", "Manual check"),
        ]
    );
    // A finding row.
    assert_eq!(col(&rows, 1, "PROVIDER"), "aws");
    assert_eq!(col(&rows, 1, "DESCRIPTION"), "Tiny; test framework");
    assert_eq!(col(&rows, 1, "ACCOUNTID"), ACCOUNT);
    assert_eq!(col(&rows, 1, "REGION"), "eu-west-1");
    assert_eq!(col(&rows, 1, "ASSESSMENTDATE"), "2025-01-01T00:00:00Z");
    assert_eq!(col(&rows, 1, "STATUS"), "FAIL");
    assert_eq!(col(&rows, 1, "RESOURCEID"), "arn:aws:s3:::a1");
    assert_eq!(col(&rows, 1, "REQUIREMENTS_ATTRIBUTES_PROFILE"), "Level 1");
    assert_eq!(col(&rows, 1, "FRAMEWORK"), "CIS");
    assert_eq!(col(&rows, 1, "NAME"), "cis_9.9_aws");
    assert_eq!(col(&rows, 3, "MUTED"), "True");
    // A MANUAL row.
    let m = rows.len() - 1;
    assert_eq!(col(&rows, m, "STATUS"), "MANUAL");
    assert_eq!(col(&rows, m, "STATUSEXTENDED"), "Manual check");
    assert_eq!(col(&rows, m, "RESOURCEID"), "manual_check");
    assert_eq!(col(&rows, m, "ACCOUNTID"), "");
    assert_eq!(col(&rows, m, "REGION"), "");
    assert_eq!(col(&rows, m, "MUTED"), "False");
}

#[test]
fn collector_writes_the_same_rows_as_the_stream() {
    let fw = tiny();
    let mut c = ComplianceCollector::for_frameworks([&fw]);
    for f in findings() {
        c.add(&f);
    }
    assert_eq!(c.rows().len(), 3, "the unmapped finding is not kept");
    let mut out = Vec::new();
    write_compliance_to(&mut out, &fw, &c, &scan()).unwrap();
    assert_eq!(String::from_utf8(out).unwrap(), streamed(&fw));
}

#[test]
fn cis_7_manual_rows_for_every_requirement_without_checks() {
    let fw = compliance::find("cis_7.0_aws").unwrap();
    let mut w = ComplianceCsvWriter::new(Vec::new(), fw, &scan()).unwrap();
    let m = meta(
        "organizations_delegated_administrators",
        "organizations",
        Severity::Low,
    );
    let f = finding(
        "organizations_delegated_administrators",
        Status::Fail,
        "o-1",
    );
    kestrel_report::FindingWriter::write(&mut w, &f, &m).unwrap();
    let rows = parse_csv(&String::from_utf8(w.into_inner().unwrap()).unwrap());
    let manual_reqs: Vec<&str> = fw
        .requirements
        .iter()
        .filter(|r| r.checks.is_empty())
        .map(|r| r.id.as_str())
        .collect();
    assert!(manual_reqs.contains(&"2.1.2"));
    let manual_rows: Vec<&str> = (1..rows.len())
        .filter(|r| col(&rows, *r, "STATUS") == "MANUAL")
        .map(|r| col(&rows, r, "REQUIREMENTS_ID"))
        .collect();
    assert_eq!(manual_rows, manual_reqs);
    let finding_rows: Vec<&str> = (1..rows.len())
        .filter(|r| col(&rows, *r, "STATUS") == "FAIL")
        .map(|r| col(&rows, r, "REQUIREMENTS_ID"))
        .collect();
    assert_eq!(finding_rows, ["2.1.5", "2.1.6"]);
    assert_eq!(
        col(&rows, 1, "REQUIREMENTS_ATTRIBUTES_SECTION"),
        "2 Identity and Access Management"
    );
}
