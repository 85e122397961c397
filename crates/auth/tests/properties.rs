//! Property tests: the profile parser and the cache-key derivation never panic on
//! arbitrary input, and what the parser accepts survives a print → parse round trip.

use std::collections::BTreeMap;

use kestrel_auth::cache::KeyArgs;
use kestrel_auth::ini::{self, IniFile, Value};
use proptest::prelude::*;

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn parser_never_panics(text in "\\PC{0,400}") {
        let _ = ini::parse(&text);
    }

    #[test]
    fn parser_never_panics_on_ini_like_text(lines in prop::collection::vec(
        prop_oneof![
            "\\[[a-z \"]{0,12}\\]",
            "[ \t]{0,3}[a-zA-Z_]{0,8}[ \t]{0,2}[=:][^\n]{0,20}",
            "[ \t]{0,4}[#;][^\n]{0,10}",
            "[ \t]{1,4}[a-z_]{1,6} = [a-z0-9]{0,6}",
            "[^\n]{0,30}",
        ], 0..30)) {
        let _ = ini::parse(&lines.join("\n"));
    }

    #[test]
    fn parse_print_parse_is_stable(file in ini_file()) {
        let text = ini::render(&file);
        let parsed = ini::parse(&text).expect("rendered text parses");
        prop_assert_eq!(&parsed, &file);
        prop_assert_eq!(ini::parse(&ini::render(&parsed)).unwrap(), parsed);
    }

    #[test]
    fn cache_keys_never_panic_and_are_file_safe(
        role in "\\PC{0,80}",
        external in proptest::option::of("\\PC{0,40}"),
        serial in proptest::option::of("\\PC{0,40}"),
        duration in proptest::option::of(any::<i64>()),
        policy in proptest::option::of("\\PC{0,60}"),
        session in proptest::option::of("\\PC{0,30}"),
    ) {
        let k = KeyArgs {
            role_arn: role,
            external_id: external,
            serial_number: serial,
            duration_seconds: duration,
            policy,
            role_session_name: session,
        };
        let key = k.key();
        prop_assert_eq!(key.len(), 40);
        prop_assert!(key.bytes().all(|b| b.is_ascii_hexdigit()));
        // The hashed text is JSON that reads back (Python's json.dumps output is JSON).
        let v: serde_json::Value = serde_json::from_str(&k.key_text()).expect("key text is JSON");
        prop_assert_eq!(v["RoleArn"].as_str().unwrap(), k.role_arn.as_str());
        prop_assert!(k.key_text().is_ascii(), "ensure_ascii");
    }
}

/// Files that `render` can print: section names and keys without delimiters or
/// brackets, values without newlines or surrounding spaces.
fn ini_file() -> impl Strategy<Value = IniFile> {
    let name = "[a-z][a-z0-9 _-]{0,10}[a-z0-9]".prop_filter("no DEFAULT", |n| n != "DEFAULT");
    let key = "[a-z][a-z0-9_]{0,10}";
    let text = "[a-zA-Z0-9/:.@_+-]([a-zA-Z0-9/:.@_+ #;-]{0,15}[a-zA-Z0-9/:.@_+-])?";
    let value = prop_oneof![
        3 => text.prop_map(Value::Text),
        1 => prop::collection::btree_map("[a-z][a-z0-9_]{0,6}", "[a-z0-9]{1,6}", 1..4).prop_map(Value::Nested),
    ];
    let section = prop::collection::btree_map(key, value, 0..6)
        .prop_map(|m: BTreeMap<String, Value>| m.into_iter().collect::<Vec<_>>());
    prop::collection::btree_map(name, section, 0..5).prop_map(|m| IniFile {
        sections: m.into_iter().collect(),
    })
}
