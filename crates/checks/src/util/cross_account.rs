//! Whether a resource policy lets in anyone outside the account: everyone, or another
//! account not in the trusted list. Prowler's `is_policy_public` with cross-account
//! access not allowed, rule for rule (principals matched by the account id appearing in
//! them; conditions that tie the caller to the account, the organization, a VPC or a
//! private network make a statement safe).

use serde_json::{Map, Value};

use super::net::cidr_is_global;
use super::policy::{is_allow, principal_is_public, statements, strings};

/// Whether any Allow statement of `doc` admits a principal outside `account` and the
/// `trusted` accounts (Prowler's `trusted_account_ids`), without a condition that
/// restricts it.
pub fn allows_outside_access(doc: &Value, account: &str, trusted: &[String]) -> bool {
    let mut accounts: Vec<&str> = trusted.iter().map(String::as_str).collect();
    accounts.push(account);
    let known = |p: &str| accounts.iter().any(|a| !a.is_empty() && p.contains(a));
    statements(doc)
        .into_iter()
        .filter(|s| is_allow(s))
        .any(|s| {
            let outside = principal_is_public(s)
                || match s.get("Principal") {
                    Some(Value::Object(m)) => match m.get("AWS") {
                        Some(Value::String(p)) => !known(p),
                        Some(Value::Array(ps)) => !ps.iter().all(|p| p.as_str().is_some_and(known)),
                        _ => false,
                    },
                    _ => false,
                };
            if !outside {
                return false;
            }
            match s.get("Condition").and_then(Value::as_object) {
                None => true,
                Some(c) if c.is_empty() => true,
                Some(c) => {
                    let c = lowercase_keys(c);
                    !ties_to_account(&c, account)
                        && !ties_to_organization(&c)
                        && !from_private_network(&c)
                }
            }
        })
}

/// The condition block with its keys lower-cased (condition keys are not
/// case-sensitive), per operator.
fn lowercase_keys(c: &Map<String, Value>) -> Map<String, Value> {
    c.iter()
        .map(|(op, keys)| {
            let keys = match keys {
                Value::Object(m) => Value::Object(
                    m.iter()
                        .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
                        .collect(),
                ),
                other => other.clone(),
            };
            (op.clone(), keys)
        })
        .collect()
}

/// Condition keys that name the caller's or the source's account, organization or
/// network (Prowler's list for StringEquals and StringLike).
const ACCOUNT_KEYS: &[&str] = &[
    "aws:sourceaccount",
    "aws:sourceowner",
    "aws:sourcearn",
    "aws:principalaccount",
    "aws:principalarn",
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:resourceaccount",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:sourceorgid",
    "aws:sourceorgpaths",
    "aws:userid",
    "aws:username",
    "aws:calledvia",
    "aws:calledviafirst",
    "aws:calledvialast",
    "kms:calleraccount",
    "kms:viaservice",
    "s3:resourceaccount",
    "lambda:eventsourcetoken",
];

/// Prowler's `is_condition_block_restrictive` (cross-account access not allowed): a
/// listed key whose every value names `account` (a VPC or VPC endpoint key always
/// counts; a source ARN must be specific and in the account).
fn ties_to_account(c: &Map<String, Value>, account: &str) -> bool {
    let ops: [(&str, &[&str]); 4] = [
        ("StringEquals", ACCOUNT_KEYS),
        ("StringLike", ACCOUNT_KEYS),
        ("ArnLike", &["aws:sourcearn", "aws:principalarn"]),
        ("ArnEquals", &["aws:sourcearn", "aws:principalarn"]),
    ];
    let vpc = |k: &str| k == "aws:sourcevpc" || k == "aws:sourcevpce";
    ops.iter().any(|(op, keys)| {
        let Some(Value::Object(m)) = c.get(*op) else {
            return false;
        };
        keys.iter().any(|k| match m.get(*k) {
            Some(Value::Array(items)) => items.iter().all(|item| {
                vpc(k)
                    || if *k == "aws:sourcearn" {
                        source_arn_is_specific(
                            &strings(Some(&Value::Array(items.clone()))),
                            account,
                        )
                    } else {
                        item.as_str().is_some_and(|v| v.contains(account))
                    }
            }),
            Some(Value::String(v)) => {
                vpc(k)
                    || if *k == "aws:sourcearn" {
                        source_arn_is_specific(&[v.as_str()], account)
                    } else {
                        v.contains(account)
                    }
            }
            _ => false,
        })
    })
}

