//! The INI dialect of `~/.aws/config` and `~/.aws/credentials`, exactly as botocore reads
//! it (Python's `configparser.RawConfigParser` with its defaults, then botocore's
//! one-level nesting).
//!
//! Rules reproduced here, each one observable with the AWS CLI:
//! - whole-line comments start with `#` or `;`; there are **no inline comments**
//!   (`region = us-west-2 # x` is the value `us-west-2 # x`);
//! - `=` or `:` separate key and value (the first of either on the line); keys are
//!   lower-cased and both sides stripped;
//! - a line indented deeper than its option's line continues that option's value;
//! - a duplicate section or a duplicate key within a section, a line without a
//!   delimiter, an empty key, or an option before any section makes the whole file fail;
//! - `[DEFAULT]` values are inherited by every other section;
//! - a value that starts with a newline is a nested map of `k = v` lines (one level).
//!
//! This module only parses text; which sections are profiles is `files`' business.

use std::collections::BTreeMap;
use std::fmt;

/// One value in a section: a plain string, or a one-level nested map
/// (`s3 =\n  max_concurrent_requests = 10`).
#[derive(Clone, PartialEq, Eq)]
pub enum Value {
    Text(String),
    Nested(BTreeMap<String, String>),
}

impl Value {
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(s) => Some(s),
            Value::Nested(_) => None,
        }
    }
}

impl fmt::Debug for Value {
    // Values may be secrets (aws_secret_access_key): never show them in debug output.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Text(s) => write!(f, "Text(<{} chars>)", s.chars().count()),
            Value::Nested(m) => f
                .debug_map()
                .entries(m.keys().map(|k| (k, "<redacted>")))
                .finish(),
        }
    }
}

/// A section: keys in the order they were first written.
pub type Section = Vec<(String, Value)>;

/// A parsed file: sections in file order (botocore iterates them in that order, which
/// decides which of `[default]` / `[profile default]` wins).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IniFile {
    pub sections: Vec<(String, Section)>,
}

/// Why a file could not be parsed. The user-facing message is always botocore's
/// `Unable to parse config file: PATH`; the detail goes into `--explain`/debug output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub reason: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

const DEFAULT_SECTION: &str = "DEFAULT";

/// Sections while parsing: name, then each key with its raw value lines (each with its
/// line number in the file, for errors that must not quote the text).
type RawSections = Vec<(String, RawOptions)>;
type RawOptions = Vec<(String, Vec<(usize, String)>)>;

struct OpenOption {
    section: usize, // index into `sections`, or usize::MAX for [DEFAULT]
    key: String,
    lines: Vec<(usize, String)>,
    indent: usize,
}

/// Parses the text of a config or credentials file.
pub fn parse(text: &str) -> Result<IniFile, ParseError> {
    let mut sections: RawSections = Vec::new();
    let mut defaults: RawOptions = Vec::new();
    let mut current: Option<usize> = None; // usize::MAX = DEFAULT
    let mut open: Option<OpenOption> = None;
    let mut seen_default = false;

    let store = |sections: &mut RawSections, defaults: &mut RawOptions, opt: OpenOption| {
        let target = if opt.section == usize::MAX {
            defaults
        } else {
            &mut sections[opt.section].1
        };
        if let Some(slot) = target.iter_mut().find(|(k, _)| *k == opt.key) {
            slot.1 = opt.lines;
        }
    };

    for (idx, raw_line) in text.split_inclusive('\n').enumerate() {
        let lineno = idx + 1;
        let line = raw_line.trim_end_matches(['\n', '\r']);
        let stripped = py_strip(line);
        let is_comment = stripped.starts_with('#') || stripped.starts_with(';');
        if stripped.is_empty() || is_comment {
            // Empty lines inside a value are kept (trailing ones are trimmed at the
            // end); comment lines are dropped without ending the value.
            if !is_comment {
                if let Some(opt) = open.as_mut() {
                    opt.lines.push((lineno, String::new()));
                }
            }
            continue;
        }
        let indent = line.len() - py_lstrip(line).len();
        if let Some(opt) = open.as_mut() {
            if indent > opt.indent {
                opt.lines.push((lineno, stripped.to_string()));
                continue;
            }
        }
        if let Some(opt) = open.take() {
            store(&mut sections, &mut defaults, opt);
        }
        if let Some(header) = section_header(stripped) {
            if header == DEFAULT_SECTION {
                if seen_default {
                    return Err(ParseError {
                        line: lineno,
                        reason: "duplicate section header".into(),
                    });
                }
                seen_default = true;
                current = Some(usize::MAX);
            } else {
                if sections.iter().any(|(name, _)| name == header) {
                    return Err(ParseError {
                        line: lineno,
                        reason: "duplicate section header".into(),
                    });
                }
                sections.push((header.to_string(), Vec::new()));
                current = Some(sections.len() - 1);
            }
            continue;
        }
        let Some(section) = current else {
            return Err(ParseError {
                line: lineno,
                reason: "file contains no section headers".into(),
            });
        };
        let Some((key, value)) = split_option(stripped) else {
            return Err(ParseError {
                line: lineno,
                reason: "line has no '=' or ':' delimiter".into(),
            });
        };
        let key = key.to_lowercase();
        if key.is_empty() {
            return Err(ParseError {
                line: lineno,
                reason: "empty key".into(),
            });
        }
        let target = if section == usize::MAX {
            &mut defaults
        } else {
            &mut sections[section].1
        };
        if target.iter().any(|(k, _)| *k == key) {
            return Err(ParseError {
                line: lineno,
                reason: "duplicate key in this section".into(),
            });
        }
        target.push((key.clone(), Vec::new()));
        open = Some(OpenOption {
            section,
            key,
            lines: vec![(lineno, value.to_string())],
            indent,
        });
    }
    if let Some(opt) = open.take() {
        store(&mut sections, &mut defaults, opt);
    }

    let finish = |lines: &[(usize, String)]| -> Result<Value, ParseError> {
        let joined: Vec<&str> = lines.iter().map(|(_, l)| l.as_str()).collect();
        let joined = joined.join("\n");
        let joined = py_rstrip(&joined);
        if joined.starts_with('\n') {
            parse_nested(lines).map(Value::Nested)
        } else {
            Ok(Value::Text(joined.to_string()))
        }
    };
    let mut out = IniFile::default();
    for (name, opts) in sections {
        let mut section: Section = Vec::new();
        for (k, lines) in &opts {
            section.push((k.clone(), finish(lines)?));
        }
        for (k, lines) in &defaults {
            if !opts.iter().any(|(ok, _)| ok == k) {
                section.push((k.clone(), finish(lines)?));
            }
        }
        out.sections.push((name, section));
    }
    Ok(out)
}

