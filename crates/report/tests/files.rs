mod common;

use std::fs;

use common::*;
use kestrel_checks::compliance;
use kestrel_model::{Severity, Status};
use kestrel_report::{
    open_compliance_writers, open_writers, write_compliance_csv, ComplianceCollector, Format,
    OutputPaths,
};

#[test]
fn every_report_file_is_private_and_named_like_prowler() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("output");
    let s = scan();
    let paths = OutputPaths::with_default_name(&dir, &s.account.account_id, s.timestamp_epoch);
    let mut writers = open_writers(&paths, &Format::ALL, &s).unwrap();
    writers.extend(open_compliance_writers(&paths, compliance::frameworks(), &s).unwrap());
    let m = meta("iam_no_root_access_key", "iam", Severity::Critical);
    for i in 0..3 {
        let f = finding("iam_no_root_access_key", Status::Fail, &format!("r{i}"));
        for w in writers.iter_mut() {
            w.write(&f, &m).unwrap();
        }
    }
    for w in writers {
        w.finish().unwrap();
    }

    let name = "kestrel-output-123456789012-20250101000000";
    let expected = [
        dir.join(format!("{name}.csv")),
        dir.join(format!("{name}.ocsf.json")),
        dir.join(format!("{name}.html")),
        dir.join(format!("compliance/{name}_cis_7.0_aws.csv")),
        dir.join(format!("compliance/{name}_cis_6.0_aws.csv")),
    ];
    for p in &expected {
        assert!(p.is_file(), "{} missing", p.display());
        assert!(fs::metadata(p).unwrap().len() > 0);
    }
    let v: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(&expected[1]).unwrap()).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 3);

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &std::path::Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
        for p in &expected {
            assert_eq!(mode(p), 0o600, "{}", p.display());
        }
        assert_eq!(mode(&dir), 0o700);
        assert_eq!(mode(&dir.join("compliance")), 0o700);
    }
}

#[cfg(unix)]
#[test]
fn collected_compliance_csv_is_private_too() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    let paths = OutputPaths::new(tmp.path(), "x");
    let fw = compliance::find("cis_6.0_aws").unwrap();
    let mut c = ComplianceCollector::new();
    c.add(&finding("iam_no_root_access_key", Status::Pass, "root"));
    let p = paths.compliance(&fw.name);
    write_compliance_csv(&p, fw, &c, &scan()).unwrap();
    assert_eq!(
        fs::metadata(&p).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let text = fs::read_to_string(&p).unwrap();
    assert!(text.contains(";2.3;"), "{text}");
}

#[test]
fn unwritable_output_directory_is_an_error_naming_it() {
    let tmp = tempfile::tempdir().unwrap();
    let blocker = tmp.path().join("not-a-dir");
    fs::write(&blocker, "").unwrap();
    let paths = OutputPaths::new(blocker.join("out"), "x");
    let err = match open_writers(&paths, &[Format::Csv], &scan()) {
        Ok(_) => panic!("opened a report under a file"),
        Err(e) => e,
    };
    assert!(err.to_string().contains("not-a-dir"), "{err}");
}
