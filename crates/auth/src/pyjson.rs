//! `json.dumps(value, sort_keys=True)` with Python's default separators and
//! `ensure_ascii=True`, byte for byte: the AWS CLI hashes this text to name its cache
//! files, so kestrel must produce exactly the same text to share them.

use serde_json::Value;

pub fn dumps(value: &Value) -> String {
    let mut out = String::new();
    write(value, &mut out);
    out
}

fn write(value: &Value, out: &mut String) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => {
            if let Some(f) = n.as_f64().filter(|_| n.is_f64()) {
                out.push_str(&py_float(f));
            } else {
                out.push_str(&n.to_string());
            }
        }
        Value::String(s) => write_str(s, out),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            // serde_json's Map is a BTreeMap here (no preserve_order): sorted by key,
            // as sort_keys=True sorts by code point... of UTF-16? No: Python sorts str
            // by code point, and BTreeMap<String> sorts by UTF-8 bytes, which orders
            // code points identically.
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_str(k, out);
                out.push_str(": ");
                write(v, out);
            }
            out.push('}');
        }
    }
}

fn py_float(f: f64) -> String {
    if f.is_finite() && f == f.trunc() && f.abs() < 1e16 {
        format!("{f:.1}")
    } else {
        format!("{f}")
    }
}

fn write_str(s: &str, out: &mut String) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{08}' => out.push_str("\\b"),
            '\u{0c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 || (c as u32) > 0x7e && (c as u32) != 0x7f => {
                let mut buf = [0u16; 2];
                for unit in c.encode_utf16(&mut buf) {
                    out.push_str(&format!("\\u{unit:04x}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn python_separators_and_sorting() {
        let v = json!({"b": 1, "a": [1, "x"], "c": {"z": true, "y": null}});
        assert_eq!(
            dumps(&v),
            r#"{"a": [1, "x"], "b": 1, "c": {"y": null, "z": true}}"#
        );
    }

    #[test]
    fn ensure_ascii_escapes() {
        assert_eq!(dumps(&json!("é")), r#""\u00e9""#);
        assert_eq!(dumps(&json!("😀")), r#""\ud83d\ude00""#);
        assert_eq!(dumps(&json!("a\"b\\c\n\u{1}")), r#""a\"b\\c\n\u0001""#);
        assert_eq!(dumps(&json!("\u{7f}")), "\"\u{7f}\"");
        assert_eq!(dumps(&json!("a/b")), r#""a/b""#);
    }

    #[test]
    fn floats_like_python() {
        assert_eq!(dumps(&json!(1.0)), "1.0");
        assert_eq!(dumps(&json!(1.5)), "1.5");
    }
}