/// `[NAME]` → `NAME`: Python's `\[(?P<header>.+)\]` matched at the start of the stripped
/// line, so everything from the first `[` to the last `]` (trailing text is ignored).
fn section_header(line: &str) -> Option<&str> {
    let rest = line.strip_prefix('[')?;
    let end = rest.rfind(']')?;
    if end == 0 {
        return None;
    }
    Some(&rest[..end])
}

/// `key = value` or `key: value`; the key ends at the first `=` or `:`.
fn split_option(line: &str) -> Option<(&str, &str)> {
    let pos = line.find(['=', ':'])?;
    Some((py_strip(&line[..pos]), py_strip(&line[pos + 1..])))
}

/// The lines of a value that starts with a newline, as `k = v` pairs. The error names
/// the line number only: a line here may be a secret written on the wrong line.
fn parse_nested(lines: &[(usize, String)]) -> Result<BTreeMap<String, String>, ParseError> {
    let mut map = BTreeMap::new();
    for (lineno, line) in lines {
        let line = py_strip(line);
        if line.is_empty() {
            continue;
        }
        let Some((k, v)) = line.split_once('=') else {
            return Err(ParseError {
                line: *lineno,
                reason: "nested line has no '='".into(),
            });
        };
        map.insert(py_strip(k).to_string(), py_strip(v).to_string());
    }
    Ok(map)
}

// Python's str.strip() removes Unicode whitespace; Rust's trim() uses the same
// White_Space property, close enough for config files.
fn py_strip(s: &str) -> &str {
    s.trim()
}
fn py_lstrip(s: &str) -> &str {
    s.trim_start()
}
fn py_rstrip(s: &str) -> &str {
    s.trim_end()
}

