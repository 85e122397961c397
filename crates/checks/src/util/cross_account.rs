//! Whether a resource policy lets in anyone outside the account: everyone, or another
//! account not in the trusted list. Prowler's `is_policy_public` with cross-account
//! access not allowed, rule for rule (principals matched by the account id appearing in
//! them; conditions that tie the caller to the account, the organization, a VPC or a
//! private network make a statement safe), and the condition rules it is built of
//! (`is_condition_block_restrictive` and friends), which the SNS and SQS checks use too.

use serde_json::{Map, Value};

use super::net::cidr_is_private;
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
            // Without the account's id there is no telling other accounts from it
            // (Prowler skips the cross-account test then).
            let outside = principal_is_public(s)
                || !account.is_empty()
                    && match s.get("Principal") {
                        Some(Value::Object(m)) => match m.get("AWS") {
                            Some(Value::String(p)) => !known(p),
                            Some(Value::Array(ps)) => {
                                !ps.iter().all(|p| p.as_str().is_some_and(known))
                            }
                            _ => false,
                        },
                        _ => false,
                    };
            if !outside {
                return false;
            }
            match s.get("Condition") {
                None => true,
                Some(Value::Object(c)) if c.is_empty() => true,
                Some(c) => {
                    !condition_block_restrictive(c, account, false)
                        && !condition_block_restrictive_organization(c)
                        && !from_private_network(c)
                }
            }
        })
}

