//! Parsers of text kestrel does not control: the AWS shared files' INI dialect
//! ([`ini`]), credential cache entries ([`cache_entry`]), and documents AWS returns as
//! text, the IAM credential report and URL-encoded policies ([`decode`]).
//!
//! Pure functions, no I/O and no SDK, so the fuzz targets in `fuzz/` build in seconds
//! and exercise exactly the code the scanner runs. None may panic, whatever the bytes,
//! and no error may quote the input (it can hold a secret key).

pub mod cache_entry;
pub mod decode;
pub mod ini;