/// Writes sections back as INI text that `parse` reads to the same value (used by the
/// property tests, and handy for fixtures).
pub fn render(file: &IniFile) -> String {
    let mut out = String::new();
    for (name, section) in &file.sections {
        out.push_str(&format!("[{name}]\n"));
        for (k, v) in section {
            match v {
                Value::Text(s) => out.push_str(&format!("{k} = {s}\n")),
                Value::Nested(m) => {
                    out.push_str(&format!("{k} =\n"));
                    for (nk, nv) in m {
                        out.push_str(&format!("    {nk} = {nv}\n"));
                    }
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(file: &IniFile, section: &str, key: &str) -> Option<String> {
        file.sections
            .iter()
            .find(|(n, _)| n == section)?
            .1
            .iter()
            .find(|(k, _)| k == key)
            .and_then(|(_, v)| v.as_text().map(str::to_string))
    }

    #[test]
    fn no_inline_comments() {
        let f = parse("[default]\nregion = us-west-2 # comment\n").unwrap();
        assert_eq!(
            text(&f, "default", "region").as_deref(),
            Some("us-west-2 # comment")
        );
    }

    #[test]
    fn colon_delimiter_and_lowercased_keys() {
        let f = parse("[a]\nRegion: eu-west-1\nrole_arn = arn:aws:iam::1:role/x\n").unwrap();
        assert_eq!(text(&f, "a", "region").as_deref(), Some("eu-west-1"));
        assert_eq!(
            text(&f, "a", "role_arn").as_deref(),
            Some("arn:aws:iam::1:role/x")
        );
    }

    #[test]
    fn whole_line_comments_are_skipped() {
        let f = parse("# top\n; top\n[a]\n  # indented comment\nk = v\n").unwrap();
        assert_eq!(text(&f, "a", "k").as_deref(), Some("v"));
    }

    #[test]
    fn duplicates_and_missing_delimiters_fail() {
        assert!(parse("[a]\n[a]\n").is_err());
        assert!(parse("[a]\nk = 1\nk = 2\n").is_err());
        assert!(
            parse("[a]\nK = 1\nk = 2\n").is_err(),
            "keys compare lower-cased"
        );
        assert!(parse("[a]\njust a line\n").is_err());
        assert!(parse("k = v\n").is_err(), "option before any section");
        assert!(parse("[a]\n= v\n").is_err(), "empty key");
    }

    #[test]
    fn same_key_in_different_sections_is_fine() {
        let f = parse("[a]\nk = 1\n[b]\nk = 2\n").unwrap();
        assert_eq!(text(&f, "b", "k").as_deref(), Some("2"));
    }

    #[test]
    fn nested_values() {
        let f = parse(
            "[a]\ns3 =\n  max_concurrent_requests = 10\n  addressing_style = path\nregion = x\n",
        )
        .unwrap();
        let v = &f.sections[0].1[0].1;
        match v {
            Value::Nested(m) => {
                assert_eq!(m["max_concurrent_requests"], "10");
                assert_eq!(m["addressing_style"], "path");
            }
            other => panic!("expected nested, got {other:?}"),
        }
        assert_eq!(text(&f, "a", "region").as_deref(), Some("x"));
    }

    #[test]
    fn nested_line_without_equals_fails() {
        assert!(parse("[a]\ns3 =\n  junk\n").is_err());
    }

    #[test]
    fn errors_give_the_line_number_never_the_text() {
        let secret = "wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY";
        let cases = [
            (format!("[a]\naws_secret_access_key =\n    {secret}\n"), 3),
            (format!("[a]\nx = 1\n\n{secret}\n"), 4),
            (format!("{secret} = 1\n[a]\n"), 1),
            (format!("[a]\n{secret} = 1\n{secret} = 2\n"), 3),
            (format!("[{secret}]\n[{secret}]\n"), 2),
        ];
        for (text, line) in cases {
            let err = parse(&text).unwrap_err();
            assert_eq!(err.line, line, "{err}");
            assert!(!err.to_string().contains(secret), "{err}");
            assert!(!format!("{err:?}").contains(secret), "{err:?}");
        }
    }

    #[test]
    fn continuation_lines_join_with_newlines() {
        let f = parse("[a]\nk = first\n   second\n").unwrap();
        assert_eq!(text(&f, "a", "k").as_deref(), Some("first\nsecond"));
    }

    #[test]
    fn default_section_is_inherited() {
        let f = parse("[DEFAULT]\nregion = r1\n[a]\nk = v\n[b]\nregion = r2\n").unwrap();
        assert_eq!(text(&f, "a", "region").as_deref(), Some("r1"));
        assert_eq!(text(&f, "b", "region").as_deref(), Some("r2"));
        assert!(f.sections.iter().all(|(n, _)| n != "DEFAULT"));
    }

    #[test]
    fn header_takes_up_to_last_bracket() {
        let f = parse("[profile a] trailing\nk = v\n").unwrap();
        assert_eq!(f.sections[0].0, "profile a");
        let f = parse("[x]y]\n").unwrap();
        assert_eq!(f.sections[0].0, "x]y");
    }

    #[test]
    fn section_names_are_case_sensitive() {
        let f = parse("[A]\n[a]\n").unwrap();
        assert_eq!(f.sections.len(), 2);
    }

    #[test]
    fn crlf_line_endings() {
        let f = parse("[a]\r\nk = v\r\n").unwrap();
        assert_eq!(text(&f, "a", "k").as_deref(), Some("v"));
    }

    #[test]
    fn debug_output_hides_values() {
        let f = parse("[a]\naws_secret_access_key = SUPERSECRET\n").unwrap();
        assert!(!format!("{f:?}").contains("SUPERSECRET"));
    }

    #[test]
    fn render_then_parse_is_stable() {
        let f = parse("[a]\nk = v\ns3 =\n  x = 1\n[profile b]\nrole_arn = arn:aws:iam::1:role/r\n")
            .unwrap();
        assert_eq!(parse(&render(&f)).unwrap(), f);
    }
}
