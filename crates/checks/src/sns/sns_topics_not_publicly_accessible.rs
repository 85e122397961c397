//! # sns_topics_not_publicly_accessible
//!
//! ## Description
//!
//! Checks that SNS topic policies do not grant access to everyone, unless the statement is
//! restricted by aws:SourceArn, by an account condition naming the audited account, by
//! aws:PrincipalOrgID or by sns:Endpoint.
//!
//! CIS 2.21. An account condition counts when `aws:SourceOwner` or `aws:SourceAccount`
//! names the audited account, as Prowler evaluates it.
//!
//! ## Risk
//!
//! A public topic lets anyone subscribe and siphon its messages, publish forged messages
//! that drive downstream workflows, or flood it, causing outages and costs.
//!
//! ## Remediation
//!
//! Restrict the topic policy to specific principals and the actions they need, or add
//! restrictive conditions (aws:SourceArn, aws:SourceAccount, aws:PrincipalOrgID,
//! sns:Endpoint).
//!
//! `aws sns set-topic-attributes --topic-arn <arn> --attribute-name Policy
//! --attribute-value file://policy.json`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/sns/latest/dg/sns-access-policy-use-cases.html
//! - https://docs.aws.amazon.com/sns/latest/dg/sns-security-best-practices.html

use kestrel_model::{Finding, Severity, Status};
use serde_json::Value;

use crate::sns::{
    condition_block_restrictive, condition_block_restrictive_organization,
    condition_block_restrictive_sns_endpoint, has_restrictive_source_arn_condition,
};
use crate::util::{collected, policy};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "sns_topics_not_publicly_accessible",
        title: "SNS topic is not publicly accessible",
        service: "sns",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsSnsTopic",
        categories: &["internet-exposed"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Effects/Data Exposure",
            "TTPs/Initial Access",
        ],
        needs: &[kestrel_model::sns::LIST_TOPICS, kestrel_model::sns::GET_TOPIC_ATTRIBUTES],
    },
    run,
};

/// PASS or FAIL with Prowler's wording for one topic policy.
fn evaluate(doc: &Value, name: &str, account: &str) -> (Status, String) {
    let mut text = format!("SNS topic {name} is not publicly accessible.");
    for stmt in policy::statements(doc) {
        if !(policy::is_allow(stmt) && policy::principal_is_public(stmt)) {
            continue;
        }
        if has_restrictive_source_arn_condition(stmt, "") {
            // Prowler stops looking at the remaining statements here; they are still
            // evaluated, so a later public statement is not missed.
            continue;
        }
        let Some(cond) = stmt.get("Condition") else {
            return (
                Status::Fail,
                format!("SNS topic {name} is public because its policy allows public access."),
            );
        };
        let by_account = condition_block_restrictive(cond, account, false);
        let by_org = condition_block_restrictive_organization(cond);
        let by_endpoint = condition_block_restrictive_sns_endpoint(cond);
        text = if by_account && by_org {
            format!("SNS topic {name} is not public because its policy only allows access from the account {account} and an organization.")
        } else if by_account {
            format!("SNS topic {name} is not public because its policy only allows access from the account {account}.")
        } else if by_org {
            format!("SNS topic {name} is not public because its policy only allows access from an organization.")
        } else if by_endpoint {
            format!("SNS topic {name} is not public because its policy only allows access from an endpoint.")
        } else {
            return (
                Status::Fail,
                format!("SNS topic {name} is public because its policy allows public access."),
            );
        };
    }
    (Status::Pass, text)
}

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let account = scan.account_id();
    for (region, r) in scan.regions() {
        let Some(topics) = collected(&r.sns.topics, id, region, account, "", emit) else {
            continue;
        };
        for t in topics {
            let Some(pol) = collected(&t.policy, id, region, &t.name, &t.arn, emit) else {
                continue;
            };
            let (status, text) = match pol {
                Some(doc) => evaluate(doc, &t.name, account),
                None => (
                    Status::Pass,
                    format!("SNS topic {} is not publicly accessible.", t.name),
                ),
            };
            emit(Finding::new(id, status, region, &t.name, &t.arn, text).with_tags(&t.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses, ACCOUNT};
    use kestrel_model::{ApiError, Fetched, ResourceWithPolicy};
    use serde_json::json;

    fn check(policy: Fetched<Option<Value>>) -> Vec<Finding> {
        let mut s = snapshot();
        region(&mut s).sns.topics = Fetched::Ok(vec![ResourceWithPolicy {
            name: "alerts".into(),
            arn: "arn:aws:sns:us-east-1:123456789012:alerts".into(),
            policy,
            ..Default::default()
        }]);
        run(&CHECK, &s)
    }

    fn stmt(principal: Value, condition: Option<Value>) -> Value {
        let mut s = json!({"Effect": "Allow", "Principal": principal, "Action": ["SNS:Publish", "SNS:Subscribe"],
            "Resource": "arn:aws:sns:us-east-1:123456789012:alerts"});
        if let Some(c) = condition {
            s["Condition"] = c;
        }
        s
    }

    fn doc(stmts: Vec<Value>) -> Fetched<Option<Value>> {
        Fetched::Ok(Some(json!({"Version": "2012-10-17", "Statement": stmts})))
    }

    #[test]
    fn default_topic_policy_passes_by_account() {
        let f = check(doc(vec![stmt(
            json!({"AWS": "*"}),
            Some(json!({"StringEquals": {"AWS:SourceOwner": ACCOUNT}})),
        )]));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            format!("SNS topic alerts is not public because its policy only allows access from the account {ACCOUNT}.")
        );
        assert_eq!(f[0].resource_id, "alerts");
    }

    #[test]
    fn fail_when_public() {
        let f = check(doc(vec![stmt(json!("*"), None)]));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "SNS topic alerts is public because its policy allows public access."
        );
        // A condition naming another account does not restrict it.
        let f = check(doc(vec![stmt(
            json!({"AWS": ["*"]}),
            Some(json!({"StringEquals": {"aws:SourceAccount": "999999999999"}})),
        )]));
        assert_eq!(statuses(&f), [Status::Fail]);
        // A restricted statement does not hide a later public one.
        let f = check(doc(vec![
            stmt(
                json!("*"),
                Some(json!({"ArnLike": {"aws:SourceArn": "arn:aws:s3:::my-bucket"}})),
            ),
            stmt(json!("*"), None),
        ]));
        assert_eq!(statuses(&f), [Status::Fail]);
    }

    #[test]
    fn pass_with_restrictive_conditions_or_private_principals() {
        let cases = [
            (
                json!({"ArnLike": {"aws:SourceArn": "arn:aws:s3:::my-bucket"}}),
                "is not publicly accessible",
            ),
            (
                json!({"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}),
                "from an organization",
            ),
            (
                json!({"StringEquals": {"sns:Endpoint": "ops@example.com"}}),
                "from an endpoint",
            ),
        ];
        for (cond, wording) in cases {
            let f = check(doc(vec![stmt(json!("*"), Some(cond))]));
            assert_eq!(statuses(&f), [Status::Pass]);
            assert!(f[0].status_extended.contains(wording), "{f:?}");
        }
        let f = check(doc(vec![stmt(
            json!({"AWS": "arn:aws:iam::999999999999:root"}),
            None,
        )]));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(statuses(&check(Fetched::Ok(None))), [Status::Pass]);
    }

    #[test]
    fn error_when_attributes_denied() {
        let f = check(Fetched::Error(ApiError::new(
            "sns:GetTopicAttributes",
            "AuthorizationError",
            "",
        )));
        assert_eq!(statuses(&f), [Status::Error]);
    }
}
