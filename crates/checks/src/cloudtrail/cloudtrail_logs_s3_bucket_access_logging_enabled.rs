//! # cloudtrail_logs_s3_bucket_access_logging_enabled
//!
//! ## Description
//!
//! Checks that the S3 bucket receiving each CloudTrail trail's log files has server access
//! logging enabled.
//!
//! CIS 4.4. Each trail is reported once, in its home region. A destination bucket that is
//! not in this account's bucket list (typically one owned by another account) cannot be
//! inspected and is reported MANUAL, as Prowler does.
//!
//! ## Risk
//!
//! Without access logging on the trail bucket, reads, overwrites and deletions of the audit
//! logs themselves leave no record, hiding tampering and exfiltration.
//!
//! ## Remediation
//!
//! Enable server access logging on the trail's S3 bucket, delivering to a separate,
//! restricted bucket.
//!
//! `aws s3api put-bucket-logging --bucket <trail-bucket> --bucket-logging-status
//! '{"LoggingEnabled": {"TargetBucket": "<log-bucket>", "TargetPrefix": "<prefix>"}}'`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html
//! - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-s3-bucket-policy-for-cloudtrail.html

use kestrel_model::{Finding, Severity, Status};

use crate::cloudtrail::{bucket_unknown, scope, trail_bucket, trails};
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudtrail_logs_s3_bucket_access_logging_enabled",
        title: "CloudTrail trail destination S3 bucket has access logging enabled",
        service: "cloudtrail",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsCloudTrailTrail",
        categories: &["logging", "forensics-ready"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
        ],
        needs: &[
            kestrel_model::cloudtrail::DESCRIBE_TRAILS,
            kestrel_model::cloudtrail::LIST_TAGS,
            kestrel_model::s3::LIST_ALL_MY_BUCKETS,
            kestrel_model::s3::GET_BUCKET_LOGGING,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let all = trails(scan, id, emit);
    if all.trails.is_empty() {
        return;
    }
    let Some(buckets) = collected(
        &scan.snapshot.s3.buckets,
        id,
        scan.global_region(),
        scan.account_id(),
        "",
        emit,
    ) else {
        return;
    };
    for t in all.trails {
        // Like Prowler, a bucket in a region outside the scan is out of scope, unless
        // its logging status was collected anyway.
        let Some(bucket) = trail_bucket(scan, buckets, t, |b| b.logging_target.is_collected())
        else {
            emit(bucket_unknown(id, t));
            continue;
        };
        let bucket_name = &bucket.name;
        let finding = |status, text: String| {
            Finding::new(id, status, &t.home_region, &t.name, &t.arn, text).with_tags(&t.tags)
        };
        let Some(target) = collected(
            &bucket.logging_target,
            id,
            &t.home_region,
            &t.name,
            &t.arn,
            emit,
        ) else {
            continue;
        };
        let (status, state) = match target {
            Some(_) => (Status::Pass, "enabled"),
            None => (Status::Fail, "not enabled"),
        };
        emit(finding(
            status,
            format!(
                "{} Trail {} S3 bucket access logging is {state} for bucket {bucket_name}.",
                scope(t),
                t.name
            ),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloudtrail::testdata::trail;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{s3::Bucket, ApiError, Fetched, Snapshot};

    fn snap(bucket: Option<Bucket>) -> Snapshot {
        let mut s = snapshot();
        region(&mut s).cloudtrail.trails = Fetched::Ok(vec![trail("main", "us-east-1", false)]);
        s.s3.buckets = Fetched::Ok(bucket.into_iter().collect());
        s
    }

    fn bucket(logging: Fetched<Option<String>>, region: &str) -> Bucket {
        Bucket {
            name: "trail-logs".into(),
            arn: "arn:aws:s3:::trail-logs".into(),
            region: region.into(),
            logging_target: logging,
            ..Default::default()
        }
    }

    #[test]
    fn pass_when_the_trail_bucket_logs_access() {
        let f = run(
            &CHECK,
            &snap(Some(bucket(
                Fetched::Ok(Some("access-logs".into())),
                "us-east-1",
            ))),
        );
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "Single region Trail main S3 bucket access logging is enabled for bucket trail-logs."
        );
        assert_eq!(f[0].resource_id, "main");
    }

    #[test]
    fn fail_when_logging_is_off() {
        let f = run(&CHECK, &snap(Some(bucket(Fetched::Ok(None), "us-east-1"))));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert!(f[0]
            .status_extended
            .contains("is not enabled for bucket trail-logs"));
    }

    #[test]
    fn manual_for_a_bucket_of_another_account_or_out_of_scope() {
        let f = run(&CHECK, &snap(None));
        assert_eq!(statuses(&f), [Status::Manual]);
        assert!(f[0].status_extended.contains("cross-account bucket"));
        let f = run(
            &CHECK,
            &snap(Some(bucket(Fetched::NotCollected, "ap-south-1"))),
        );
        assert_eq!(statuses(&f), [Status::Manual]);
    }

    #[test]
    fn error_when_the_logging_status_or_bucket_list_is_missing() {
        let denied = ApiError::new("s3:GetBucketLogging", "AccessDenied", "");
        let f = run(
            &CHECK,
            &snap(Some(bucket(Fetched::Error(denied), "us-east-1"))),
        );
        assert_eq!(statuses(&f), [Status::Error]);
        assert_eq!(f[0].resource_id, "main");
        let mut s = snap(None);
        s.s3.buckets = Fetched::NotCollected;
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
