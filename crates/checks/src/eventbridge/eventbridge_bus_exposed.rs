//! # eventbridge_bus_exposed
//!
//! ## Description
//!
//! Checks that EventBridge event bus resource policies do not grant access to everyone
//! (Principal "*") without a condition restricting the caller's account, organization or
//! source.
//!
//! CIS 2.21. Statements that let everyone put events and statements that let everyone
//! manage rules both count. A bus without a resource policy passes.
//!
//! ## Risk
//!
//! A bus open to everyone accepts forged events from any account: they trigger rules and
//! their targets, leading to unintended actions, data exposure through targets, and cost or
//! service disruption.
//!
//! ## Remediation
//!
//! Remove public statements from the event bus policy; allow only specific accounts, or
//! your organization with an aws:PrincipalOrgID condition.
//!
//! `aws events remove-permission --event-bus-name <bus> --statement-id <sid>` for each
//! public statement.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-bus-perms.html
//! - https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-use-resource-based.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::{collected, policy};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "eventbridge_bus_exposed",
        title: "AWS EventBridge event bus policy does not allow public access",
        service: "eventbridge",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsEventsEventbus",
        categories: &["internet-exposed"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Effects/Data Exposure",
        ],
        needs: &[kestrel_model::eventbridge::LIST_EVENT_BUSES],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(buses) = collected(
            &r.eventbridge.buses,
            id,
            region,
            scan.account_id(),
            "",
            emit,
        ) else {
            continue;
        };
        for bus in buses {
            let (status, text) = if bus.policy.as_ref().is_some_and(policy::is_public) {
                (
                    Status::Fail,
                    format!("EventBridge event bus {} is exposed to everyone.", bus.name),
                )
            } else {
                (
                    Status::Pass,
                    format!(
                        "EventBridge event bus {} is not exposed to everyone.",
                        bus.name
                    ),
                )
            };
            emit(Finding::new(id, status, region, &bus.name, &bus.arn, text));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{eventbridge::EventBus, ApiError, Fetched};
    use serde_json::{json, Value};

    fn check(policy: Option<Value>) -> Vec<Finding> {
        let mut s = snapshot();
        region(&mut s).eventbridge.buses = Fetched::Ok(vec![EventBus {
            name: "default".into(),
            arn: "arn:aws:events:us-east-1:123456789012:event-bus/default".into(),
            policy,
        }]);
        run(&CHECK, &s)
    }

    fn put_events(principal: Value, condition: Option<Value>) -> Option<Value> {
        let mut s = json!({"Sid": "s", "Effect": "Allow", "Principal": principal, "Action": "events:PutEvents",
            "Resource": "arn:aws:events:us-east-1:123456789012:event-bus/default"});
        if let Some(c) = condition {
            s["Condition"] = c;
        }
        Some(json!({"Version": "2012-10-17", "Statement": [s]}))
    }

    #[test]
    fn fail_when_open_to_everyone() {
        let f = check(put_events(json!("*"), None));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "EventBridge event bus default is exposed to everyone."
        );
        assert_eq!(f[0].resource_id, "default");
        // How IAM stores "*" for a bus opened to everyone: the root of any account.
        let f = check(put_events(json!({"AWS": "arn:aws:iam::*:root"}), None));
        assert_eq!(statuses(&f), [Status::Fail]);
    }

    #[test]
    fn pass_when_restricted_or_without_policy() {
        assert_eq!(statuses(&check(None)), [Status::Pass]);
        assert_eq!(
            statuses(&check(put_events(
                json!("*"),
                Some(json!({"StringEquals": {"aws:PrincipalOrgID": "o-abc"}}))
            ))),
            [Status::Pass]
        );
        assert_eq!(
            statuses(&check(put_events(
                json!({"AWS": "arn:aws:iam::111122223333:root"}),
                None
            ))),
            [Status::Pass]
        );
    }

    #[test]
    fn error_when_listing_denied() {
        let mut s = snapshot();
        region(&mut s).eventbridge.buses = Fetched::Error(ApiError::new(
            "events:ListEventBuses",
            "AccessDeniedException",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
