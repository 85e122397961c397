//! kestrel's secret detector: finds credentials in name/value pairs (environment
//! variables, tags, parameters). Shared by every check that looks for secrets.
//!
//! Two kinds of rules. Format rules recognize a credential by its shape wherever it
//! appears (AWS access key ids, provider tokens with fixed prefixes, private-key blocks,
//! JSON Web Tokens, passwords inside URLs). Name rules flag a value stored under a name
//! that says it is a password, secret, token or API key, when the value looks like one
//! (long enough, no spaces, two character classes at least, not a reference to where the
//! secret really lives such as `${VAR}` or an ARN).
//!
//! Prowler 5.46 runs the Kingfisher scanner for this, with its own (larger) rule set;
//! the rule names here follow Kingfisher's where they overlap, but verdicts on
//! borderline values can differ.

use std::sync::OnceLock;

use regex::Regex;

/// Format rules: (name, pattern).
const FORMATS: &[(&str, &str)] = &[
    (
        "AWS Access Key ID",
        r"\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}\b",
    ),
    (
        "GitHub Token",
        r"\b(?:gh[pousr]_[A-Za-z0-9]{36,255}|github_pat_[A-Za-z0-9_]{22,255})\b",
    ),
    ("GitLab Token", r"\bglpat-[A-Za-z0-9_-]{20,}"),
    ("Slack Token", r"\bxox[abposr]-[A-Za-z0-9-]{10,}"),
    (
        "Slack Webhook",
        r"https://hooks\.slack\.com/services/T[A-Za-z0-9_]+/B[A-Za-z0-9_]+/[A-Za-z0-9_]+",
    ),
    ("Stripe API Key", r"\b(?:sk|rk)_live_[A-Za-z0-9]{20,}"),
    ("Google API Key", r"\bAIza[0-9A-Za-z_-]{35}"),
    (
        "SendGrid API Key",
        r"\bSG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}",
    ),
    ("npm Token", r"\bnpm_[A-Za-z0-9]{36}\b"),
    ("Twilio API Key", r"\bSK[0-9a-f]{32}\b"),
    (
        "Private Key",
        r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----",
    ),
    (
        "JSON Web Token (base64url-encoded)",
        r"\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}",
    ),
];

/// A URL with a password (`scheme://user:password@host`, the user may be empty); the
/// password is group 1, and a `${…}` placeholder is not one.
const URL_CREDENTIALS: &str =
    r"\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\s:/@'\x22]*:([^\s/@'\x22]{3,})@[^\s/'\x22]+";

/// Name rules: (name, pattern on the variable's name), first match wins.
const NAMES: &[(&str, &str)] = &[
    ("AWS Secret Access Key", r"(?i)aws.{0,20}secret"),
    (
        "Generic Password",
        r"(?i)passw(?:or)?d|passphrase|(?:^|_)pass(?:$|_)|(?:^|_)pwd(?:$|_)",
    ),
    ("Generic API Key", r"(?i)api[_-]?key|apikey"),
    (
        "Generic Secret",
        r"(?i)secret|token|credential|private[_-]?key|auth[_-]?key|signing[_-]?key",
    ),
];

/// Names that hold where a secret lives, or a setting about it, not the secret itself.
const NOT_A_SECRET_NAME: &str = r"(?i)(?:_|\b)(?:file|path|arn|url|uri|name|id|endpoint|region|length|ttl|type|policy|enabled|version|header|location|dir|prefix|host|server|issuer|audience|bucket|backend|provider|expiration|hasher)$|^(?:old)?pwd$";

fn compiled(rules: &'static [(&'static str, &'static str)]) -> Vec<(&'static str, Regex)> {
    rules
        .iter()
        .map(|(name, re)| (*name, Regex::new(re).expect("secret rule compiles")))
        .collect()
}

fn formats() -> &'static [(&'static str, Regex)] {
    static F: OnceLock<Vec<(&str, Regex)>> = OnceLock::new();
    F.get_or_init(|| compiled(FORMATS))
}

