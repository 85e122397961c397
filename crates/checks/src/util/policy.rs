//! Reading IAM and resource policies: statements, principals, conditions, actions.

use serde_json::Value;

/// The statements of a policy document (`Statement` may be one object or a list).
pub fn statements(doc: &Value) -> Vec<&Value> {
    match doc.get("Statement") {
        Some(Value::Array(items)) => items.iter().collect(),
        Some(v @ Value::Object(_)) => vec![v],
        _ => Vec::new(),
    }
}

/// A string-or-list field as a list of strings.
pub fn strings(v: Option<&Value>) -> Vec<&str> {
    match v {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    }
}

pub fn is_allow(stmt: &Value) -> bool {
    stmt.get("Effect").and_then(Value::as_str) == Some("Allow")
}

/// The root of any account: how IAM often stores `"Principal": "*"`, and as public.
const ANY_ACCOUNT_ROOT: &str = "arn:aws:iam::*:root";

fn everyone(p: &str) -> bool {
    p == "*" || p == ANY_ACCOUNT_ROOT
}

/// Whether the principal is everyone, the one definition every resource-policy check
/// uses: `"*"` or `arn:aws:iam::*:root` (`arn:aws:iam::*:root` is what IAM often stores
/// for `*`), bare or under `AWS` or `CanonicalUser`, alone or in a list (Prowler's
/// `has_public_principal`).
pub fn principal_is_public(stmt: &Value) -> bool {
    match stmt.get("Principal") {
        Some(Value::String(s)) => everyone(s),
        Some(Value::Object(m)) => m
            .iter()
            .filter(|(k, _)| *k == "AWS" || *k == "CanonicalUser")
            .any(|(_, v)| strings(Some(v)).into_iter().any(everyone)),
        _ => false,
    }
}

/// Condition keys that tie a public principal to a known account, organization,
/// network or source — with such a condition the statement is not public (Prowler's
/// `is_condition_block_restrictive`, simplified to the keys' presence).
const RESTRICTIVE_KEYS: [&str; 14] = [
    "aws:sourceaccount",
    "aws:sourceowner",
    "aws:sourcearn",
    "aws:principalaccount",
    "aws:principalorgid",
    "aws:principalorgpaths",
    "aws:principalarn",
    "aws:sourcevpc",
    "aws:sourcevpce",
    "aws:sourceip",
    "aws:resourceaccount",
    "aws:userid",
    "kms:calleraccount",
    "s3:resourceaccount",
];

pub fn has_restrictive_condition(stmt: &Value) -> bool {
    let Some(Value::Object(ops)) = stmt.get("Condition") else {
        return false;
    };
    ops.values().any(|keys| match keys {
        Value::Object(m) => m
            .keys()
            .any(|k| RESTRICTIVE_KEYS.contains(&k.to_ascii_lowercase().as_str())),
        _ => false,
    })
}

/// Whether any Allow statement lets everyone in without a restricting condition.
pub fn is_public(doc: &Value) -> bool {
    statements(doc)
        .into_iter()
        .any(|s| is_allow(s) && principal_is_public(s) && !has_restrictive_condition(s))
}

/// `s3:*`, `s3:Put*`, `*` style matching of an action pattern against an action
/// (case-insensitive, as IAM).
pub fn action_matches(pattern: &str, action: &str) -> bool {
    let (p, a) = (pattern.to_ascii_lowercase(), action.to_ascii_lowercase());
    wildcard(&p, &a)
}

fn wildcard(p: &str, s: &str) -> bool {
    match p.find('*') {
        None => p == s,
        Some(i) => {
            let (head, tail) = (&p[..i], &p[i + 1..]);
            if !s.starts_with(head) {
                return false;
            }
            let rest = &s[head.len()..];
            (0..=rest.len()).any(|k| rest.is_char_boundary(k) && wildcard(tail, &rest[k..]))
        }
    }
}

/// Whether a statement's actions cover `action`.
pub fn statement_allows_action(stmt: &Value, action: &str) -> bool {
    strings(stmt.get("Action"))
        .iter()
        .any(|p| action_matches(p, action))
}

/// Whether the document allows `"*"` actions on `"*"` resources (full admin), without
/// NotAction tricks. Prowler's `check_admin_access`.
pub fn allows_full_admin(doc: &Value) -> bool {
    statements(doc).into_iter().any(|s| {
        is_allow(s)
            && s.get("NotAction").is_none()
            && strings(s.get("Action"))
                .iter()
                .any(|a| *a == "*" || *a == "*:*")
            && strings(s.get("Resource")).contains(&"*")
    })
}

