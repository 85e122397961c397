//! # cloudtrail_cloudwatch_logging_enabled
//!
//! ## Description
//!
//! Checks that each CloudTrail trail has delivered events to a CloudWatch Logs log group
//! within the last 24 hours.
//!
//! CIS 1.4/1.5/2.0 (3.4). The time comes from GetTrailStatus (its last CloudWatch Logs
//! delivery). A trail without a log group, or one that never delivered, fails. Each trail
//! is reported once, in its home region.
//!
//! ## Risk
//!
//! Events that only land in S3 are read late or never: without a live feed into CloudWatch
//! Logs there are no metric filters, alarms or quick searches over account activity, and a
//! stalled delivery (a broken role, a deleted log group) goes unnoticed.
//!
//! ## Remediation
//!
//! Point the trail at a CloudWatch Logs log group, with a role CloudTrail can assume to
//! write to it, and confirm that events arrive.
//!
//! `aws cloudtrail update-trail --name <trail> --cloud-watch-logs-log-group-arn
//! <log-group-arn> --cloud-watch-logs-role-arn <role-arn>`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/send-cloudtrail-events-to-cloudwatch-logs.html
//! - https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_GetTrailStatus.html

use kestrel_model::{time, Finding, Severity, Status};

use crate::cloudtrail::{scope, trails};
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudtrail_cloudwatch_logging_enabled",
        title: "CloudTrail trail has delivered logs to CloudWatch Logs in the last 24 hours",
        service: "cloudtrail",
        subservice: "",
        severity: Severity::Low,
        resource_type: "AwsCloudTrailTrail",
        categories: &["logging", "forensics-ready"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
        ],
        needs: &[
            kestrel_model::cloudtrail::DESCRIBE_TRAILS,
            kestrel_model::cloudtrail::GET_TRAIL_STATUS,
            kestrel_model::cloudtrail::LIST_TAGS,
        ],
    },
    run,
};

/// How long a trail may go without delivering to CloudWatch Logs (Prowler's one day).
const MAX_SILENCE_SECONDS: i64 = 24 * 60 * 60;

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for t in trails(scan, id, emit).trails {
        if collected(&t.is_logging, id, &t.home_region, &t.name, &t.arn, emit).is_none() {
            continue;
        }
        let delivered = t
            .latest_cloudwatch_logs_delivery
            .as_deref()
            .and_then(time::parse);
        let (status, how) = match delivered {
            Some(at) if scan.now - at <= MAX_SILENCE_SECONDS => {
                (Status::Pass, "has been logging in the last 24h")
            }
            Some(_) => (Status::Fail, "has not been logging in the last 24h"),
            None => (
                Status::Fail,
                "has not been logging in the last 24h or is not configured to deliver logs",
            ),
        };
        let text = format!("{} trail {} {how}.", scope(t), t.name);
        emit(Finding::new(id, status, &t.home_region, &t.name, &t.arn, text).with_tags(&t.tags));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloudtrail::testdata::trail;
    use crate::testkit::{region, run, snapshot, statuses, NOW};
    use kestrel_model::{ApiError, Fetched, Snapshot};

    fn snap(delivered: Option<i64>) -> Snapshot {
        let mut s = snapshot();
        let mut t = trail("main", "us-east-1", true);
        t.latest_cloudwatch_logs_delivery = delivered.map(time::rfc3339);
        region(&mut s).cloudtrail.trails = Fetched::Ok(vec![t]);
        s
    }

    #[test]
    fn pass_when_delivered_within_a_day() {
        let f = run(&CHECK, &snap(Some(NOW - 3600)));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "Multiregion trail main has been logging in the last 24h."
        );
        assert_eq!(f[0].resource_id, "main");
    }

    #[test]
    fn fail_when_the_last_delivery_is_older_than_a_day() {
        let f = run(&CHECK, &snap(Some(NOW - MAX_SILENCE_SECONDS - 60)));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "Multiregion trail main has not been logging in the last 24h."
        );
        // Exactly one day is still within the limit, as Prowler's strict comparison.
        let f = run(&CHECK, &snap(Some(NOW - MAX_SILENCE_SECONDS)));
        assert_eq!(statuses(&f), [Status::Pass]);
    }

    #[test]
    fn fail_when_it_never_delivered() {
        let f = run(&CHECK, &snap(None));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert!(f[0]
            .status_extended
            .ends_with("or is not configured to deliver logs."));
    }

    #[test]
    fn error_when_the_status_could_not_be_read() {
        let mut s = snapshot();
        let mut t = trail("main", "us-east-1", true);
        t.is_logging = Fetched::Error(ApiError::new(
            "cloudtrail:GetTrailStatus",
            "AccessDenied",
            "",
        ));
        region(&mut s).cloudtrail.trails = Fetched::Ok(vec![t]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Error]);
        assert!(f[0].status_extended.contains("AccessDenied"));
    }

    #[test]
    fn no_findings_without_trails() {
        let mut s = snapshot();
        region(&mut s).cloudtrail.trails = Fetched::Ok(vec![]);
        assert!(run(&CHECK, &s).is_empty());
    }
}