fn names() -> &'static [(&'static str, Regex)] {
    static N: OnceLock<Vec<(&str, Regex)>> = OnceLock::new();
    N.get_or_init(|| compiled(NAMES))
}

fn url_credentials() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(URL_CREDENTIALS).expect("rule compiles"))
}

/// Values with the shape of something else: a URL, a path, a host name, a version, a
/// date, a dotted class name.
fn shaped_like_a_setting(v: &str) -> bool {
    static R: OnceLock<Regex> = OnceLock::new();
    let re = R.get_or_init(|| {
        Regex::new(concat!(
            r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*://|/|\./|~/)",
            r"|^[a-z0-9-]+(?:\.[a-z0-9-]+)+$",
            r"|^v?[0-9]+(?:\.[0-9]+)+(?:[-+][0-9A-Za-z.-]*)?$",
            r"|^[0-9]{4}-[0-9]{2}-[0-9]{2}",
            r"|^[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)+\.[A-Za-z_][A-Za-z0-9_]*$",
        ))
        .expect("rule compiles")
    });
    re.is_match(v)
}

fn not_a_secret_name() -> &'static Regex {
    static R: OnceLock<Regex> = OnceLock::new();
    R.get_or_init(|| Regex::new(NOT_A_SECRET_NAME).expect("rule compiles"))
}

/// Whether a value stored under a secret-sounding name looks like a real secret.
fn plausible(value: &str) -> bool {
    let v = value.trim();
    if v.len() < 8 || v.len() > 512 || v.chars().any(char::is_whitespace) {
        return false;
    }
    // References to where the secret really lives.
    const REFERENCES: &[&str] = &[
        "${",
        "$(",
        "{{",
        "<",
        "%",
        "arn:",
        "ssm:",
        "secretsmanager:",
    ];
    if REFERENCES.iter().any(|r| v.starts_with(r)) || shaped_like_a_setting(v) {
        return false;
    }
    // Two of lower case, upper case and digits: words joined by dashes are not enough.
    let classes = [
        v.chars().any(|c| c.is_ascii_lowercase()),
        v.chars().any(|c| c.is_ascii_uppercase()),
        v.chars().any(|c| c.is_ascii_digit()),
    ];
    classes.iter().filter(|c| **c).count() >= 2
}

/// The rules a name/value pair trips, in rule order, each once.
pub fn find(name: &str, value: &str) -> Vec<&'static str> {
    let mut out: Vec<&'static str> = formats()
        .iter()
        .filter(|(_, re)| re.is_match(value))
        .map(|(n, _)| *n)
        .collect();
    if url_credentials()
        .captures_iter(value)
        .any(|c| !c[1].starts_with("${") && !c[1].starts_with("$("))
    {
        out.push("Credentials in URL");
    }
    if !not_a_secret_name().is_match(name) && plausible(value) {
        if let Some((rule, _)) = names().iter().find(|(_, re)| re.is_match(name)) {
            if *rule != "AWS Secret Access Key" || is_aws_secret_shape(value) {
                out.push(rule);
            } else {
                out.push("Generic Secret");
            }
        }
    }
    out.dedup();
    out
}

fn is_aws_secret_shape(v: &str) -> bool {
    v.len() == 40
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '/' || c == '+')
}

/// The user's ignore patterns (Prowler's `secrets_ignore_patterns`), compiled; a
/// pattern that is not a valid regular expression is an error naming it.
pub fn ignore_patterns(patterns: &[String]) -> Result<Vec<Regex>, String> {
    patterns
        .iter()
        .map(|p| Regex::new(p).map_err(|e| format!("secrets_ignore_patterns: {p:?}: {e}")))
        .collect()
}

