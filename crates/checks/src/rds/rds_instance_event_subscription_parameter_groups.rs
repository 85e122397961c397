//! # rds_instance_event_subscription_parameter_groups
//!
//! ## Description
//!
//! Checks that an enabled RDS event subscription for DB parameter groups covers the
//! configuration change category (or every category).
//!
//! As in Prowler: assessed when the account has DB instances in any scanned region (or
//! unused services are scanned); one finding per subscription of each region, on the
//! subscription when it is of this source type and otherwise on the account, and one
//! FAIL for a region without any subscription.
//!
//! ## Risk
//!
//! Parameter changes can switch off TLS enforcement, logging or auditing on every
//! database using the group, without anyone being told.
//!
//! ## Remediation
//!
//! Create an enabled event subscription for source type db-parameter-group with the
//! configuration change category.
//!
//! `aws rds create-event-subscription --subscription-name <name> --sns-topic-arn
//! <topic-arn> --source-type db-parameter-group --event-categories "configuration
//! change"`.
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
        id: "rds_instance_event_subscription_parameter_groups",
        title: "RDS DB parameter group event subscription is enabled and subscribes to configuration change events or all categories",
        service: "rds",
        subservice: "",
        severity: Severity::Low,
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
    const MISSING: &str =
        "RDS parameter group event categories of configuration change is not subscribed.";
    let Some(e) = sub.filter(|e| e.source_type == "db-parameter-group") else {
        return (Status::Fail, MISSING.into(), false);
    };
    let c = categories(e);
    if e.enabled && (c.is_empty() || c.len() == 1 && c.contains("configuration change")) {
        (
            Status::Pass,
            "RDS parameter group events are subscribed.".into(),
            true,
        )
    } else {
        (
            Status::Fail,
            "RDS parameter group event category of configuration change is not subscribed.".into(),
            true,
        )
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
            subscription(
                "change",
                "db-parameter-group",
                &["configuration change"],
                true,
            ),
            subscription("disabled", "db-parameter-group", &[], false),
            subscription("other", "db-cluster", &[], true),
        ]));
        assert_eq!(
            got[0],
            (
                Status::Pass,
                "change".into(),
                "RDS parameter group events are subscribed.".into()
            )
        );
        // A disabled subscription of this type is reported on itself, as Prowler.
        assert_eq!((got[1].0, got[1].1.as_str()), (Status::Fail, "disabled"));
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
