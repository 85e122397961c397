//! # cloudtrail_s3_dataevents_write_enabled
//!
//! ## Description
//!
//! Checks that at least one CloudTrail trail has an event selector recording S3
//! object-level write data events (WriteOnly or All) for all current and future buckets.
//!
//! CIS 4.8. A trail qualifies with a classic event selector of type `WriteOnly` or `All` on
//! `AWS::S3::Object` for every bucket, or with an advanced event selector on
//! `resources.type` = `AWS::S3::Object`. Each qualifying selector is a PASS for its trail.
//! With none, there is one FAIL for the account, reported only when the account has buckets
//! or unused services are scanned, as in Prowler.
//!
//! ## Risk
//!
//! Without object-level write logging, object uploads, overwrites and deletions leave no
//! audit record, so tampering and destructive activity cannot be traced.
//!
//! ## Remediation
//!
//! Add a data event selector for AWS::S3::Object on all buckets (arn:aws:s3) with write
//! events (WriteOnly or All) to a multi-region trail.
//!
//! `aws cloudtrail put-event-selectors --trail-name <trail> --event-selectors
//! '[{"ReadWriteType": "WriteOnly", "DataResources": [{"Type": "AWS::S3::Object", "Values":
//! ["arn:aws:s3"]}]}]'`. The command replaces the trail's existing selectors, so include
//! those too.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-cloudtrail-logging-for-s3.html
//! - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html

use kestrel_model::{Finding, Severity};

use crate::cloudtrail::{run_s3_dataevents, S3Access};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudtrail_s3_dataevents_write_enabled",
        title: "CloudTrail trail records all S3 object-level API operations for all buckets",
        service: "cloudtrail",
        subservice: "",
        severity: Severity::Low,
        resource_type: "AwsCloudTrailTrail",
        categories: &["logging", "forensics-ready"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
        ],
        needs: &[
            kestrel_model::cloudtrail::DESCRIBE_TRAILS,
            kestrel_model::cloudtrail::GET_EVENT_SELECTORS,
            kestrel_model::cloudtrail::LIST_TAGS,
            kestrel_model::s3::LIST_ALL_MY_BUCKETS,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_s3_dataevents(scan, emit, CHECK.meta.id, S3Access::Write);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloudtrail::testdata::{dataevents_snapshot, selector};
    use crate::testkit::{region, run, statuses};
    use kestrel_model::{cloudtrail::EventSelectors, ApiError, Fetched, Status};
    use serde_json::json;

    #[test]
    fn pass_with_a_write_selector_for_all_buckets() {
        for rw in ["WriteOnly", "All"] {
            let f = run(&CHECK, &dataevents_snapshot(Some(selector(rw)), true));
            assert_eq!(statuses(&f), [Status::Pass], "{rw}");
        }
    }

    #[test]
    fn pass_with_an_advanced_selector() {
        let adv = EventSelectors {
            basic: vec![],
            advanced: vec![json!({"Name": "s3", "FieldSelectors": [
                {"Field": "eventCategory", "Equals": ["Data"]},
                {"Field": "resources.type", "Equals": ["AWS::S3::Object"]}]})],
        };
        let f = run(&CHECK, &dataevents_snapshot(Some(adv), true));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert!(f[0]
            .status_extended
            .contains("an advanced data event selector"));
    }

    #[test]
    fn fail_with_read_only_selector() {
        let f = run(
            &CHECK,
            &dataevents_snapshot(Some(selector("ReadOnly")), true),
        );
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].region, "us-east-1");
        assert_eq!(
            f[0].resource_arn,
            "arn:aws:cloudtrail:us-east-1:123456789012:trail"
        );
    }

    #[test]
    fn unreadable_selectors_are_an_error_not_a_fail() {
        let mut s = dataevents_snapshot(None, true);
        if let Fetched::Ok(trails) = &mut region(&mut s).cloudtrail.trails {
            trails[0].event_selectors = Fetched::Error(ApiError::new(
                "cloudtrail:GetEventSelectors",
                "AccessDenied",
                "",
            ));
        }
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Error]);
        assert_eq!(f[0].resource_id, "main");
    }
}