/// The line an ignore pattern is matched against, as Prowler builds it from a JSON
/// dump of the variables: `  "NAME": "value"`.
pub fn source_line(name: &str, value: &str) -> String {
    format!(
        "  {}: {}",
        serde_json::Value::from(name),
        serde_json::Value::from(value)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_rules() {
        assert_eq!(find("KEY", "AKIAIOSFODNN7EXAMPLE"), ["AWS Access Key ID"]);
        let jwt = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U";
        assert_eq!(find("host", jwt), ["JSON Web Token (base64url-encoded)"]);
        assert_eq!(
            find("DATABASE", "postgres://app:S3cr3tPass@db.internal:5432/app"),
            ["Credentials in URL"]
        );
        assert_eq!(
            find("REDIS_URL", "redis://:S3cretPass@host:6379/0"),
            ["Credentials in URL"]
        );
        assert_eq!(
            find("DB", "postgres://app:Pa$$w0rd@db"),
            ["Credentials in URL"]
        );
        assert!(find("DB", "postgres://app:${DB_PASS}@db").is_empty());
        assert_eq!(
            find("X", "-----BEGIN RSA PRIVATE KEY-----\nMIIE..."),
            ["Private Key"]
        );
        assert_eq!(
            find("GH", "ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"),
            ["GitHub Token"]
        );
    }

    #[test]
    fn name_rules_need_a_plausible_value() {
        assert_eq!(
            find("DB_PASSWORD", "Tr0ub4dor3xKq9vLmZ"),
            ["Generic Password"]
        );
        assert_eq!(
            find("STRIPE_API_KEY", "live-8f2a9c1d7e"),
            ["Generic API Key"]
        );
        assert_eq!(find("SESSION_SECRET", "f00b4r-b4z-qux"), ["Generic Secret"]);
        assert_eq!(
            find(
                "AWS_SECRET_ACCESS_KEY",
                "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
            ),
            ["AWS Secret Access Key"]
        );
        // Not a secret: plain settings, references, short or one-class values.
        assert!(find("host", "localhost:1234").is_empty());
        assert!(find("DB_PASSWORD", "${DB_PASSWORD}").is_empty());
        assert!(find("DB_PASSWORD", "arn:aws:secretsmanager:us-east-1:1:secret:x").is_empty());
        assert!(find("DB_PASSWORD", "short1").is_empty());
        assert!(find("DB_PASSWORD", "abcdefghijkl").is_empty());
        assert!(find("PASSWORD_FILE", "/run/secrets/Db-Pass1").is_empty());
        assert!(find("TOKEN_URL", "https://auth.example.com/Token1").is_empty());
        assert!(find("SECRET_NAME", "prod/Db-Creds1").is_empty());
        // Values shaped like settings, under secret-sounding names.
        for (k, v) in [
            ("OAUTH_TOKEN_ISSUER", "https://login.example.com/oauth2"),
            (
                "GOOGLE_APPLICATION_CREDENTIALS",
                "/var/secrets/google/key.json",
            ),
            ("SECRETS_HOST", "vault.internal.example.com"),
            ("SECRET_BACKEND", "aws-secrets-manager"),
            ("TOKEN_LIB", "1.2.3-beta"),
            ("AWS_CREDENTIAL_EXPIRATION", "2024-01-01T00:00:00Z"),
            (
                "PASSWORD_HASHER",
                "django.contrib.auth.hashers.Argon2PasswordHasher",
            ),
            ("PWD", "/home/app"),
            ("OLDPWD", "Home2App"),
        ] {
            assert!(find(k, v).is_empty(), "{k}={v}: {:?}", find(k, v));
        }
        assert_eq!(find("DB_PWD", "Xk29sLq0"), ["Generic Password"]);
    }

    #[test]
    fn both_kinds_can_trip_together() {
        let jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhYmNkZWYifQ.c2lnbmF0dXJlLXZhbHVl";
        assert_eq!(
            find("DB_PASSWORD", jwt),
            ["JSON Web Token (base64url-encoded)", "Generic Password"]
        );
    }

    #[test]
    fn ignore_patterns_and_lines() {
        assert_eq!(source_line("A", "b\"c"), r#"  "A": "b\"c""#);
        let p = ignore_patterns(&["EXAMPLE".to_string()]).unwrap();
        assert!(p[0].is_match(&source_line("K", "AKIAIOSFODNN7EXAMPLE")));
        let e = ignore_patterns(&["(".to_string()]).unwrap_err();
        assert!(e.starts_with("secrets_ignore_patterns: \"(\":"), "{e}");
    }
}
