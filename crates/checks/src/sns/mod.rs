//! sns checks, and the policy-condition rules Prowler applies to SNS topic and SQS
//! queue policies (`is_condition_block_restrictive` and friends in Prowler's
//! `iam/lib/policy.py`), which look at condition values, not only at condition keys.

use serde_json::{Map, Value};

use crate::Check;

pub mod sns_topics_not_publicly_accessible;

pub const CHECKS: &[&Check] = &[&sns_topics_not_publicly_accessible::CHECK];

/// Condition keys that restrict a statement to an account, organization, network or
/// source, by operator (Prowler's `valid_condition_options`).
const ACCOUNT_KEYS: [&str; 16] = [
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
    "s3:resourceaccount",
    "lambda:eventsourcetoken",
];
const ARN_KEYS: [&str; 2] = ["aws:sourcearn", "aws:principalarn"];

/// One operator's block of a Condition, with its keys lowercased (condition keys are
/// case-insensitive).
fn operator_block(cond: &Value, operator: &str) -> Option<Map<String, Value>> {
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

/// Prowler's `is_condition_block_restrictive_sns_endpoint`: an `sns:Endpoint` condition
/// naming a specific e-mail address, HTTPS URL or SNS ARN (no wildcards).
pub(crate) fn condition_block_restrictive_sns_endpoint(cond: &Value) -> bool {
    let mut valid = false;
    for operator in ["StringEquals", "StringLike"] {
        let Some(block) = operator_block(cond, operator) else {
            continue;
        };
        if let Some(Value::String(s)) = block.get("sns:endpoint") {
            if specific_endpoint(s) {
                valid = true;
            }
        }
    }
    valid
}

/// `.+@[^*]+|^https://[^*]+|^arn:aws:sns:[^*]+`, matched against the whole value.
fn specific_endpoint(s: &str) -> bool {
    let rest_ok = |rest: &str| !rest.is_empty() && !rest.contains('*') && !rest.contains('\n');
    if let Some(rest) = s.strip_prefix("https://") {
        if rest_ok(rest) {
            return true;
        }
    }
    if let Some(rest) = s.strip_prefix("arn:aws:sns:") {
        if rest_ok(rest) {
            return true;
        }
    }
    s.char_indices()
        .filter(|(i, c)| *c == '@' && *i > 0)
        .any(|(i, _)| rest_ok(&s[i + 1..]) && !s[..i].contains('\n'))
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

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ACCOUNT: &str = "123456789012";

    #[test]
    fn account_conditions_need_the_account_unless_cross_account_is_allowed() {
        let own = json!({"StringEquals": {"AWS:SourceOwner": ACCOUNT}});
        assert!(condition_block_restrictive(&own, ACCOUNT, false));
        let other = json!({"StringEquals": {"aws:SourceAccount": "999999999999"}});
        assert!(!condition_block_restrictive(&other, ACCOUNT, false));
        assert!(condition_block_restrictive(&other, ACCOUNT, true));
        let list = json!({"StringLike": {"aws:SourceAccount": [ACCOUNT, "999999999999"]}});
        assert!(!condition_block_restrictive(&list, ACCOUNT, false));
        let vpce = json!({"StringEquals": {"aws:SourceVpce": "vpce-1"}});
        assert!(condition_block_restrictive(&vpce, ACCOUNT, false));
        // Operators other than the four listed do not count.
        let not_equals = json!({"StringNotEquals": {"aws:SourceAccount": ACCOUNT}});
        assert!(!condition_block_restrictive(&not_equals, ACCOUNT, true));
        let ip = json!({"IpAddress": {"aws:SourceIp": "10.0.0.0/8"}});
        assert!(!condition_block_restrictive(&ip, ACCOUNT, true));
    }

    #[test]
    fn source_arn_must_be_specific() {
        let arn = |v: Value| json!({"Condition": {"ArnLike": {"aws:SourceArn": v}}});
        assert!(has_restrictive_source_arn_condition(
            &arn(json!("arn:aws:s3:::my-bucket")),
            ""
        ));
        assert!(!has_restrictive_source_arn_condition(
            &arn(json!("arn:aws:s3:::*")),
            ""
        ));
        assert!(!has_restrictive_source_arn_condition(&arn(json!("*")), ""));
        assert!(!has_restrictive_source_arn_condition(
            &arn(json!("arn:aws:sns:us-east-1:123456789012:*")),
            ""
        ));
        assert!(!has_restrictive_source_arn_condition(
            &arn(json!(["arn:aws:cloudwatch:us-east-1:999999999999:alarm:a"])),
            ACCOUNT
        ));
        assert!(has_restrictive_source_arn_condition(
            &arn(json!(["arn:aws:cloudwatch:us-east-1:123456789012:alarm:a"])),
            ACCOUNT
        ));
        assert!(!has_restrictive_source_arn_condition(
            &json!({"Effect": "Allow"}),
            ""
        ));
    }

    #[test]
    fn organization_and_endpoint_conditions() {
        assert!(condition_block_restrictive_organization(
            &json!({"StringEquals": {"aws:PrincipalOrgID": "o-abc"}})
        ));
        assert!(!condition_block_restrictive_organization(
            &json!({"StringLike": {"aws:PrincipalOrgID": "o-*"}})
        ));
        assert!(!condition_block_restrictive_organization(
            &json!({"StringEquals": {"aws:PrincipalOrgID": ["*"]}})
        ));
        let endpoint = |v: &str| json!({"StringEquals": {"SNS:Endpoint": v}});
        assert!(condition_block_restrictive_sns_endpoint(&endpoint(
            "ops@example.com"
        )));
        assert!(condition_block_restrictive_sns_endpoint(&endpoint(
            "https://events.pagerduty.com/integration/x/enqueue"
        )));
        assert!(condition_block_restrictive_sns_endpoint(&endpoint(
            "arn:aws:sns:us-east-1:123456789012:t"
        )));
        assert!(!condition_block_restrictive_sns_endpoint(&endpoint(
            "ops@*"
        )));
        assert!(!condition_block_restrictive_sns_endpoint(&endpoint(
            "https://*"
        )));
        assert!(!condition_block_restrictive_sns_endpoint(&endpoint(
            "http://example.com"
        )));
    }
}
