//! An entry of the credential cache the AWS CLI and kestrel share
//! (`~/.aws/cli/cache/<key>.json`): the AssumeRole response as botocore writes it.
//! Any user process can write there, so the text is untrusted: every field is
//! checked, nothing is indexed or sliced, and errors name the field, never a value.

use std::time::SystemTime;

use serde_json::Value;

use kestrel_model::time as timefmt;

/// The fields of an entry kestrel uses, as read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub access_key_id: String,
    pub secret_access_key: String,
    /// Absent or empty: None.
    pub session_token: Option<String>,
    pub expiration: SystemTime,
    /// `Credentials.AccountId`, else the account of `AssumedRoleUser.Arn`.
    pub account_id: Option<String>,
    pub assumed_role_arn: Option<String>,
    pub assumed_role_id: Option<String>,
}

/// Reads an entry's text.
pub fn parse(text: &[u8]) -> Result<Entry, String> {
    let v: Value = serde_json::from_slice(text)
        .map_err(|e| format!("not JSON (line {}, column {})", e.line(), e.column()))?;
    from_json(&v)
}

/// Reads an entry already decoded as JSON.
pub fn from_json(v: &Value) -> Result<Entry, String> {
    let c = v.get("Credentials").ok_or("no \"Credentials\" object")?;
    let field = |name: &str| -> Result<String, String> {
        c.get(name)
            .and_then(Value::as_str)
            .map(str::to_string)
            .ok_or_else(|| format!("no \"Credentials.{name}\" string"))
    };
    let exp_text = field("Expiration")?;
    let expiration = timefmt::parse_system_time(&exp_text)
        .ok_or_else(|| "unreadable Credentials.Expiration".to_string())?;
    let arn = v
        .pointer("/AssumedRoleUser/Arn")
        .and_then(Value::as_str)
        .map(str::to_string);
    let account_id = c
        .get("AccountId")
        .and_then(Value::as_str)
        .map(str::to_string)
        .or_else(|| arn.as_deref().and_then(account_from_arn));
    Ok(Entry {
        access_key_id: field("AccessKeyId")?,
        secret_access_key: field("SecretAccessKey")?,
        session_token: c
            .get("SessionToken")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
            .map(str::to_string),
        expiration,
        account_id,
        assumed_role_arn: arn,
        assumed_role_id: v
            .pointer("/AssumedRoleUser/AssumedRoleId")
            .and_then(Value::as_str)
            .map(str::to_string),
    })
}

/// The 12-digit account of an ARN (`arn:partition:service:region:account:…`).
pub fn account_from_arn(arn: &str) -> Option<String> {
    let acct = arn.split(':').nth(4)?;
    (acct.len() == 12 && acct.bytes().all(|b| b.is_ascii_digit())).then(|| acct.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_what_botocore_writes() {
        let e = parse(br#"{"Credentials": {"AccessKeyId": "ASIA1", "SecretAccessKey": "s", "SessionToken": "t",
            "Expiration": "2999-01-01T00:00:00+00:00"}, "AssumedRoleUser": {"AssumedRoleId": "AROA:x",
            "Arn": "arn:aws:sts::111111111111:assumed-role/r/x"}}"#)
        .unwrap();
        assert_eq!(e.access_key_id, "ASIA1");
        assert_eq!(e.session_token.as_deref(), Some("t"));
        assert_eq!(e.account_id.as_deref(), Some("111111111111"));
        assert_eq!(e.assumed_role_id.as_deref(), Some("AROA:x"));
    }

    #[test]
    fn names_the_field_never_the_value() {
        let err = parse(
            br#"{"Credentials": {"AccessKeyId": "ASIA1", "SecretAccessKey": "hunter2",
            "Expiration": "soon-hunter2"}}"#,
        )
        .unwrap_err();
        assert!(err.contains("Expiration"), "{err}");
        assert!(!err.contains("hunter2"), "{err}");
        assert!(parse(b"{").unwrap_err().starts_with("not JSON"));
        assert!(parse(b"[]").is_err());
        assert!(parse(br#"{"Credentials": 1}"#).is_err());
    }

    #[test]
    fn account_comes_from_the_arn_only_when_it_is_an_account_id() {
        assert_eq!(
            account_from_arn("arn:aws:iam::123456789012:role/x").as_deref(),
            Some("123456789012")
        );
        assert_eq!(account_from_arn("arn:aws:iam::/../../x:role/x"), None);
        assert_eq!(account_from_arn("arn"), None);
        assert_eq!(account_from_arn("arn:aws:iam::١٢٣٤٥٦٧٨٩٠١٢:role/x"), None);
    }
}
