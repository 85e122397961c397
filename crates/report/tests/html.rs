mod common;

use common::*;
use kestrel_model::{Severity, Status};
use kestrel_report::HtmlWriter;

/// A registered check: its prose (and links) come from its doc.
const REAL: &str = "s3_bucket_secure_transport_policy";

fn hostile_report() -> String {
    let mut s = scan();
    s.profile = Some(format!("p{XSS}"));
    s.account.name = Some(XSS.into());
    s.account.caller_arn = format!("arn:aws:iam::1:user/{XSS}");
    let mut w = HtmlWriter::new(Vec::new(), &s).unwrap();
    let mut f = finding(REAL, Status::Fail, XSS);
    f.status_extended =
        format!("S3 Bucket {XSS} is public. \"'</td></tr></table><script>alert(2)</script>");
    f.region = format!("eu{XSS}");
    f.resource_tags.insert(XSS.into(), XSS.into());
    f.resource_details = XSS.into();
    w.write_finding(&f, &meta(REAL, "s3", Severity::High))
        .unwrap();
    let mut m = finding("iam_x", Status::Pass, "alice");
    m.muted = true;
    w.write_finding(&m, &meta("iam_x", "iam", Severity::Low))
        .unwrap();
    w.write_finding(
        &finding("iam_y", Status::Manual, "root"),
        &meta("iam_y", "iam", Severity::Medium),
    )
    .unwrap();
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

/// The markup tags of the page (`<name attrs…>`), in order. Account text is escaped, so
/// every `<` left in the page opens real markup.
fn tags(html: &str) -> Vec<String> {
    html.split('<')
        .skip(1)
        .map(|t| t[..t.find('>').expect("unclosed tag")].to_ascii_lowercase())
        .collect()
}

#[test]
fn loads_nothing_from_outside() {
    let html = hostile_report();
    for tag in tags(&html) {
        let name = tag.split_whitespace().next().unwrap_or("");
        assert!(
            !matches!(
                name,
                "link"
                    | "img"
                    | "iframe"
                    | "object"
                    | "embed"
                    | "source"
                    | "video"
                    | "audio"
                    | "base"
            ),
            "<{tag}>"
        );
        assert!(!tag.contains(" src="), "<{tag}>");
        assert!(
            !tag.contains(" style="),
            "inline style blocked by the CSP: <{tag}>"
        );
    }
    let lower = html.to_ascii_lowercase();
    assert!(!lower.contains("<script src"));
    assert!(!lower.contains("@import"));
    assert!(!lower.contains("url("));

    // The only URLs are documentation links the user may click, never loads: with
    // every <a>…</a> removed, none is left.
    let mut rest = lower.clone();
    while let Some(i) = rest.find("<a href=") {
        let tag = &rest[i..i + rest[i..].find('>').unwrap()];
        assert!(tag.contains("rel=\"noopener noreferrer\""), "{tag}");
        let end = i + rest[i..].find("</a>").expect("closed link") + 4;
        rest.replace_range(i..end, "");
    }
    assert!(!rest.contains("http://") && !rest.contains("https://"));
    assert!(
        lower.contains("https://docs.aws.amazon.com/"),
        "the link is there"
    );

    assert!(lower.contains("content-security-policy"));
    assert!(lower.contains("default-src 'none'"));
}

#[test]
fn account_text_is_always_escaped() {
    let html = hostile_report();
    assert!(!html.contains(XSS), "raw payload in output");
    assert!(!html.contains("<script>alert"), "raw script in output");
    assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
    assert!(
        html.contains("&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;&lt;script&gt;alert(2)&lt;/script&gt;")
    );
    assert!(html.contains("&quot;&#39;"));
    // Exactly one script element: ours, with the CSP nonce.
    assert_eq!(html.matches("<script").count(), 1);
    assert!(html.contains("<script nonce=\""));
    // Structure intact: one row per finding.
    assert_eq!(html.matches("<tr data-status=").count(), 3);
    assert!(html.trim_end().ends_with("</html>"));
}

#[test]
fn has_header_summaries_and_filters() {
    let html = hostile_report();
    for needle in [
        "<dt>Account</dt><dd>123456789012</dd>",
        "<dt>Profile</dt>",
        "<dt>Caller</dt>",
        "<dt>Scan time</dt><dd>2025-01-01T00:00:00Z</dd>",
        "id=\"summary\"",
        "<caption>By severity</caption>",
        "<caption>By service</caption>",
        "id=\"f-status\"",
        "id=\"f-severity\"",
        "id=\"f-service\"",
        "id=\"f-text\"",
        "<option value=\"iam\">iam</option>",
        "<option value=\"s3\">s3</option>",
        "data-value=\"FAIL\">FAIL<b>1</b>",
        "data-value=\"MANUAL\">MANUAL<b>1</b>",
        "data-value=\"muted\">Muted<b>1</b>",
        "Total<b>3</b>",
    ] {
        assert!(html.contains(needle), "missing {needle}");
    }
}

/// The inline script is valid JavaScript (checked with `node --check` when node is
/// installed; skipped otherwise).
#[test]
fn inline_script_parses() {
    let html = hostile_report();
    let start = html.find("<script nonce=").unwrap();
    let body_start = start + html[start..].find('>').unwrap() + 1;
    let body_end = body_start + html[body_start..].find("</script>").unwrap();
    let dir = tempfile::tempdir().unwrap();
    let js = dir.path().join("report.js");
    std::fs::write(&js, &html[body_start..body_end]).unwrap();
    match std::process::Command::new("node")
        .arg("--check")
        .arg(&js)
        .output()
    {
        Ok(out) => assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        ),
        Err(e) => eprintln!("node not available, skipping: {e}"),
    }
}

/// With frameworks to report on, the page ends with a compliance section: a row per
/// framework, then per framework its sections and requirements, failing resources under
/// failing requirements, and the reasons under not-assessed ones.
#[test]
fn compliance_section_drills_down_to_failing_resources() {
    let fw = kestrel_checks::compliance::find("cis_7.0_aws").unwrap();
    let mut s = scan().with_checks_run(["iam_no_root_access_key".to_string()]);
    s.compliance = vec![fw];
    let mut w = kestrel_report::HtmlWriter::new(Vec::new(), &s).unwrap();
    let m = meta("iam_no_root_access_key", "iam", Severity::Critical);
    let mut f = finding("iam_no_root_access_key", Status::Fail, "root");
    f.status_extended = format!("Root has keys {XSS}");
    w.write_finding(&f, &m).unwrap();
    let html = String::from_utf8(w.into_inner().unwrap()).unwrap();
    let sec = &html[html
        .find("<section id=\"compliance\">")
        .expect("a compliance section")..];
    assert!(sec.contains("href=\"#fw-cis_7.0_aws\""));
    assert!(sec.contains("<b>2.4</b>"), "requirement 2.4 listed");
    assert!(
        sec.contains("href=\"#fc-iam_no_root_access_key\""),
        "links to its check"
    );
    let fc = &sec[sec
        .find("id=\"fc-iam_no_root_access_key\"")
        .expect("the check's resources")..];
    assert!(fc.contains("arn:aws:s3:::root"), "its failing resource");
    assert!(!sec.contains(XSS), "escaped");
    assert!(sec.contains("not selected for this scan: "));
    // Without frameworks, no section.
    let w = kestrel_report::HtmlWriter::new(Vec::new(), &scan()).unwrap();
    let html = String::from_utf8(w.into_inner().unwrap()).unwrap();
    assert!(!html.contains("id=\"compliance\""));
}
