mod common;

use common::*;
use kestrel_checks::compliance::{self, Framework, Layout, Requirement};
use kestrel_model::{Severity, Status};
use kestrel_report::compliance::write_compliance_to;
use kestrel_report::{
    overview, ComplianceCollector, ComplianceCsvWriter, ComplianceTally, ReqStatus,
};

const SPEC_HEADER: &str = "PROVIDER;DESCRIPTION;ACCOUNTID;REGION;ASSESSMENTDATE;REQUIREMENTS_ID;REQUIREMENTS_DESCRIPTION;REQUIREMENTS_ATTRIBUTES_SECTION;REQUIREMENTS_ATTRIBUTES_SUBSECTION;REQUIREMENTS_ATTRIBUTES_PROFILE;REQUIREMENTS_ATTRIBUTES_ASSESSMENTSTATUS;REQUIREMENTS_ATTRIBUTES_DESCRIPTION;REQUIREMENTS_ATTRIBUTES_RATIONALESTATEMENT;REQUIREMENTS_ATTRIBUTES_IMPACTSTATEMENT;REQUIREMENTS_ATTRIBUTES_REMEDIATIONPROCEDURE;REQUIREMENTS_ATTRIBUTES_AUDITPROCEDURE;REQUIREMENTS_ATTRIBUTES_ADDITIONALINFORMATION;REQUIREMENTS_ATTRIBUTES_DEFAULTVALUE;REQUIREMENTS_ATTRIBUTES_REFERENCES;STATUS;STATUSEXTENDED;RESOURCEID;RESOURCENAME;CHECKID;MUTED;FRAMEWORK;NAME";

/// CIS attribute values: section, subsection, profile, assessment status, then the
/// (empty) long texts.
fn cis_attrs() -> Vec<String> {
    let mut a = vec![
        "1 Section".to_string(),
        String::new(),
        "Level 1".into(),
        "Automated".into(),
    ];
    a.resize(Layout::Cis.attribute_columns().len(), String::new());
    a
}

fn req(id: &str, checks: &[&str]) -> Requirement {
    Requirement {
        id: id.into(),
        name: String::new(),
        description: format!("Requirement {id}"),
        checks: checks.iter().map(|c| c.to_string()).collect(),
        attributes: vec![cis_attrs()],
    }
}

fn tiny() -> Framework {
    Framework {
        name: "cis_9.9_aws".into(),
        framework: "CIS".into(),
        version: "9.9".into(),
        title: "Tiny; test framework".into(),
        provider: "AWS".into(),
        layout: Layout::Cis,
        requirements: vec![
            req("1.1", &["iam_root_mfa_enabled"]),
            req("1.2", &[]),
            req(
                "1.3",
                &["iam_root_mfa_enabled", "s3_bucket_default_encryption"],
            ),
            req("1.4", &[]),
        ],
    }
}

