//! Shared fixtures for the report tests.
#![allow(dead_code)]

use kestrel_checks::CheckMeta;
use kestrel_model::{Account, Finding, Severity, Status, Tags};
use kestrel_report::ScanInfo;

pub const ACCOUNT: &str = "123456789012";
/// 2025-01-01T00:00:00Z
pub const NOW: i64 = 1_735_689_600;
pub const XSS: &str = "<img src=x onerror=alert(1)>";

pub fn scan() -> ScanInfo {
    let mut tags = Tags::new();
    tags.insert("owner".into(), "sec".into());
    let account = Account {
        account_id: ACCOUNT.into(),
        partition: "aws".into(),
        caller_arn: "arn:aws:iam::123456789012:user/alice".into(),
        user_id: "AIDAEXAMPLE".into(),
        profile: Some("prod".into()),
        name: Some("Production".into()),
        email: Some("aws@example.com".into()),
        organization_id: Some("o-abc123".into()),
        organization_arn: Some("arn:aws:organizations::111111111111:organization/o-abc123".into()),
        ou_id: Some("ou-abc1-12345678".into()),
        ou_path: Some("Production/WebServices".into()),
        tags,
        ..Default::default()
    };
    ScanInfo::new(account, Some("prod".into()), NOW, "0.1.0")
}

/// A check's metadata with the given id, service and severity.
pub fn meta(id: &'static str, service: &'static str, severity: Severity) -> CheckMeta {
    CheckMeta {
        id,
        title: "Test check title",
        service,
        subservice: "",
        severity,
        resource_type: "AwsS3Bucket",
        categories: &["encryption", "internet-exposed"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices"],
        needs: &[kestrel_model::s3::LIST_ALL_MY_BUCKETS],
    }
}

pub fn finding(check_id: &str, status: Status, resource: &str) -> Finding {
    Finding::new(
        check_id,
        status,
        "eu-west-1",
        resource,
        &format!("arn:aws:s3:::{resource}"),
        format!("S3 Bucket {resource} is not compliant."),
    )
}

/// A minimal RFC 4180 reader (`;`, `"`-quoted, CRLF or LF records).
pub fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    cell.push('"');
                }
                '"' => quoted = false,
                _ => cell.push(c),
            }
            continue;
        }
        match c {
            '"' if cell.is_empty() => quoted = true,
            ';' => row.push(std::mem::take(&mut cell)),
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            _ => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

/// `rows[0]` is the header: the value of `column` in `row`.
pub fn col<'a>(rows: &'a [Vec<String>], row: usize, column: &str) -> &'a str {
    let i = rows[0]
        .iter()
        .position(|h| h == column)
        .unwrap_or_else(|| panic!("no column {column}"));
    &rows[row][i]
}
