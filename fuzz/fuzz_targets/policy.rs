//! URL-encoded policy documents as IAM returns them.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = kestrel_parse::decode::policy(text);
    }
});
