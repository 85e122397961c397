//! # cloudwatch_log_group_not_publicly_accessible
//!
//! ## Description
//!
//! Checks that no CloudWatch Logs resource policy opens a log group to everyone.
//!
//! As in Prowler: a resource policy is public when an Allow statement names a public
//! principal without a condition tying it to a source; every resource of that policy's
//! statements is then exposed (a log group whose ARN appears in one, or all groups when
//! a resource is `*`). Policies of every scanned region are read.
//!
//! ## Risk
//!
//! Anyone can read or write the group's events: logs routinely carry request details,
//! identifiers and secrets, and forged events corrupt the audit trail.
//!
//! ## Remediation
//!
//! Replace the public principal with the service principals or accounts that need to
//! deliver logs, and add aws:SourceAccount or aws:SourceArn conditions.
//!
//! `aws logs put-resource-policy --policy-name <name> --policy-document
//! file://restricted.json`, or `aws logs delete-resource-policy --policy-name <name>`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutResourcePolicy.html
//! - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/iam-access-control-overview-cwl.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::util::cross_account::is_policy_public;
use crate::util::policy::{statements, strings};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudwatch_log_group_not_publicly_accessible",
        title: "CloudWatch Log Group is not publicly accessible",
        service: "cloudwatch",
        subservice: "logs",
        severity: Severity::High,
        resource_type: "Other",
        categories: &["internet-exposed", "identity-access"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Network Reachability",
            "TTPs/Initial Access/Unauthorized Access",
            "Effects/Data Exposure",
        ],
        needs: &[
            kestrel_model::logs::DESCRIBE_LOG_GROUPS,
            kestrel_model::logs::DESCRIBE_RESOURCE_POLICIES,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let account = scan.account_id();
    // The resources of every public policy, from every region.
    let mut exposed: Vec<&str> = Vec::new();
    let mut complete = true;
    for (region, r) in scan.regions() {
        let Some(policies) = collected(&r.logs.resource_policies, id, region, account, "", emit)
        else {
            complete = false;
            continue;
        };
        for doc in policies.iter().filter(|d| is_policy_public(d, account)) {
            for stmt in statements(doc) {
                exposed.extend(strings(stmt.get("Resource")));
            }
        }
    }
    if !complete {
        // A public policy in an unread region could expose any group.
        return;
    }
    for (region, r) in scan.regions() {
        let Some(groups) = collected(&r.logs.log_groups, id, region, account, "", emit) else {
            continue;
        };
        for g in groups {
            let public = exposed
                .iter()
                .any(|res| *res == "*" || res.contains(&g.arn));
            let (status, text) = if public {
                (
                    Status::Fail,
                    format!("Log Group {} is publicly accessible.", g.name),
                )
            } else {
                (
                    Status::Pass,
                    format!("Log Group {} is not publicly accessible.", g.name),
                )
            };
            emit(Finding::new(id, status, region, &g.name, &g.arn, text));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{logs::LogGroup, ApiError, Fetched, Snapshot};
    use serde_json::{json, Value};

    fn group(name: &str) -> LogGroup {
        LogGroup {
            name: name.into(),
            arn: format!("arn:aws:logs:us-east-1:123456789012:log-group:{name}:*"),
            ..Default::default()
        }
    }

    fn snap(policies: Vec<Value>) -> Snapshot {
        let mut s = snapshot();
        let r = region(&mut s);
        r.logs.log_groups = Fetched::Ok(vec![group("open"), group("closed")]);
        r.logs.resource_policies = Fetched::Ok(policies);
        s
    }

    fn policy(principal: Value, resource: &str, condition: Option<Value>) -> Value {
        let mut stmt = json!({"Effect": "Allow", "Principal": principal, "Action": "logs:*", "Resource": resource});
        if let Some(c) = condition {
            stmt["Condition"] = c;
        }
        json!({"Version": "2012-10-17", "Statement": [stmt]})
    }

    const OPEN: &str = "arn:aws:logs:us-east-1:123456789012:log-group:open:*";

    #[test]
    fn public_policy_exposes_its_resources() {
        let f = run(&CHECK, &snap(vec![policy(json!("*"), OPEN, None)]));
        assert_eq!(statuses(&f), [Status::Fail, Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "Log Group open is publicly accessible."
        );
        let all = run(&CHECK, &snap(vec![policy(json!({"AWS": "*"}), "*", None)]));
        assert_eq!(statuses(&all), [Status::Fail, Status::Fail]);
    }

    #[test]
    fn service_principals_and_conditions_are_not_public() {
        let service = policy(
            json!({"Service": "delivery.logs.amazonaws.com"}),
            OPEN,
            None,
        );
        let conditioned = policy(
            json!("*"),
            OPEN,
            Some(json!({"StringEquals": {"aws:SourceAccount": "123456789012"}})),
        );
        let f = run(&CHECK, &snap(vec![service, conditioned]));
        assert_eq!(statuses(&f), [Status::Pass, Status::Pass]);
    }

    #[test]
    fn unreadable_policies_are_an_error_not_a_pass() {
        let mut s = snap(vec![]);
        region(&mut s).logs.resource_policies = Fetched::Error(ApiError::new(
            "logs:DescribeResourcePolicies",
            "AccessDeniedException",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