/// Whether a statement names `Resource: "*"`.
fn on_all_resources(stmt: &Value) -> bool {
    strings(stmt.get("Resource")).contains(&"*")
}

fn effect(stmt: &Value) -> String {
    stmt.get("Effect")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase()
}

/// Whether a statement's `Action`, or its `NotAction` (everything it does not list),
/// covers `action`; Prowler unions the two when a statement has both.
fn covers(stmt: &Value, action: &str) -> bool {
    let by_action = statement_allows_action(stmt, action);
    let not = strings(stmt.get("NotAction"));
    by_action || (!not.is_empty() && !not.iter().any(|p| action_matches(p, action)))
}

/// Whether the document can allow `action` on `Resource: "*"`: an Allow statement on
/// `*` covers it (conditional or not: the wildcard scope is what is risky) and no
/// unconditional Deny on `*` covers it. Prowler's
/// `policy_allows_marketplace_subscribe_on_all_resources`, for any single action.
pub fn allows_on_all_resources(doc: &Value, action: &str) -> bool {
    let stmts = statements(doc);
    let on_all = |e: &str, s: &Value| effect(s) == e && on_all_resources(s);
    stmts
        .iter()
        .any(|s| on_all("allow", s) && covers(s, action))
        && !stmts
            .iter()
            .any(|s| on_all("deny", s) && s.get("Condition").is_none() && covers(s, action))
}

/// Whether an action pattern covers every action of `service` (`kms:*`, `*`, `k*`).
fn covers_service(pattern: &str, service: &str) -> bool {
    let p = pattern.to_ascii_lowercase();
    p.ends_with('*') && wildcard(&p, &format!("{service}:"))
}

/// Whether an action pattern names at least one action of `service`.
fn touches_service(pattern: &str, service: &str) -> bool {
    let p = pattern.to_ascii_lowercase();
    match p.split_once(':') {
        Some((svc, _)) => wildcard(svc, service),
        None => covers_service(&p, service),
    }
}

