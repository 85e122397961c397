//! # rds_instance_critical_event_subscription
//!
//! ## Description
//!
//! Checks that an enabled RDS event subscription for DB instances covers the
//! maintenance, configuration change and failure categories (or every category).
//!
//! As in Prowler: assessed when the account has DB instances in any scanned region (or
//! unused services are scanned); one finding per subscription of each region, on the
//! subscription when it is of this source type and otherwise on the account, and one
//! FAIL for a region without any subscription.
//!
//! ## Risk
//!
//! Without these notifications, failovers, failures, forced maintenance and
//! configuration changes to databases go unnoticed until users feel them.
//!
//! ## Remediation
//!
//! Create an enabled event subscription for source type db-instance with the three
//! categories (or none, for all), delivering to a monitored SNS topic.
//!
//! `aws rds create-event-subscription --subscription-name <name> --sns-topic-arn
//! <topic-arn> --source-type db-instance --event-categories maintenance "configuration
//! change" failure`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.Subscribing.html
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Events.Messages.html

use kestrel_model::rds::EventSubscription;
use kestrel_model::{Finding, Severity, Status};

use crate::rds::{categories, each_event_subscription, EventVerdict};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds_instance_critical_event_subscription",
        title: "RDS instance event subscription is enabled for maintenance, configuration change, and failure categories",
        service: "rds",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsRdsEventSubscription",
        categories: &["logging"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
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
    const NONE: &str = "RDS instance event categories of maintenance, configuration change, and failure are not subscribed.";
    let Some(e) = sub.filter(|e| e.source_type == "db-instance" && e.enabled) else {
        return (Status::Fail, NONE.into(), false);
    };
    let c = categories(e);
    let has = |x: &str| c.contains(x);
    let missing: Vec<&str> = ["maintenance", "configuration change", "failure"]
        .into_iter()
        .filter(|x| !has(x))
        .collect();
    // Prowler names the missing ones only when the list holds nothing else.
    let only_known = c
        .iter()
        .all(|x| ["maintenance", "configuration change", "failure"].contains(x));
    let text = if c.is_empty() || missing.is_empty() && only_known {
        return (
            Status::Pass,
            "RDS instance events are subscribed.".into(),
            true,
        );
    } else if !only_known || missing.len() == 3 {
        NONE.to_string()
    } else if missing.len() == 1 {
        format!(
            "RDS instance event category of {} is not subscribed.",
            missing[0]
        )
    } else {
        format!(
            "RDS instance event categories of {} and {} are not subscribed.",
            missing[0], missing[1]
        )
    };
    (Status::Fail, text, true)
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
            subscription("all", "db-instance", &[], true),
            subscription(
                "three",
                "db-instance",
                &["failure", "maintenance", "configuration change"],
                true,
            ),
            subscription("one", "db-instance", &["failure"], true),
            subscription("two", "db-instance", &["maintenance", "failure"], true),
            subscription("off", "db-instance", &[], false),
            subscription("clusters", "db-cluster", &[], true),
        ]));
        assert_eq!(
            got[0],
            (
                Status::Pass,
                "all".into(),
                "RDS instance events are subscribed.".into()
            )
        );
        assert_eq!(got[1].0, Status::Pass);
        assert_eq!(got[2].2, "RDS instance event categories of maintenance and configuration change are not subscribed.");
        assert_eq!(
            got[3].2,
            "RDS instance event category of configuration change is not subscribed."
        );
        // Disabled, or for another source type: FAIL on the account.
        assert_eq!(
            (got[4].0, got[4].1.as_str()),
            (Status::Fail, "123456789012")
        );
        assert_eq!(
            (got[5].0, got[5].1.as_str()),
            (Status::Fail, "123456789012")
        );
    }

    #[test]
    fn shares_the_event_subscription_scoping() {
        event_subscription_scoping(&CHECK);
    }
}