/// Prowler's `has_restrictive_source_arn_condition`: no broad wildcard, and an account
/// field, when the ARN has one, that is `account`.
fn source_arn_is_specific(arns: &[&str], account: &str) -> bool {
    arns.iter().all(|a| {
        if *a == "*" || a.matches('*').count() >= 3 || a.ends_with(":::*") || a.ends_with(":*") {
            return false;
        }
        match a.split(':').nth(4) {
            Some("*") => false,
            Some(acct) if !acct.is_empty() && !account.is_empty() => {
                if acct.bytes().all(|b| b.is_ascii_digit()) {
                    a.contains(account)
                } else {
                    acct == account
                }
            }
            _ => true,
        }
    })
}

/// Prowler's `is_condition_block_restrictive_organization`: aws:PrincipalOrgID without a
/// wildcard.
fn ties_to_organization(c: &Map<String, Value>) -> bool {
    ["StringEquals", "StringLike"].iter().any(|op| {
        match c.get(*op).and_then(|m| m.get("aws:principalorgid")) {
            Some(Value::Array(items)) => items.iter().all(|i| i.as_str() != Some("*")),
            Some(Value::String(v)) => !v.contains('*'),
            _ => false,
        }
    })
}

/// Prowler's `is_condition_restricting_from_private_ip`: IpAddress aws:SourceIp with
/// private addresses only.
fn from_private_network(c: &Map<String, Value>) -> bool {
    let Some(v) = c.get("IpAddress").and_then(|m| m.get("aws:sourceip")) else {
        return false;
    };
    let ips = strings(Some(v));
    !ips.is_empty()
        && ips.iter().all(|ip| {
            let cidr = if ip.contains('/') {
                ip.to_string()
            } else if ip.contains(':') {
                format!("{ip}/128")
            } else {
                format!("{ip}/32")
            };
            *ip != "*" && !cidr_is_global(&cidr)
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ME: &str = "123456789012";

    fn allow(principal: Value, condition: Option<Value>) -> Value {
        let mut s = json!({"Effect": "Allow", "Principal": principal, "Action": "s3:GetObject",
                           "Resource": "arn:aws:s3:::b/*"});
        if let Some(c) = condition {
            s["Condition"] = c;
        }
        json!({"Statement": [s]})
    }

    fn outside(doc: &Value) -> bool {
        allows_outside_access(doc, ME, &[])
    }

    #[test]
    fn principals() {
        assert!(outside(&allow(json!("*"), None)));
        assert!(outside(&allow(
            json!({"AWS": "arn:aws:iam::111122223333:root"}),
            None
        )));
        assert!(!outside(&allow(
            json!({"AWS": "arn:aws:iam::123456789012:role/r"}),
            None
        )));
        assert!(outside(&allow(
            json!({"AWS": ["arn:aws:iam::123456789012:root", "111122223333"]}),
            None
        )));
        assert!(!outside(&allow(
            json!({"Service": "cloudtrail.amazonaws.com"}),
            None
        )));
        let trusted = ["111122223333".to_string()];
        let other = allow(json!({"AWS": "arn:aws:iam::111122223333:root"}), None);
        assert!(!allows_outside_access(&other, ME, &trusted));
        let deny = json!({"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "*"}]});
        assert!(!outside(&deny));
    }

    #[test]
    fn conditions_that_restrict() {
        let star = || json!("*");
        let cond = |c: Value| outside(&allow(star(), Some(c)));
        assert!(!cond(json!({"StringEquals": {"AWS:SourceAccount": ME}})));
        assert!(cond(
            json!({"StringEquals": {"aws:SourceAccount": "111122223333"}})
        ));
        assert!(!cond(json!({"StringEquals": {"aws:SourceVpce": "vpce-1"}})));
        assert!(!cond(
            json!({"StringEquals": {"aws:PrincipalOrgID": "o-abc"}})
        ));
        assert!(cond(json!({"StringLike": {"aws:PrincipalOrgID": "*"}})));
        assert!(!cond(
            json!({"ArnLike": {"aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:t"}})
        ));
        assert!(cond(
            json!({"ArnLike": {"aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:*"}})
        ));
        assert!(cond(
            json!({"ArnLike": {"aws:SourceArn": "arn:aws:sns:us-east-1:111122223333:t"}})
        ));
        assert!(!cond(
            json!({"IpAddress": {"aws:SourceIp": ["10.0.0.0/8", "192.168.1.1"]}})
        ));
        assert!(cond(json!({"IpAddress": {"aws:SourceIp": "8.8.8.0/24"}})));
        assert!(cond(json!({"Bool": {"aws:SecureTransport": "true"}})));
    }
}
