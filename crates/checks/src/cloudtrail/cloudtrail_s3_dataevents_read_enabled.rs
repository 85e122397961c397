//! # cloudtrail_s3_dataevents_read_enabled
//!
//! ## Description
//!
//! Checks that at least one CloudTrail trail has an event selector recording S3
//! object-level read data events (ReadOnly or All) for all current and future buckets.
//!
//! CIS 4.9. A trail qualifies with a classic event selector of type `ReadOnly` or `All` on
//! `AWS::S3::Object` for every bucket, or with an advanced event selector on
//! `resources.type` = `AWS::S3::Object`. Each qualifying selector is a PASS for its trail.
//! With none, there is one FAIL for the account, reported only when the account has buckets
//! or unused services are scanned, as in Prowler.
//!
//! ## Risk
//!
//! Without object-level read logging, reads of S3 objects leave no audit record, so data
//! exfiltration cannot be detected or scoped.
//!
//! ## Remediation
//!
//! Add a data event selector for AWS::S3::Object on all buckets (arn:aws:s3) with read
//! events (ReadOnly or All) to a multi-region trail.
//!
//! `aws cloudtrail put-event-selectors --trail-name <trail> --event-selectors
//! '[{"ReadWriteType": "ReadOnly", "DataResources": [{"Type": "AWS::S3::Object", "Values":
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
        id: "cloudtrail_s3_dataevents_read_enabled",
        title: "CloudTrail trail records S3 object-level read events for all S3 buckets",
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
    run_s3_dataevents(scan, emit, CHECK.meta.id, S3Access::Read);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloudtrail::testdata::{dataevents_snapshot, selector};
    use crate::testkit::{run, run_with, statuses};
    use crate::Settings;
    use kestrel_model::Status;

    #[test]
    fn pass_with_a_read_selector_for_all_buckets() {
        for rw in ["ReadOnly", "All"] {
            let f = run(&CHECK, &dataevents_snapshot(Some(selector(rw)), true));
            assert_eq!(statuses(&f), [Status::Pass], "{rw}");
            assert_eq!(f[0].status_extended, "Trail main from home region us-east-1 has a classic data event selector to record all S3 object-level API operations.");
            assert_eq!(f[0].resource_id, "main");
        }
    }

    #[test]
    fn fail_with_write_only_or_no_selector() {
        let f = run(
            &CHECK,
            &dataevents_snapshot(Some(selector("WriteOnly")), true),
        );
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "No CloudTrail trails have a data event to record all S3 object-level API operations."
        );
        assert_eq!(f[0].resource_id, "123456789012");
        assert_eq!(
            statuses(&run(&CHECK, &dataevents_snapshot(None, true))),
            [Status::Fail]
        );
    }

    #[test]
    fn no_buckets_no_finding_unless_unused_services_are_scanned() {
        assert!(run(&CHECK, &dataevents_snapshot(None, false)).is_empty());
        let settings = Settings {
            scan_unused_services: true,
            ..Default::default()
        };
        assert_eq!(
            statuses(&run_with(
                &CHECK,
                &dataevents_snapshot(None, false),
                &settings
            )),
            [Status::Fail]
        );
    }
}