/// Whether the document grants every action of `service` on all resources: an Allow on
/// `Resource: "*"` whose `Action` covers the whole service (`kms:*`, `*`) or whose
/// `NotAction` spares none of it, and no Deny (on any resource, with or without
/// conditions, as Prowler's effective-action set ignores both) that names any of the
/// service's actions. Prowler's `check_full_service_access`. Prowler expands patterns
/// against its catalog of actions; without one, a policy that lists each of the
/// service's actions by name is not recognised as full access.
pub fn grants_full_service(doc: &Value, service: &str) -> bool {
    let service = service.to_ascii_lowercase();
    let stmts = statements(doc);
    let denied = stmts.iter().filter(|s| effect(s) == "deny").any(|s| {
        strings(s.get("Action"))
            .iter()
            .any(|p| touches_service(p, &service))
            || {
                let not = strings(s.get("NotAction"));
                !not.is_empty() && !not.iter().any(|p| covers_service(p, &service))
            }
    });
    if denied {
        return false;
    }
    stmts
        .iter()
        .filter(|s| effect(s) == "allow" && on_all_resources(s))
        .any(|s| {
            strings(s.get("Action"))
                .iter()
                .any(|p| covers_service(p, &service))
                || {
                    let not = strings(s.get("NotAction"));
                    !not.is_empty() && !not.iter().any(|p| touches_service(p, &service))
                }
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn public_principals_and_conditions() {
        let public = json!({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage"}]});
        assert!(is_public(&public));
        let aws_star =
            json!({"Statement": {"Effect": "Allow", "Principal": {"AWS": ["*"]}, "Action": "*"}});
        assert!(is_public(&aws_star));
        let conditioned = json!({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "sns:Publish",
            "Condition": {"StringEquals": {"aws:SourceAccount": "123456789012"}}}]});
        assert!(!is_public(&conditioned));
        let deny = json!({"Statement": [{"Effect": "Deny", "Principal": "*", "Action": "*"}]});
        assert!(!is_public(&deny));
        let account = json!({"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "*"}]});
        assert!(!is_public(&account));
        for any_root in [
            json!("arn:aws:iam::*:root"),
            json!({"AWS": "arn:aws:iam::*:root"}),
            json!({"AWS": ["arn:aws:iam::123456789012:root", "arn:aws:iam::*:root"]}),
        ] {
            let doc = json!({"Statement": [{"Effect": "Allow", "Principal": any_root, "Action": "events:PutEvents"}]});
            assert!(is_public(&doc), "{doc}");
        }
        let service = json!({"Statement": [{"Effect": "Allow", "Principal": {"Service": "*"}, "Action": "*"}]});
        assert!(!is_public(&service));
    }

    #[test]
    fn single_action_on_all_resources() {
        let a = "aws-marketplace:Subscribe";
        let doc = |stmts: Value| json!({ "Statement": stmts });
        let allow = |action: &str| json!({"Effect": "Allow", "Action": action, "Resource": "*"});
        assert!(allows_on_all_resources(
            &doc(json!([allow("aws-marketplace:*")])),
            a
        ));
        assert!(allows_on_all_resources(&doc(json!([allow("*")])), a));
        assert!(!allows_on_all_resources(
            &doc(json!([allow("aws-marketplace:View*")])),
            a
        ));
        let scoped =
            json!({"Effect": "Allow", "Action": "aws-marketplace:Subscribe", "Resource": "arn:x"});
        assert!(!allows_on_all_resources(&doc(json!([scoped])), a));
        let not_action = json!({"Effect": "Allow", "NotAction": "iam:*", "Resource": "*"});
        assert!(allows_on_all_resources(&doc(json!([not_action])), a));
        let conditional_allow = json!({"Effect": "Allow", "Action": "aws-marketplace:Subscribe", "Resource": "*",
            "Condition": {"Bool": {"aws:MultiFactorAuthPresent": "true"}}});
        assert!(allows_on_all_resources(&doc(json!([conditional_allow])), a));
        let deny = json!({"Effect": "Deny", "Action": "aws-marketplace:*", "Resource": "*"});
        assert!(!allows_on_all_resources(&doc(json!([allow("*"), deny])), a));
        let conditional_deny = json!({"Effect": "Deny", "Action": "aws-marketplace:*", "Resource": "*",
            "Condition": {"Bool": {"aws:SecureTransport": "false"}}});
        assert!(allows_on_all_resources(
            &doc(json!([allow("*"), conditional_deny])),
            a
        ));
    }

    #[test]
    fn full_service_access() {
        let doc = |stmts: Value| json!({ "Statement": stmts });
        let allow = |action: &str| json!({"Effect": "Allow", "Action": action, "Resource": "*"});
        for full in ["kms:*", "*", "KMS:*", "k*"] {
            assert!(
                grants_full_service(&doc(json!([allow(full)])), "kms"),
                "{full}"
            );
        }
        for partial in ["kms:Decrypt", "kms:Get*", "s3:*", "kms:*Key"] {
            assert!(
                !grants_full_service(&doc(json!([allow(partial)])), "kms"),
                "{partial}"
            );
        }
        let scoped =
            json!({"Effect": "Allow", "Action": "kms:*", "Resource": "arn:aws:kms:*:*:key/k"});
        assert!(!grants_full_service(&doc(json!([scoped])), "kms"));
        let deny_one =
            json!({"Effect": "Deny", "Action": "kms:ScheduleKeyDeletion", "Resource": "arn:x"});
        assert!(!grants_full_service(
            &doc(json!([allow("kms:*"), deny_one])),
            "kms"
        ));
        let not_action =
            json!({"Effect": "Allow", "NotAction": ["iam:*", "s3:*"], "Resource": "*"});
        assert!(grants_full_service(&doc(json!([not_action])), "kms"));
        let not_kms = json!({"Effect": "Allow", "NotAction": "kms:Decrypt", "Resource": "*"});
        assert!(!grants_full_service(&doc(json!([not_kms])), "kms"));
        assert!(grants_full_service(
            &doc(json!([allow("cloudtrail:*")])),
            "cloudtrail"
        ));
    }

    #[test]
    fn actions_and_admin() {
        assert!(action_matches("s3:*", "s3:PutObject"));
        assert!(action_matches("S3:Put*", "s3:PutObject"));
        assert!(action_matches("*", "s3:PutObject"));
        assert!(!action_matches("s3:Get*", "s3:PutObject"));
        assert!(allows_full_admin(
            &json!({"Statement": [{"Effect": "Allow", "Action": "*", "Resource": "*"}]})
        ));
        assert!(!allows_full_admin(
            &json!({"Statement": [{"Effect": "Allow", "Action": "s3:*", "Resource": "*"}]})
        ));
        assert!(!allows_full_admin(
            &json!({"Statement": [{"Effect": "Allow", "NotAction": "iam:*", "Action": "*", "Resource": "*"}]})
        ));
    }
}
