mod common;

use common::*;
use kestrel_model::{Severity, Status};
use kestrel_report::OcsfWriter;
use serde_json::Value;

/// Every top-level field of the spec's example element, with its JSON type.
const TOP_LEVEL: [(&str, &str); 24] = [
    ("message", "string"),
    ("metadata", "object"),
    ("severity_id", "number"),
    ("severity", "string"),
    ("status", "string"),
    ("status_code", "string"),
    ("status_detail", "string"),
    ("status_id", "number"),
    ("unmapped", "object"),
    ("activity_name", "string"),
    ("activity_id", "number"),
    ("finding_info", "object"),
    ("resources", "array"),
    ("category_name", "string"),
    ("category_uid", "number"),
    ("class_name", "string"),
    ("class_uid", "number"),
    ("cloud", "object"),
    ("time", "number"),
    ("time_dt", "string"),
    ("remediation", "object"),
    ("risk_details", "string"),
    ("type_uid", "number"),
    ("type_name", "string"),
];

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn render(items: &[(kestrel_model::Finding, kestrel_checks::CheckMeta)]) -> String {
    let mut w = OcsfWriter::new(Vec::new(), &scan()).unwrap();
    for (f, m) in items {
        w.write_finding(f, m).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

#[test]
fn empty_report_is_an_empty_array() {
    let v: Value = serde_json::from_str(&render(&[])).unwrap();
    assert_eq!(v, Value::Array(vec![]));
}

#[test]
fn each_element_is_a_detection_finding_with_every_field() {
    let sevs = [
        (Severity::Informational, 1, "Informational"),
        (Severity::Low, 2, "Low"),
        (Severity::Medium, 3, "Medium"),
        (Severity::High, 4, "High"),
        (Severity::Critical, 5, "Critical"),
    ];
    let statuses = [
        Status::Pass,
        Status::Fail,
        Status::Manual,
        Status::Error,
        Status::Fail,
    ];
    let items: Vec<_> = sevs
        .iter()
        .zip(statuses)
        .enumerate()
        .map(|(i, ((sev, _, _), st))| {
            let mut f = finding("iam_no_root_access_key", st, &format!("res{i}"));
            f.resource_tags.insert("env".into(), "prod".into());
            (f, meta("iam_no_root_access_key", "iam", *sev))
        })
        .collect();
    let text = render(&items);
    let v: Value = serde_json::from_str(&text).unwrap();
    let arr = v.as_array().expect("a JSON array");
    assert_eq!(arr.len(), 5);

    for (i, e) in arr.iter().enumerate() {
        for (field, ty) in TOP_LEVEL {
            let got = e
                .get(field)
                .unwrap_or_else(|| panic!("element {i} lacks {field}"));
            assert_eq!(kind(got), ty, "{field}");
        }
        assert_eq!(e["class_uid"], 2004);
        assert_eq!(e["class_name"], "Detection Finding");
        assert_eq!(e["category_uid"], 2);
        assert_eq!(e["type_uid"], 200401);
        assert_eq!(e["type_name"], "Detection Finding: Create");
        assert_eq!(e["activity_id"], 1);
        assert_eq!(e["metadata"]["version"], "1.5.0");
        assert_eq!(e["metadata"]["product"]["name"], "kestrel");
        assert_eq!(e["metadata"]["product"]["version"], "0.1.0");
        assert_eq!(e["metadata"]["event_code"], "iam_no_root_access_key");
        assert_eq!(e["severity_id"], sevs[i].1);
        assert_eq!(e["severity"], sevs[i].2);
        assert_eq!(e["status_code"], statuses[i].as_str());
        assert_eq!(e["status"], "New");
        assert_eq!(e["status_id"], 1);
        assert_eq!(e["time"], NOW);
        assert_eq!(e["time_dt"], "2025-01-01T00:00:00Z");
        assert_eq!(e["finding_info"]["created_time"], NOW);
        assert_eq!(
            e["finding_info"]["analytic"]["uid"],
            "iam_no_root_access_key"
        );
        assert_eq!(
            e["finding_info"]["uid"],
            format!("kestrel-aws-iam_no_root_access_key-{ACCOUNT}-eu-west-1-res{i}")
        );
        assert_eq!(e["resources"][0]["name"], format!("res{i}"));
        assert_eq!(e["resources"][0]["uid"], format!("arn:aws:s3:::res{i}"));
        assert_eq!(e["resources"][0]["labels"][0], "env:prod");
        assert_eq!(e["resources"][0]["group"]["name"], "iam");
        assert_eq!(e["cloud"]["account"]["uid"], ACCOUNT);
        assert_eq!(e["cloud"]["account"]["type_id"], 10);
        assert_eq!(e["cloud"]["org"]["name"], "o-abc123");
        assert_eq!(e["cloud"]["org"]["ou_name"], "Production/WebServices");
        assert_eq!(e["unmapped"]["compliance"]["CIS-7.0"][0], "2.4");
        assert_eq!(e["unmapped"]["provider_uid"], ACCOUNT);
        assert!(e["unmapped"]["scan_id"].as_str().unwrap().len() == 36);
        assert!(e["remediation"]["references"].is_array());
    }
}

#[test]
fn muted_findings_are_suppressed() {
    let mut f = finding("s3_x", Status::Fail, "b");
    f.muted = true;
    let v: Value =
        serde_json::from_str(&render(&[(f, meta("s3_x", "s3", Severity::Low))])).unwrap();
    assert_eq!(v[0]["status"], "Suppressed");
    assert_eq!(v[0]["status_id"], 3);
    assert_eq!(v[0]["status_code"], "FAIL");
}

#[test]
fn hostile_text_stays_valid_json() {
    let mut f = finding("s3_x", Status::Fail, "a\"b\\c\u{0}]");
    f.status_extended = "line\nbreak, \"quoted\" ]},".into();
    let v: Value =
        serde_json::from_str(&render(&[(f.clone(), meta("s3_x", "s3", Severity::Low))])).unwrap();
    assert_eq!(v[0]["message"], f.status_extended.as_str());
    assert_eq!(v[0]["resources"][0]["name"], f.resource_id.as_str());
}
