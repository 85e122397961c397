//! The shared files' INI dialect: any text parses or fails, never panics, and an
//! error is one of the fixed reasons with a line number inside the file: it never
//! carries the input (a line may hold a secret key).
#![no_main]
use libfuzzer_sys::fuzz_target;

const REASONS: [&str; 6] = [
    "duplicate section header",
    "file contains no section headers",
    "line has no '=' or ':' delimiter",
    "empty key",
    "duplicate key in this section",
    "nested line has no '='",
];

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        if let Err(e) = kestrel_parse::ini::parse(text) {
            assert!(
                REASONS.contains(&e.reason.as_str()),
                "unexpected reason {:?}",
                e.reason
            );
            assert!(
                e.line >= 1 && e.line <= text.split('\n').count(),
                "line {} outside the file",
                e.line
            );
        }
    }
});