fn findings() -> Vec<kestrel_model::Finding> {
    let mut b = finding("s3_bucket_default_encryption", Status::Pass, "b1");
    b.muted = true;
    vec![
        finding("iam_root_mfa_enabled", Status::Fail, "a1"),
        finding("unmapped", Status::Fail, "u1"),
        b,
        finding("iam_root_mfa_enabled", Status::Pass, "a2"),
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
    assert_eq!(Layout::Cis.columns().join(";"), SPEC_HEADER);
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
            t("1.1", "iam_root_mfa_enabled", "a1"),
            t("1.3", "iam_root_mfa_enabled", "a1"),
            t("1.3", "s3_bucket_default_encryption", "b1"),
            t("1.1", "iam_root_mfa_enabled", "a2"),
            t("1.3", "iam_root_mfa_enabled", "a2"),
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
    assert_eq!(col(&rows, 1, "NAME"), "Tiny; test framework");
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

/// A requirement whose checks did not all run is never PASS: the CSV says NOT_ASSESSED
/// per missing check (not implemented, or not selected), and the overview agrees.
#[test]
fn checks_that_did_not_run_are_not_assessed() {
    let mut fw = tiny();
    fw.requirements
        .push(req("1.5", &["iam_root_mfa_enabled", "prowler_only_check"]));
    fw.requirements
        .push(req("1.6", &["s3_bucket_default_encryption"]));
    fw.requirements.push(req("1.7", &["iam_root_mfa_enabled"]));
    // This scan ran only iam_root_mfa_enabled.
    let scan = scan().with_checks_run(["iam_root_mfa_enabled".to_string()]);
    let mut w = ComplianceCsvWriter::new(Vec::new(), &fw, &scan).unwrap();
    let pass = finding("iam_root_mfa_enabled", Status::Pass, "root");
    w.write_finding(&pass).unwrap();
    let rows = parse_csv(&String::from_utf8(w.into_inner().unwrap()).unwrap());
    let na: Vec<(&str, &str, &str)> = (1..rows.len())
        .filter(|r| col(&rows, *r, "STATUS") == "NOT_ASSESSED")
        .map(|r| {
            (
                col(&rows, r, "REQUIREMENTS_ID"),
                col(&rows, r, "CHECKID"),
                col(&rows, r, "STATUSEXTENDED"),
            )
        })
        .collect();
    assert_eq!(
        na,
        [
            (
                "1.3",
                "s3_bucket_default_encryption",
                "Not assessed: s3_bucket_default_encryption was not selected for this scan."
            ),
            (
                "1.5",
                "prowler_only_check",
                "Not assessed: kestrel does not implement prowler_only_check yet."
            ),
            (
                "1.6",
                "s3_bucket_default_encryption",
                "Not assessed: s3_bucket_default_encryption was not selected for this scan."
            ),
        ]
    );
    let mut t = ComplianceTally::new();
    t.add(&pass);
    let o = overview(&fw, &t, &scan);
    let status = |id: &str| o.requirements.iter().find(|(r, _)| r.id == id).unwrap().1;
    assert_eq!(status("1.1"), ReqStatus::Pass);
    assert_eq!(status("1.2"), ReqStatus::Manual);
    assert_eq!(status("1.3"), ReqStatus::NotAssessed);
    assert_eq!(status("1.5"), ReqStatus::NotAssessed);
    assert_eq!(status("1.7"), ReqStatus::Pass);
    // A FAIL is a FAIL even where other checks did not run; an ERROR is not assessed.
    let mut t = ComplianceTally::new();
    t.add(&finding("iam_root_mfa_enabled", Status::Fail, "root"));
    let o = overview(&fw, &t, &scan);
    let status = |id: &str| o.requirements.iter().find(|(r, _)| r.id == id).unwrap().1;
    assert_eq!(status("1.5"), ReqStatus::Fail);
    let mut t = ComplianceTally::new();
    t.add(&finding("iam_root_mfa_enabled", Status::Error, "root"));
    let o = overview(&fw, &t, &scan);
    let status = |id: &str| o.requirements.iter().find(|(r, _)| r.id == id).unwrap().1;
    assert_eq!(status("1.7"), ReqStatus::NotAssessed);
    assert_eq!(o.counts.total(), 7);
    assert_eq!(o.sections, vec![("1 Section".to_string(), o.counts)]);
    // A muted FAIL does not fail the requirement.
    let mut muted = finding("iam_root_mfa_enabled", Status::Fail, "root");
    muted.muted = true;
    let mut t = ComplianceTally::new();
    t.add(&muted);
    let o = overview(&fw, &t, &scan);
    assert_eq!(
        o.requirements
            .iter()
            .find(|(r, _)| r.id == "1.7")
            .unwrap()
            .1,
        ReqStatus::Pass
    );
}

/// Every layout writes Prowler 5.46's header: recorded from a default Prowler run on the
/// demo account (`./bench/compare --seed demo --all` checks it again against a live one).
#[test]
fn every_framework_header_equals_prowlers() {
    let recorded = include_str!("data/prowler_5.46_compliance_headers.tsv");
    let mut seen = 0;
    for line in recorded.lines().filter(|l| !l.starts_with('#')) {
        let (name, header) = line.split_once('\t').unwrap();
        let fw = compliance::find(name).unwrap_or_else(|| panic!("{name} missing"));
        let mut w = ComplianceCsvWriter::new(Vec::new(), fw, &scan()).unwrap();
        w.write_finding(&finding("iam_root_mfa_enabled", Status::Pass, "root"))
            .unwrap();
        let out = String::from_utf8(w.into_inner().unwrap()).unwrap();
        assert_eq!(out.lines().next().unwrap(), header, "{name}");
        seen += 1;
    }
    assert_eq!(seen, 44);
    assert_eq!(compliance::frameworks().len(), 44);
}

/// MITRE: one row per (finding, requirement), however many attribute sets; MANUAL rows
/// one per set, as Prowler.
#[test]
fn mitre_rows_follow_prowlers_shape() {
    let fw = compliance::find("mitre_attack_aws").unwrap();
    let r = fw
        .requirements
        .iter()
        .find(|r| r.attributes.len() > 1 && r.checks.iter().any(|c| c == "guardduty_is_enabled"))
        .unwrap();
    let mut w = ComplianceCsvWriter::new(Vec::new(), fw, &scan()).unwrap();
    w.write_finding(&finding("guardduty_is_enabled", Status::Fail, "gd"))
        .unwrap();
    let rows = parse_csv(&String::from_utf8(w.into_inner().unwrap()).unwrap());
    let mine: Vec<usize> = (1..rows.len())
        .filter(|i| col(&rows, *i, "REQUIREMENTS_ID") == r.id && col(&rows, *i, "STATUS") == "FAIL")
        .collect();
    assert_eq!(mine.len(), 1);
    assert_eq!(col(&rows, mine[0], "REQUIREMENTS_NAME"), r.name);
    assert!(
        col(&rows, mine[0], "REQUIREMENTS_TECHNIQUEURL").starts_with("https://attack.mitre.org/")
    );
    let manual = fw
        .requirements
        .iter()
        .find(|r| r.checks.is_empty())
        .unwrap();
    let n = (1..rows.len())
        .filter(|i| col(&rows, *i, "REQUIREMENTS_ID") == manual.id)
        .count();
    assert_eq!(n, manual.attributes.len());
}
