//! # sqs_queues_not_publicly_accessible
//!
//! ## Description
//!
//! Checks that SQS queue policies do not grant access to everyone unless the statement is
//! restricted by a condition on the source account, ARN, organization, VPC or principal.
//!
//! CIS 2.21. Queues are identified by their URL, as in Prowler.
//!
//! ## Risk
//!
//! A public queue lets anyone send, receive or delete messages: sensitive data can be read,
//! and forged or deleted messages disrupt the applications that rely on the queue.
//!
//! ## Remediation
//!
//! Restrict the queue policy to specific principals and actions, or add restrictive
//! conditions (aws:SourceAccount, aws:SourceArn, aws:PrincipalOrgID, aws:SourceVpce).
//!
//! `aws sqs set-queue-attributes --queue-url <url> --attributes file://attributes.json`,
//! with the new policy as the `Policy` attribute.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-basic-examples-of-sqs-policies.html
//! - https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-security-best-practices.html

use kestrel_model::{Finding, Severity, Status};
use serde_json::Value;

use crate::sns::condition_block_restrictive;
use crate::sqs::queue_url;
use crate::util::{collected, policy};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "sqs_queues_not_publicly_accessible",
        title: "SQS queue policy does not allow public access",
        service: "sqs",
        subservice: "",
        severity: Severity::Critical,
        resource_type: "AwsSqsQueue",
        categories: &["internet-exposed"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Effects/Data Exposure",
        ],
        needs: &[
            kestrel_model::sqs::LIST_QUEUES,
            kestrel_model::sqs::GET_QUEUE_ATTRIBUTES,
        ],
    },
    run,
};

/// PASS or FAIL with Prowler's wording for one queue policy.
fn evaluate(doc: &Value, queue: &str, account: &str) -> (Status, String) {
    let mut text = format!("SQS queue {queue} is not public.");
    for stmt in policy::statements(doc) {
        if !(policy::is_allow(stmt) && policy::principal_is_public(stmt)) {
            continue;
        }
        match stmt.get("Condition") {
            Some(cond) if condition_block_restrictive(cond, account, true) => {
                text = format!("SQS queue {queue} is not public because its policy only allows access from the same account.");
            }
            Some(_) => {
                return (
                    Status::Fail,
                    format!("SQS queue {queue} is public because its policy allows public access, and the condition does not limit access to resources within the same account."),
                );
            }
            None => {
                return (
                    Status::Fail,
                    format!("SQS queue {queue} is public because its policy allows public access."),
                );
            }
        }
    }
    (Status::Pass, text)
}

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let account = scan.account_id();
    for (region, r) in scan.regions() {
        let Some(queues) = collected(&r.sqs.queues, id, region, account, "", emit) else {
            continue;
        };
        for q in queues {
            let url = queue_url(&q.arn).unwrap_or_else(|| q.name.clone());
            let Some(pol) = collected(&q.policy, id, region, &url, &q.arn, emit) else {
                continue;
            };
            let (status, text) = match pol {
                Some(doc) => evaluate(doc, &url, account),
                None => (Status::Pass, format!("SQS queue {url} is not public.")),
            };
            emit(Finding::new(id, status, region, &url, &q.arn, text).with_tags(&q.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ApiError, Fetched, ResourceWithPolicy};
    use serde_json::json;

    const URL: &str = "https://sqs.us-east-1.amazonaws.com/123456789012/jobs";

    fn check(policy: Fetched<Option<Value>>) -> Vec<Finding> {
        let mut s = snapshot();
        region(&mut s).sqs.queues = Fetched::Ok(vec![ResourceWithPolicy {
            name: "jobs".into(),
            arn: "arn:aws:sqs:us-east-1:123456789012:jobs".into(),
            policy,
            ..Default::default()
        }]);
        run(&CHECK, &s)
    }

    fn one(principal: Value, condition: Option<Value>) -> Fetched<Option<Value>> {
        let mut s = json!({"Effect": "Allow", "Principal": principal, "Action": "sqs:SendMessage",
            "Resource": "arn:aws:sqs:us-east-1:123456789012:jobs"});
        if let Some(c) = condition {
            s["Condition"] = c;
        }
        Fetched::Ok(Some(json!({"Statement": [s]})))
    }

    #[test]
    fn fail_when_public() {
        let f = check(one(json!("*"), None));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].resource_id, URL);
        assert_eq!(
            f[0].status_extended,
            format!("SQS queue {URL} is public because its policy allows public access.")
        );
        let f = check(one(
            json!({"AWS": "*"}),
            Some(json!({"IpAddress": {"aws:SourceIp": "203.0.113.0/24"}})),
        ));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert!(f[0]
            .status_extended
            .contains("the condition does not limit"));
    }

    #[test]
    fn pass_when_restricted_or_private() {
        let f = check(one(
            json!({"AWS": "*"}),
            Some(
                json!({"ArnEquals": {"aws:SourceArn": "arn:aws:sns:us-east-1:123456789012:alerts"}}),
            ),
        ));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert!(f[0]
            .status_extended
            .contains("only allows access from the same account"));
        let f = check(one(json!({"AWS": "arn:aws:iam::123456789012:root"}), None));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            format!("SQS queue {URL} is not public.")
        );
        assert_eq!(statuses(&check(Fetched::Ok(None))), [Status::Pass]);
    }

    #[test]
    fn error_when_attributes_denied() {
        let f = check(Fetched::Error(ApiError::new(
            "sqs:GetQueueAttributes",
            "AccessDenied",
            "",
        )));
        assert_eq!(statuses(&f), [Status::Error]);
    }
}