/// Condition keys that restrict a statement to an account, organization, network or
/// source, by operator (Prowler's `valid_condition_options`).
const ACCOUNT_KEYS: [&str; 21] = [
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
const ARN_KEYS: [&str; 2] = ["aws:sourcearn", "aws:principalarn"];

/// One operator's block of a Condition, with its keys lowercased (condition keys are
/// case-insensitive).
pub(crate) fn operator_block(cond: &Value, operator: &str) -> Option<Map<String, Value>> {
    match cond.get(operator) {
        Some(Value::Object(m)) => Some(
            m.iter()
                .map(|(k, v)| (k.to_ascii_lowercase(), v.clone()))
                .collect(),
        ),
        _ => None,
    }
}

/// Prowler's `is_condition_block_restrictive`: whether a StringEquals/StringLike/
/// ArnLike/ArnEquals condition ties the statement to a source. Unless cross-account
/// access is allowed, the values must name `account` (SourceArn values must also be
/// specific: no bare or trailing wildcards).
pub(crate) fn condition_block_restrictive(
    cond: &Value,
    account: &str,
    cross_account_allowed: bool,
) -> bool {
    let options: [(&str, &[&str]); 4] = [
        ("StringEquals", &ACCOUNT_KEYS),
        ("StringLike", &ACCOUNT_KEYS),
        ("ArnLike", &ARN_KEYS),
        ("ArnEquals", &ARN_KEYS),
    ];
    let mut valid = false;
    for (operator, keys) in options {
        let Some(block) = operator_block(cond, operator) else {
            continue;
        };
        for key in keys {
            let network = *key == "aws:sourcevpc" || *key == "aws:sourcevpce";
            match block.get(*key) {
                Some(Value::Array(items)) => {
                    let mut restrictive = true;
                    if !cross_account_allowed && !network {
                        if *key == "aws:sourcearn" {
                            let arns: Vec<&str> = items.iter().filter_map(Value::as_str).collect();
                            restrictive = source_arn_values_restrictive(&arns, account);
                        } else {
                            restrictive = items
                                .iter()
                                .all(|i| i.as_str().is_some_and(|s| s.contains(account)));
                        }
                    }
                    if restrictive {
                        valid = true;
                    }
                }
                Some(Value::String(s)) => {
                    if network || cross_account_allowed {
                        valid = true;
                    } else if *key == "aws:sourcearn" {
                        // Prowler assigns here, so a broad SourceArn undoes an earlier match.
                        valid = source_arn_values_restrictive(&[s.as_str()], account);
                    } else if s.contains(account) {
                        valid = true;
                    }
                }
                _ => {}
            }
        }
    }
    valid
}

/// Prowler's `is_condition_block_restrictive_organization`: an `aws:PrincipalOrgID`
/// condition without wildcards.
pub(crate) fn condition_block_restrictive_organization(cond: &Value) -> bool {
    let mut valid = false;
    for operator in ["StringEquals", "StringLike"] {
        let Some(block) = operator_block(cond, operator) else {
            continue;
        };
        match block.get("aws:principalorgid") {
            Some(Value::Array(items)) => {
                valid = !items.iter().any(|i| i.as_str() == Some("*"));
            }
            Some(Value::String(s)) if !s.contains('*') => valid = true,
            _ => {}
        }
    }
    valid
}

/// Prowler's `has_restrictive_source_arn_condition`: the statement has an
/// `aws:SourceArn` condition (any operator) whose values are specific ARNs.
pub(crate) fn has_restrictive_source_arn_condition(stmt: &Value, account: &str) -> bool {
    let Some(Value::Object(ops)) = stmt.get("Condition") else {
        return false;
    };
    for block in ops.values() {
        let Value::Object(keys) = block else {
            continue;
        };
        for (key, value) in keys {
            if key.eq_ignore_ascii_case("aws:sourcearn") {
                let arns: Vec<&str> = match value {
                    Value::Array(items) => items.iter().filter_map(Value::as_str).collect(),
                    Value::String(s) => vec![s.as_str()],
                    _ => Vec::new(),
                };
                return source_arn_values_restrictive(&arns, account);
            }
        }
    }
    false
}

/// Every SourceArn value is specific: not `*`, not mostly wildcards, not ending in a
/// resource wildcard, and (with `account`) in that account when it names one.
fn source_arn_values_restrictive(arns: &[&str], account: &str) -> bool {
    for arn in arns {
        if *arn == "*"
            || arn.matches('*').count() >= 3
            || arn.ends_with(":::*")
            || arn.ends_with(":*")
        {
            return false;
        }
        if !account.is_empty() {
            let parts: Vec<&str> = arn.split(':').collect();
            if parts.len() > 4 && !parts[4].is_empty() && parts[4] != "*" {
                let numeric = parts[4].chars().all(|c| c.is_ascii_digit());
                if (numeric && !arn.contains(account)) || (!numeric && parts[4] != account) {
                    return false;
                }
            } else if parts.len() > 4 && parts[4] == "*" {
                return false;
            }
        }
    }
    true
}

/// Whether a role trust policy lets an AWS service assume the role on behalf of any
/// account: Prowler's `is_policy_public` with `check_cross_service_confused_deputy` and
/// the actions `sts:AssumeRole`, `sts:*` (or `*`). An Allow statement for a public
/// principal, or for a service principal (`*.amazonaws.com`, `*.amazon.com`, `*`; Secrets
/// Manager and EKS act in the caller's account and are exempt), is unsafe unless a
/// condition ties it to a source (account, ARN, organization, private network).
pub fn allows_confused_deputy(doc: &Value, account: &str) -> bool {
    for s in statements(doc) {
        if !is_allow(s) {
            continue;
        }
        let mut exposed = principal_is_public(s);
        if !exposed {
            if let Some(Value::Object(p)) = s.get("Principal") {
                let services = strings(p.get("Service"));
                let cross = services.iter().any(|v| {
                    *v == "*" || v.ends_with(".amazonaws.com") || v.ends_with(".amazon.com")
                });
                let exempt = services
                    .iter()
                    .any(|v| matches!(*v, "secretsmanager.amazonaws.com" | "eks.amazonaws.com"));
                exposed = cross && !exempt;
            }
        }
        let assumes = match s.get("Action") {
            Some(Value::String(a)) => matches!(a.as_str(), "*" | "sts:AssumeRole" | "sts:*"),
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(Value::as_str)
                .any(|a| matches!(a, "*" | "sts:AssumeRole" | "sts:*")),
            _ => false,
        };
        if !(exposed && assumes) {
            continue;
        }
        if !source_restricted(s, account) {
            return true;
        }
    }
    false
}

/// Whether a statement's condition ties it to a source, cross-account sources allowed
/// (account, ARN, organization, private network): Prowler's condition test in
/// `is_policy_public` with `is_cross_account_allowed`.
fn source_restricted(stmt: &Value, account: &str) -> bool {
    match stmt.get("Condition") {
        None => false,
        Some(Value::Object(c)) if c.is_empty() => false,
        Some(c) => {
            condition_block_restrictive(c, account, true)
                || condition_block_restrictive_organization(c)
                || from_private_network(c)
        }
    }
}

/// Prowler's `is_policy_public` with its defaults (cross-account access allowed, any
/// action): an Allow statement for a public principal without a condition that ties it
/// to a source.
pub fn is_policy_public(doc: &Value, account: &str) -> bool {
    statements(doc)
        .into_iter()
        .any(|s| is_allow(s) && principal_is_public(s) && !source_restricted(s, account))
}

/// Prowler's `is_condition_restricting_from_private_ip`: IpAddress aws:SourceIp with
/// private addresses only.
fn from_private_network(c: &Value) -> bool {
    let Some(v) = operator_block(c, "IpAddress").and_then(|m| m.get("aws:sourceip").cloned())
    else {
        return false;
    };
    let v = &v;
    let ips = strings(Some(v));
    // An address that cannot be read is not private (Prowler's parse error).
    !ips.is_empty() && ips.iter().all(|ip| cidr_is_private(ip) == Some(true))
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
        let other = allow(json!({"AWS": "arn:aws:iam::111122223333:root"}), None);
        assert!(
            !allows_outside_access(&other, "", &[]),
            "no account id: no cross-account test"
        );
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
        // Shared address space is not private to Python's ipaddress; nor is garbage.
        assert!(cond(
            json!({"IpAddress": {"aws:SourceIp": "100.64.0.0/10"}})
        ));
        assert!(cond(json!({"IpAddress": {"aws:SourceIp": "not-an-ip"}})));
    }
}
