mod common;

use common::*;
use kestrel_model::{Severity, Status};
use kestrel_report::CsvWriter;

/// The column list from the spec (`prowler_output_formats.md`, "CSV"), verbatim.
const SPEC_HEADER: &str = "AUTH_METHOD;TIMESTAMP;ACCOUNT_UID;ACCOUNT_NAME;ACCOUNT_EMAIL;ACCOUNT_ORGANIZATION_UID;ACCOUNT_ORGANIZATION_NAME;ACCOUNT_TAGS;FINDING_UID;PROVIDER;CHECK_ID;CHECK_TITLE;CHECK_TYPE;STATUS;STATUS_EXTENDED;MUTED;SERVICE_NAME;SUBSERVICE_NAME;SEVERITY;RESOURCE_TYPE;RESOURCE_UID;RESOURCE_NAME;RESOURCE_DETAILS;RESOURCE_TAGS;PARTITION;REGION;DESCRIPTION;RISK;RELATED_URL;REMEDIATION_RECOMMENDATION_TEXT;REMEDIATION_RECOMMENDATION_URL;REMEDIATION_CODE_NATIVEIAC;REMEDIATION_CODE_TERRAFORM;REMEDIATION_CODE_CLI;REMEDIATION_CODE_OTHER;COMPLIANCE;CATEGORIES;DEPENDS_ON;RELATED_TO;NOTES;PROWLER_VERSION;ADDITIONAL_URLS;ACCOUNT_OU_UID;ACCOUNT_OU_NAME";

fn render(findings: &[kestrel_model::Finding], meta: &kestrel_checks::CheckMeta) -> String {
    let mut w = CsvWriter::new(Vec::new(), &scan()).unwrap();
    for f in findings {
        w.write_finding(f, meta).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

#[test]
fn header_is_the_spec_column_list_in_order() {
    let out = render(&[], &meta("s3_x", "s3", Severity::Low));
    assert_eq!(out, format!("{SPEC_HEADER}\r\n"));
    assert_eq!(kestrel_report::csv::COLUMNS.join(";"), SPEC_HEADER);
}

#[test]
fn cells_with_delimiters_quotes_and_newlines_are_quoted() {
    let mut f = finding("s3_x", Status::Fail, "bucket;with;semicolons");
    f.status_extended = "He said \"no\"; then\nleft\r\nfor good".into();
    f.resource_details = "plain".into();
    f.resource_tags.insert("k".into(), "v;1".into());
    f.resource_tags.insert("name".into(), "\"q\"".into());
    let out = render(&[f.clone()], &meta("s3_x", "s3", Severity::High));

    // Quoted exactly as Python's csv writes it.
    assert!(
        out.contains("\"He said \"\"no\"\"; then\nleft\r\nfor good\""),
        "{out}"
    );
    assert!(out.contains(";\"bucket;with;semicolons\";"), "{out}");
    assert!(out.contains(";plain;"), "unquoted when not needed: {out}");

    let rows = parse_csv(&out);
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1].len(), 44);
    assert_eq!(col(&rows, 1, "STATUS_EXTENDED"), f.status_extended);
    assert_eq!(col(&rows, 1, "RESOURCE_NAME"), "bucket;with;semicolons");
    assert_eq!(
        col(&rows, 1, "RESOURCE_UID"),
        "arn:aws:s3:::bucket;with;semicolons"
    );
    assert_eq!(col(&rows, 1, "RESOURCE_TAGS"), "k=v;1 | name=\"q\"");
}

#[test]
fn columns_hold_prowler_values_with_kestrel_identity() {
    let f = finding("iam_no_root_access_key", Status::Pass, "root");
    let m = meta("iam_no_root_access_key", "iam", Severity::Critical);
    let rows = parse_csv(&render(&[f], &m));
    let c = |name| col(&rows, 1, name).to_string();
    assert_eq!(c("AUTH_METHOD"), "profile: prod");
    assert_eq!(c("TIMESTAMP"), "2025-01-01T00:00:00Z");
    assert_eq!(c("ACCOUNT_UID"), ACCOUNT);
    assert_eq!(c("ACCOUNT_NAME"), "Production");
    assert_eq!(
        c("ACCOUNT_ORGANIZATION_UID"),
        "arn:aws:organizations::111111111111:organization/o-abc123"
    );
    assert_eq!(c("ACCOUNT_ORGANIZATION_NAME"), "o-abc123");
    assert_eq!(c("ACCOUNT_TAGS"), "owner:sec");
    assert_eq!(
        c("FINDING_UID"),
        "kestrel-aws-iam_no_root_access_key-123456789012-eu-west-1-root"
    );
    assert_eq!(c("PROVIDER"), "aws");
    assert_eq!(c("STATUS"), "PASS");
    assert_eq!(c("MUTED"), "False");
    assert_eq!(c("SEVERITY"), "critical");
    assert_eq!(c("SERVICE_NAME"), "iam");
    assert_eq!(c("PARTITION"), "aws");
    assert_eq!(c("REGION"), "eu-west-1");
    assert_eq!(c("CATEGORIES"), "encryption | internet-exposed");
    assert_eq!(
        c("COMPLIANCE"),
        kestrel_report::compliance_cell("iam_no_root_access_key")
    );
    assert!(c("COMPLIANCE").contains(" | CIS-6.0: 2.3 | CIS-7.0: 2.4 | "));
    assert_eq!(c("PROWLER_VERSION"), "0.1.0");
    assert_eq!(c("ACCOUNT_OU_UID"), "ou-abc1-12345678");
    assert_eq!(c("ACCOUNT_OU_NAME"), "Production/WebServices");
}

#[test]
fn auth_method_without_profile_is_none() {
    let mut s = scan();
    s.profile = None;
    assert_eq!(s.auth_method(), "profile: None");
}

#[test]
fn compliance_lists_every_requirement_of_every_framework() {
    // organizations_delegated_administrators maps two CIS 7.0 requirements.
    let cell = kestrel_report::compliance_cell("organizations_delegated_administrators");
    assert!(cell.contains(" | CIS-7.0: 2.1.5, 2.1.6 | "), "{cell}");
}
