//! # rds_instance_event_subscription_security_groups
//!
//! ## Description
//!
//! Checks that an enabled RDS event subscription for DB security groups covers the
//! configuration change and failure categories (or every category).
//!
//! As in Prowler: assessed when the account has DB instances in any scanned region (or
//! unused services are scanned); one finding per subscription of each region, on the
//! subscription when it is of this source type and otherwise on the account, and one
//! FAIL for a region without any subscription.
//!
//! ## Risk
//!
//! Changes to the rules that let clients reach a database, and failures applying them,
//! happen without anyone being told.
//!
//! ## Remediation
//!
//! Create an enabled event subscription for source type db-security-group with the
//! configuration change and failure categories.
//!
//! `aws rds create-event-subscription --subscription-name <name> --sns-topic-arn
//! <topic-arn> --source-type db-security-group --event-categories "configuration
//! change" failure`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.Subscribing.html

use kestrel_model::rds::EventSubscription;
use kestrel_model::{Finding, Severity, Status};

use crate::rds::{categories, each_event_subscription, EventVerdict};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds_instance_event_subscription_security_groups",
        title: "RDS event subscription for DB security groups is enabled for configuration change and failure events",
        service: "rds",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsRdsEventSubscription",
        categories: &["logging"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
        ],
        needs: &[
            kestrel_model::rds::DESCRIBE_DB_INSTANCES,
            kestrel_model::rds::DESCRIBE_EVENT_SUBSCRIPTIONS,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    each_event_subscription(CHECK.meta.id, scan, emit, false, verdict);
}

fn verdict(sub: Option<&EventSubscription>) -> EventVerdict {
    let Some(e) = sub.filter(|e| e.source_type == "db-security-group" && e.enabled) else {
        return (
            Status::Fail,
            "RDS security group event categories of configuration change and failure are not subscribed.".into(),
            false,
        );
    };
    let c = categories(e);
    let is = |want: &[&str]| c.len() == want.len() && want.iter().all(|w| c.contains(w));
    let text = if c.is_empty() || is(&["failure", "configuration change"]) {
        return (
            Status::Pass,
            "RDS security group events are subscribed.".into(),
            true,
        );
    } else if is(&["configuration change"]) {
        "RDS security group event category of failure is not subscribed."
    } else if is(&["failure"]) {
        "RDS security group event category of configuration change is not subscribed."
    } else {
        // Prowler leaves this case without a status; it is not a PASS.
        "RDS security group event categories of configuration change and failure are not subscribed."
    };
    (Status::Fail, text.into(), true)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rds::tests::{event_snapshot as snap, event_subscription_scoping, subscription};
    use crate::testkit::run;
    use kestrel_model::Snapshot;

    fn texts(s: &Snapshot) -> Vec<(Status, String, String)> {
        run(&CHECK, s)
            .into_iter()
            .map(|f| (f.status, f.resource_id, f.status_extended))
            .collect()
    }

    #[test]
    fn categories_decide() {
        let got = texts(&snap(vec![
            subscription(
                "both",
                "db-security-group",
                &["configuration change", "failure"],
                true,
            ),
            subscription("fail-only", "db-security-group", &["failure"], true),
            subscription("other", "db-instance", &[], true),
        ]));
        assert_eq!(
            got[0],
            (
                Status::Pass,
                "both".into(),
                "RDS security group events are subscribed.".into()
            )
        );
        assert_eq!(
            got[1].2,
            "RDS security group event category of configuration change is not subscribed."
        );
        assert_eq!(
            (got[2].0, got[2].1.as_str()),
            (Status::Fail, "123456789012")
        );
    }

    #[test]
    fn shares_the_event_subscription_scoping() {
        event_subscription_scoping(&CHECK);
    }
}
