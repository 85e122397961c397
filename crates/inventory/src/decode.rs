//! Parsers of documents that AWS returns as text: the IAM credential report (CSV) and
//! URL-encoded policy documents. Pure functions over untrusted input: they must never
//! panic, whatever the bytes.

use std::collections::BTreeMap;

/// The credential report's CSV (no quoted fields in practice).
pub fn credential_report(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let Some(header) = lines.next() else {
        return Vec::new();
    };
    let cols: Vec<&str> = header.split(',').map(str::trim).collect();
    lines
        .map(|l| {
            cols.iter()
                .zip(l.split(','))
                .map(|(k, v)| (k.to_string(), v.trim().to_string()))
                .collect()
        })
        .collect()
}

/// IAM returns policy documents URL-encoded.
pub fn policy(text: &str) -> Option<serde_json::Value> {
    serde_json::from_str(text)
        .ok()
        .or_else(|| serde_json::from_str(&percent_decode(text)).ok())
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Ok(b) = u8::from_str_radix(&s[i + 1..i + 3], 16) {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credential_report_csv() {
        let rows = credential_report("user,arn,mfa_active\n<root_account>,arn:aws:iam::1:root,true\nalice,arn:aws:iam::1:user/alice,false\n");
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
}
