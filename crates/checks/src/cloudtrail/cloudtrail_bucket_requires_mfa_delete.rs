//! # cloudtrail_bucket_requires_mfa_delete
//!
//! ## Description
//!
//! Checks that the S3 bucket receiving each logging CloudTrail trail's log files has MFA
//! Delete enabled in its versioning configuration.
//!
//! CIS 2.0 (2.1.2). Only trails that are logging are assessed, as in
//! Prowler. A destination bucket that is not in this account's bucket list (another
//! account's, or outside the scanned regions) is reported MANUAL. Each trail is reported
//! once, in its home region.
//!
//! ## Risk
//!
//! Without MFA Delete, whoever obtains credentials allowed to change the trail bucket can
//! suspend versioning and permanently delete log versions, erasing the record of what they
//! did.
//!
//! ## Remediation
//!
//! As the root user, with its MFA device, enable versioning with MFA Delete on the trail
//! bucket (this can only be done through the API or CLI).
//!
//! `aws s3api put-bucket-versioning --bucket <trail-bucket> --versioning-configuration
//! Status=Enabled,MFADelete=Enabled --mfa "<mfa-serial> <code>"`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/MultiFactorAuthenticationDelete.html
//! - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/best-practices-security.html

use kestrel_model::{Finding, Severity, Status};

use crate::cloudtrail::{bucket_unknown, trail_bucket, trails};
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudtrail_bucket_requires_mfa_delete",
        title: "CloudTrail trail S3 bucket has MFA delete enabled",
        service: "cloudtrail",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsCloudTrailTrail",
        categories: &["identity-access", "forensics-ready"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
        ],
        needs: &[
            kestrel_model::cloudtrail::DESCRIBE_TRAILS,
            kestrel_model::cloudtrail::GET_TRAIL_STATUS,
            kestrel_model::cloudtrail::LIST_TAGS,
            kestrel_model::s3::LIST_ALL_MY_BUCKETS,
            kestrel_model::s3::GET_BUCKET_VERSIONING,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let mut logging = Vec::new();
    for t in trails(scan, id, emit).trails {
        if collected(&t.is_logging, id, &t.home_region, &t.name, &t.arn, emit) == Some(&true) {
            logging.push(t);
        }
    }
    if logging.is_empty() {
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
    for t in logging {
        let Some(bucket) = trail_bucket(scan, buckets, t, |b| b.versioning.is_collected()) else {
            emit(bucket_unknown(id, t));
            continue;
        };
        let Some(versioning) = collected(
            &bucket.versioning,
            id,
            &t.home_region,
            &t.name,
            &t.arn,
            emit,
        ) else {
            continue;
        };
        let (status, state) = if versioning.mfa_delete.as_deref() == Some("Enabled") {
            (Status::Pass, "has")
        } else {
            (Status::Fail, "does not have")
        };
        let text = format!(
            "Trail {} bucket ({}) {state} MFA delete enabled.",
            t.name, bucket.name
        );
        emit(Finding::new(id, status, &t.home_region, &t.name, &t.arn, text).with_tags(&t.tags));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloudtrail::testdata::trail;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{
        s3::{Bucket, Versioning},
        ApiError, Fetched, Snapshot,
    };

    fn snap(logging: bool, bucket: Option<Bucket>) -> Snapshot {
        let mut s = snapshot();
        let mut t = trail("main", "us-east-1", true);
        t.is_logging = Fetched::Ok(logging);
        region(&mut s).cloudtrail.trails = Fetched::Ok(vec![t]);
        s.s3.buckets = Fetched::Ok(bucket.into_iter().collect());
        s
    }

    fn bucket(mfa_delete: Option<&str>) -> Bucket {
        Bucket {
            name: "trail-logs".into(),
            arn: "arn:aws:s3:::trail-logs".into(),
            region: "us-east-1".into(),
            versioning: Fetched::Ok(Versioning {
                status: Some("Enabled".into()),
                mfa_delete: mfa_delete.map(str::to_string),
            }),
            ..Default::default()
        }
    }

    #[test]
    fn pass_with_mfa_delete() {
        let f = run(&CHECK, &snap(true, Some(bucket(Some("Enabled")))));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "Trail main bucket (trail-logs) has MFA delete enabled."
        );
    }

    #[test]
    fn fail_without_mfa_delete() {
        for mfa in [None, Some("Disabled")] {
            let f = run(&CHECK, &snap(true, Some(bucket(mfa))));
            assert_eq!(statuses(&f), [Status::Fail]);
            assert!(f[0].status_extended.contains("does not have MFA delete"));
        }
    }

    #[test]
    fn trails_that_do_not_log_are_not_assessed() {
        assert!(run(&CHECK, &snap(false, Some(bucket(None)))).is_empty());
    }

    #[test]
    fn manual_for_a_bucket_kestrel_cannot_see() {
        let f = run(&CHECK, &snap(true, None));
        assert_eq!(statuses(&f), [Status::Manual]);
    }

    #[test]
    fn error_when_versioning_or_the_logging_status_is_missing() {
        let mut b = bucket(None);
        b.versioning = Fetched::Error(ApiError::new("s3:GetBucketVersioning", "AccessDenied", ""));
        let f = run(&CHECK, &snap(true, Some(b)));
        assert_eq!(statuses(&f), [Status::Error]);
        let mut s = snap(true, Some(bucket(Some("Enabled"))));
        let mut t = trail("main", "us-east-1", true);
        t.is_logging = Fetched::Error(ApiError::new(
            "cloudtrail:GetTrailStatus",
            "AccessDenied",
            "",
        ));
        region(&mut s).cloudtrail.trails = Fetched::Ok(vec![t]);
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
