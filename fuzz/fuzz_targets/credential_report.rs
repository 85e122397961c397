//! The IAM credential report: user names are attacker-chosen text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Ok(rows) = kestrel_parse::decode::credential_report(text) {
            // Every row has the header's columns.
            if let Some(first) = rows.first() {
                assert!(rows.iter().all(|r| r.len() == first.len()));
            }
        }
    }
});
