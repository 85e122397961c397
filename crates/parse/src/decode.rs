//! Parsers of documents that AWS returns as text: the IAM credential report (CSV) and
//! URL-encoded policy documents. Pure functions over untrusted input: they must never
//! panic, whatever the bytes.

use std::collections::BTreeMap;

/// The credential report: RFC 4180 CSV with a header row. IAM user names may contain
/// `,` (and the report quotes them), so it is read by a CSV parser, never split on
/// commas. A row whose field count differs from the header's makes the whole report
/// unreadable: guessing which column is which would turn a user's console password
/// into someone else's, so the checks that need it report ERROR instead.
pub fn credential_report(text: &str) -> Result<Vec<BTreeMap<String, String>>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let cols: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_string).collect(),
        Err(e) => {
            return Err(format!(
                "credential report header is not CSV: {}",
                csv_error(&e)
            ))
        }
    };
    if cols.iter().all(String::is_empty) {
        return Ok(Vec::new());
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record =
            record.map_err(|e| format!("credential report is malformed: {}", csv_error(&e)))?;
        rows.push(
            cols.iter()
                .zip(record.iter())
                .map(|(k, v)| (k.clone(), v.to_string()))
                .collect(),
        );
    }
    Ok(rows)
}

/// A CSV error without the offending field's text (a user name, in the report).
fn csv_error(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::UnequalLengths {
            pos,
            expected_len,
            len,
        } => format!(
            "row {} has {len} fields where the header has {expected_len}",
            pos.as_ref().map(|p| p.line()).unwrap_or(0)
        ),
        csv::ErrorKind::Utf8 { pos, .. } => format!(
            "row {} is not UTF-8",
            pos.as_ref().map(|p| p.line()).unwrap_or(0)
        ),
        _ => "unreadable CSV".to_string(),
    }
}

/// IAM returns policy documents URL-encoded.
pub fn policy(text: &str) -> Option<serde_json::Value> {
    serde_json::from_str(text).ok().or_else(|| {
        let decoded = percent_encoding::percent_decode_str(text).decode_utf8_lossy();
        serde_json::from_str(&decoded).ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credential_report_csv() {
        let rows = credential_report("user,arn,mfa_active\n<root_account>,arn:aws:iam::1:root,true\nalice,arn:aws:iam::1:user/alice,false\n").unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[1]["user"], "alice");
        assert_eq!(rows[0]["mfa_active"], "true");
    }

    #[test]
    fn url_encoded_policies() {
        let doc =
            policy("%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D").unwrap();
        assert_eq!(doc["Version"], "2012-10-17");
        assert!(policy("{\"a\": 1}").is_some());
    }

    #[test]
    fn credential_report_quoted_commas_stay_in_their_field() {
        // A user named `evil,arn:…` must not shift its password column onto another.
        let rows = credential_report(
            "user,arn,password_enabled\n\"evil,arn:aws:iam::1:user/x\",arn:aws:iam::1:user/evil,arn:aws:iam::1:user/x,true\n\"evil,x\",arn:aws:iam::1:user/evil,x,true\n",
        );
        assert!(rows.is_err(), "an unquoted extra field is a malformed row");
        let rows = credential_report(
            "user,arn,password_enabled\n\"evil,arn:aws:iam::1:user/x\",arn:aws:iam::1:user/evil,arn:aws:iam::1:user/x,true\n",
        );
        assert!(rows.is_err());
        let rows = credential_report(
            "user,arn,password_enabled\n\"evil,arn:aws:iam::1:user/x\",\"arn:aws:iam::1:user/evil,arn:aws:iam::1:user/x\",true\n",
        )
        .unwrap();
        assert_eq!(rows[0]["user"], "evil,arn:aws:iam::1:user/x");
        assert_eq!(rows[0]["password_enabled"], "true");
    }

    #[test]
    fn credential_report_wrong_field_count_is_an_error_naming_no_field() {
        let e = credential_report("user,arn,mfa_active\nsecretname,arn:aws:iam::1:user/a\n")
            .unwrap_err();
        assert!(
            e.contains("row 2 has 2 fields where the header has 3"),
            "{e}"
        );
        assert!(!e.contains("secretname"));
        assert_eq!(
            credential_report("").unwrap(),
            Vec::<BTreeMap<String, String>>::new()
        );
    }

    #[test]
    fn policy_decoder_survives_non_ascii_and_stray_percents() {
        for text in [
            "%\u{e9}",
            "%%",
            "%4",
            "\u{1F600}%41%",
            "%E9%",
            "%7B%22a%22%3A%22\u{e9}%22%7D",
        ] {
            let _ = policy(text);
        }
        assert_eq!(
            policy("%7B%22a%22%3A%22%C3%A9%22%7D").unwrap()["a"],
            "\u{e9}"
        );
    }
}
