//! # s3_bucket_object_lock
//!
//! ## Description
//!
//! Checks that Object Lock is enabled on each S3 bucket.
//!
//! AWS FSBP S3.15. A bucket with an Object Lock configuration passes, whatever its
//! default retention. Every bucket in a scanned region is reported, as in Prowler; one
//! whose setting could not be read is ERROR.
//!
//! ## Risk
//!
//! Without Object Lock, anyone with delete permissions (a compromised administrator,
//! ransomware with stolen keys) can destroy objects and their versions before anyone
//! notices.
//!
//! ## Remediation
//!
//! Enable Object Lock (it requires versioning) and set a default retention in
//! governance or compliance mode for data that must not be deleted.
//!
//! `aws s3api put-object-lock-configuration --bucket <bucket>
//! --object-lock-configuration
//! '{"ObjectLockEnabled":"Enabled","Rule":{"DefaultRetention":{"Mode":"GOVERNANCE","Days":30}}}'`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-15
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-lock.html

use kestrel_model::{s3::Bucket, Finding, Severity, Status};

use crate::s3::run_bucket_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "s3_bucket_object_lock",
        title: "S3 bucket has Object Lock enabled",
        service: "s3",
        subservice: "",
        severity: Severity::Low,
        resource_type: "AwsS3Bucket",
        categories: &["resilience"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Effects/Data Destruction",
        ],
        needs: &[
            kestrel_model::s3::LIST_ALL_MY_BUCKETS,
            kestrel_model::s3::GET_BUCKET_OBJECT_LOCK_CONFIGURATION,
        ],
    },
    run,
};

fn verdict(b: &Bucket, value: &bool) -> (Status, String) {
    if *value {
        (
            Status::Pass,
            format!("S3 Bucket {} has Object Lock enabled.", b.name),
        )
    } else {
        (
            Status::Fail,
            format!("S3 Bucket {} has Object Lock disabled.", b.name),
        )
    }
}

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_bucket_check(scan, emit, CHECK.meta.id, |b| &b.object_lock, verdict);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::s3::tests::{bucket, with_buckets};
    use crate::testkit::{run, statuses};
    use kestrel_model::{ApiError, Fetched};

    fn with(value: bool) -> Bucket {
        Bucket {
            object_lock: Fetched::Ok(value),
            ..bucket("b")
        }
    }

    #[test]
    fn verdicts() {
        let f = run(&CHECK, &with_buckets(vec![with(true)]));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(f[0].status_extended, "S3 Bucket b has Object Lock enabled.");
        let f = run(&CHECK, &with_buckets(vec![with(false)]));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "S3 Bucket b has Object Lock disabled."
        );
    }

    #[test]
    fn error_when_the_setting_cannot_be_read() {
        let denied = Bucket {
            object_lock: Fetched::Error(ApiError::new("s3:Get", "AccessDenied", "")),
            ..bucket("b")
        };
        let f = run(&CHECK, &with_buckets(vec![denied]));
        assert_eq!(statuses(&f), [Status::Error]);
        assert_eq!(f[0].resource_id, "b");
    }
}
