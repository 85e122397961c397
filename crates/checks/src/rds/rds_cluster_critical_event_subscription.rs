//! # rds_cluster_critical_event_subscription
//!
//! ## Description
//!
//! Checks that an enabled RDS event subscription for DB clusters covers the maintenance
//! and failure categories (or every category).
//!
//! As in Prowler: assessed when the account has DB clusters in any scanned region (or
//! unused services are scanned); one finding per subscription of each region, on the
//! subscription when it is of this source type and otherwise on the account, and one
//! FAIL for a region without any subscription.
//!
//! ## Risk
//!
//! Without these notifications, cluster failovers, failures and forced maintenance go
//! unnoticed until applications break.
//!
//! ## Remediation
//!
//! Create an enabled event subscription for source type db-cluster with the maintenance
//! and failure categories (or none, for all).
//!
//! `aws rds create-event-subscription --subscription-name <name> --sns-topic-arn
//! <topic-arn> --source-type db-cluster --event-categories maintenance failure`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/USER_Events.Subscribing.html

use kestrel_model::rds::EventSubscription;
use kestrel_model::{Finding, Severity, Status};

use crate::rds::{categories, each_event_subscription, EventVerdict};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds_cluster_critical_event_subscription",
        title: "RDS cluster event subscription is enabled for maintenance and failure categories",
        service: "rds",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsRdsEventSubscription",
        categories: &["logging"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices"],
        needs: &[
            kestrel_model::rds::DESCRIBE_DB_CLUSTERS,
            kestrel_model::rds::DESCRIBE_EVENT_SUBSCRIPTIONS,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    each_event_subscription(CHECK.meta.id, scan, emit, true, verdict);
}

fn verdict(sub: Option<&EventSubscription>) -> EventVerdict {
    const NONE: &str =
        "RDS cluster event categories of maintenance and failure are not subscribed.";
    let Some(e) = sub.filter(|e| e.source_type == "db-cluster" && e.enabled) else {
        return (Status::Fail, NONE.into(), false);
    };
    let c = categories(e);
    let is = |want: &[&str]| c.len() == want.len() && want.iter().all(|w| c.contains(w));
    if c.is_empty() || is(&["maintenance", "failure"]) {
        (
            Status::Pass,
            "RDS cluster events are subscribed.".into(),
            true,
        )
    } else if is(&["maintenance"]) {
        (
            Status::Fail,
            "RDS cluster event category of failure is not subscribed.".into(),
            true,
        )
    } else if is(&["failure"]) {
        (
            Status::Fail,
            "RDS cluster event category of maintenance is not subscribed.".into(),
            true,
        )
    } else {
        // Any other mix stays on the account, as in Prowler.
        (Status::Fail, NONE.into(), false)
    }
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
            subscription("both", "db-cluster", &["failure", "maintenance"], true),
            subscription("maint", "db-cluster", &["maintenance"], true),
            subscription("mix", "db-cluster", &["failure", "notification"], true),
            subscription("instances", "db-instance", &[], true),
        ]));
        assert_eq!(
            got[0],
            (
                Status::Pass,
                "both".into(),
                "RDS cluster events are subscribed.".into()
            )
        );
        assert_eq!(
            got[1],
            (
                Status::Fail,
                "maint".into(),
                "RDS cluster event category of failure is not subscribed.".into()
            )
        );
        assert_eq!(
            (got[2].0, got[2].1.as_str()),
            (Status::Fail, "123456789012")
        );
        assert_eq!(
            (got[3].0, got[3].1.as_str()),
            (Status::Fail, "123456789012")
        );
    }

    #[test]
    fn shares_the_event_subscription_scoping() {
        event_subscription_scoping(&CHECK);
    }
}
