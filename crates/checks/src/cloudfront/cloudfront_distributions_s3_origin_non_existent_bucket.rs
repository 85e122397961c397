//! # cloudfront_distributions_s3_origin_non_existent_bucket
//!
//! ## Description
//!
//! Checks that every S3 origin of a CloudFront distribution points to a bucket that exists.
//! The bucket is asked for by name (HeadBucket): only a 404 means it is gone; a bucket
//! another account owns (403) or homed in another region exists.
//!
//! AWS Security Hub control CloudFront.12.
//!
//! ## Risk
//!
//! Bucket names are global: once the origin's bucket is deleted, anyone can create a bucket
//! with that name and serve their content under the organization's domain.
//!
//! ## Remediation
//!
//! Recreate the bucket in an account you own, or point the origin at an existing bucket,
//! or remove the origin from the distribution.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DownloadDistS3AndCustomOrigins.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-12

use kestrel_model::{Finding, Severity, Status};

use super::run_distribution_check;
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudfront_distributions_s3_origin_non_existent_bucket",
        title: "CloudFront distribution has no S3 origin whose bucket is gone",
        service: "cloudfront",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsCloudFrontDistribution",
        categories: &["resilience"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices", "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices", "Software and Configuration Checks/Industry and Regulatory Standards/NIST 800-53 Controls"],
        needs: &[kestrel_model::cloudfront::LIST_DISTRIBUTIONS, kestrel_model::cloudfront::HEAD_ORIGIN_BUCKET],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let region = scan.global_region();
    run_distribution_check(scan, emit, id, |d, emit| {
        let mut gone = Vec::new();
        for o in d.origins.iter().filter(|o| o.s3) {
            if !*collected(&o.bucket_exists, id, region, &d.id, &d.arn, emit)? {
                gone.push(o.bucket_name());
            }
        }
        Some(if gone.is_empty() {
            (
                Status::Pass,
                format!(
                    "CloudFront Distribution {} does not have non-existent S3 buckets as origins.",
                    d.id
                ),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "CloudFront Distribution {} has non-existent S3 buckets as origins: {}.",
                    d.id,
                    gone.join(",")
                ),
            )
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloudfront::tests::*;
    use crate::testkit::{run, statuses};
    #[allow(unused_imports)]
    use kestrel_model::{cloudfront::*, ApiError, Fetched};

    fn check(edit: impl FnOnce(&mut Distribution)) -> Vec<Finding> {
        run(&CHECK, &snap(edit))
    }

    fn origin(bucket: &str, exists: Fetched<bool>) -> Origin {
        let mut o = s3_origin(bucket, bucket);
        o.bucket_exists = exists;
        o
    }

    #[test]
    fn pass_when_buckets_exist_or_no_s3_origin() {
        let f = check(|d| d.origins = vec![origin("kept", Fetched::Ok(true))]);
        assert_eq!(statuses(&f), [Status::Pass]);
        let f = check(|d| d.origins = vec![custom_origin("web", "https-only", &[])]);
        assert_eq!(statuses(&f), [Status::Pass]);
    }

    #[test]
    fn fail_names_the_missing_buckets() {
        let f = check(|d| {
            d.origins = vec![
                origin("kept", Fetched::Ok(true)),
                origin("gone1", Fetched::Ok(false)),
                origin("gone2", Fetched::Ok(false)),
            ]
        });
        assert_eq!(statuses(&f), [Status::Fail]);
        assert!(f[0].status_extended.ends_with("as origins: gone1,gone2."));
    }

    #[test]
    fn error_when_a_bucket_could_not_be_asked() {
        let f = check(|d| {
            d.origins = vec![origin(
                "b",
                Fetched::Error(ApiError::new("s3:HeadBucket", "Timeout", "")),
            )]
        });
        assert_eq!(statuses(&f), [Status::Error]);
        assert_eq!(
            origin("x.s3.us-east-1.amazonaws.com", Fetched::Ok(true)).bucket_name(),
            "x"
        );
    }
}
