//! A credential cache entry (any process of the user can write one).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = kestrel_parse::cache_entry::parse(data);
});
