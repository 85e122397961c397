//! # iam_role_cross_service_confused_deputy_prevention
//!
//! ## Description
//!
//! Checks that each IAM service role (one only AWS services may assume) restricts,
//! through conditions in its trust policy, on whose behalf the service may assume it.
//!
//! As in Prowler: service-linked roles are left out (their trust policy cannot be
//! changed); a role is a service role when every trust statement allows sts:AssumeRole
//! (or sts:*, *) to service principals only. A trust statement is safe with a condition
//! such as aws:SourceAccount, aws:SourceArn or aws:SourceOrgID; Secrets Manager and EKS
//! principals are exempt.
//!
//! ## Risk
//!
//! Without a source condition, a service acting for another account can be steered into
//! assuming the role (the cross-service confused deputy), handing that account the
//! role's permissions.
//!
//! ## Remediation
//!
//! Add an aws:SourceAccount (or aws:SourceArn) condition to each service statement of
//! the role's trust policy, naming the account or resource that legitimately uses it.
//!
//! `aws iam update-assume-role-policy --role-name <role> --policy-document
//! file://trust-with-source-account.json`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/confused-deputy.html#cross-service-confused-deputy-prevention
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceaccount

use serde_json::Value;

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::util::cross_account::allows_confused_deputy;
use crate::util::policy::{is_allow, statements};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam_role_cross_service_confused_deputy_prevention",
        title: "IAM service role prevents cross-service confused deputy attack",
        service: "iam",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsIamRole",
        categories: &["identity-access", "trust-boundaries"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "TTPs/Privilege Escalation",
        ],
        needs: &[kestrel_model::iam::LIST_ROLES],
    },
    run,
};

/// Prowler's `is_service_role`: every trust statement allows assuming the role
/// (`sts:AssumeRole`, `sts:*` or `*`; a string Action is searched, as Prowler does) to
/// service principals only.
fn is_service_role(trust: Option<&Value>) -> bool {
    let Some(trust) = trust else {
        return false;
    };
    statements(trust).iter().all(|s| {
        let assumes = ["sts:AssumeRole", "sts:*", "*"]
            .iter()
            .any(|a| match s.get("Action") {
                Some(Value::String(v)) => v.contains(a),
                Some(Value::Array(v)) => v.iter().any(|x| x.as_str() == Some(a)),
                _ => false,
            });
        let service_only = matches!(s.get("Principal"), Some(Value::Object(p))
            if p.len() == 1 && p.contains_key("Service"));
        is_allow(s) && assumes && service_only
    })
}

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let region = scan.global_region();
    let account = scan.account_id();
    let Some(roles) = collected(&scan.snapshot.iam.roles, id, region, account, "", emit) else {
        return;
    };
    for r in roles.iter().filter(|r| {
        is_service_role(r.assume_role_policy.as_ref()) && !r.arn.contains("aws-service-role")
    }) {
        let exposed = r
            .assume_role_policy
            .as_ref()
            .is_some_and(|doc| allows_confused_deputy(doc, account));
        let (status, text) = if exposed {
            (
                Status::Fail,
                format!(
                    "IAM Service Role {} does not prevent against a cross-service confused deputy attack.",
                    r.name
                ),
            )
        } else {
            (
                Status::Pass,
                format!(
                    "IAM Service Role {} prevents against a cross-service confused deputy attack.",
                    r.name
                ),
            )
        };
        emit(Finding::new(id, status, region, &r.name, &r.arn, text).with_tags(&r.tags));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{run, snapshot, statuses};
    use kestrel_model::{iam::Role, ApiError, Fetched};
    use serde_json::json;

    fn role(name: &str, path: &str, stmt: Value) -> Role {
        Role {
            name: name.into(),
            arn: format!("arn:aws:iam::123456789012:role{path}{name}"),
            assume_role_policy: Some(json!({"Version": "2012-10-17", "Statement": [stmt]})),
            ..Default::default()
        }
    }

    fn service(svc: &str, condition: Option<Value>) -> Value {
        let mut s =
            json!({"Effect": "Allow", "Principal": {"Service": svc}, "Action": "sts:AssumeRole"});
        if let Some(c) = condition {
            s["Condition"] = c;
        }
        s
    }

    #[test]
    fn service_roles_need_a_source_condition() {
        let mut s = snapshot();
        let account = json!({"StringEquals": {"aws:SourceAccount": "123456789012"}});
        let other = json!({"StringEquals": {"aws:SourceAccount": "999999999999"}});
        s.iam.roles = Fetched::Ok(vec![
            role("open", "/", service("lambda.amazonaws.com", None)),
            role(
                "guarded",
                "/",
                service("lambda.amazonaws.com", Some(account)),
            ),
            // Cross-account sources are allowed: any source condition is a restriction.
            role(
                "other-source",
                "/",
                service("lambda.amazonaws.com", Some(other)),
            ),
            role(
                "secrets",
                "/",
                service("secretsmanager.amazonaws.com", None),
            ),
            role(
                "linked",
                "/aws-service-role/",
                service("lambda.amazonaws.com", None),
            ),
            role(
                "human",
                "/",
                json!({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::123456789012:root"}, "Action": "sts:AssumeRole"}),
            ),
        ]);
        let f = run(&CHECK, &s);
        let got: Vec<_> = f
            .iter()
            .map(|f| (f.resource_id.as_str(), f.status))
            .collect();
        assert_eq!(
            got,
            [
                ("open", Status::Fail),
                ("guarded", Status::Pass),
                ("other-source", Status::Pass),
                ("secrets", Status::Pass),
            ]
        );
        assert_eq!(
            f[0].status_extended,
            "IAM Service Role open does not prevent against a cross-service confused deputy attack."
        );
    }

    #[test]
    fn error_when_roles_cannot_be_listed() {
        let mut s = snapshot();
        s.iam.roles = Fetched::Error(ApiError::new("iam:ListRoles", "AccessDenied", ""));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
