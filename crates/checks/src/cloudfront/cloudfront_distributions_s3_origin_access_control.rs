//! # cloudfront_distributions_s3_origin_access_control
//!
//! ## Description
//!
//! Checks that every S3 origin of a CloudFront distribution uses origin access control
//! (OAC). Distributions without S3 origins are not reported.
//!
//! AWS Security Hub control CloudFront.13. An origin access identity (the legacy mechanism)
//! does not count.
//!
//! ## Risk
//!
//! Without OAC the bucket must be readable by the distribution some other way, often
//! publicly, so viewers can bypass the distribution's controls (WAF, signed URLs, geo
//! restrictions) by reading the bucket directly.
//!
//! ## Remediation
//!
//! Create an origin access control for S3, attach it to each S3 origin, and allow only the
//! CloudFront service principal for this distribution in the bucket policy.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/private-content-restricting-access-to-s3.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-13

use kestrel_model::{Finding, Severity, Status};

use super::run_distribution_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudfront_distributions_s3_origin_access_control",
        title: "CloudFront distribution reaches S3 origins through origin access control",
        service: "cloudfront",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsCloudFrontDistribution",
        categories: &["trust-boundaries", "internet-exposed"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices", "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices", "Effects/Data Exposure"],
        needs: &[kestrel_model::cloudfront::LIST_DISTRIBUTIONS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_distribution_check(scan, emit, CHECK.meta.id, |d, _| {
        if !d.origins.iter().any(|o| o.s3) {
            return None;
        }
        let without: Vec<&str> = d
            .origins
            .iter()
            .filter(|o| o.s3 && o.origin_access_control_id.is_empty())
            .map(|o| o.id.as_str())
            .collect();
        Some(if without.is_empty() {
            (
                Status::Pass,
                format!(
                    "CloudFront Distribution {} is using origin access control (OAC) for S3 origins.",
                    d.id
                ),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "CloudFront Distribution {} is not using origin access control (OAC) in S3 origins {}.",
                    d.id,
                    without.join(", ")
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

    #[test]
    fn pass_when_every_s3_origin_has_oac() {
        let f = check(|d| {
            let mut o = s3_origin("s", "b");
            o.origin_access_control_id = "E2OAC".into();
            d.origins = vec![o, custom_origin("web", "https-only", &[])];
        });
        assert_eq!(statuses(&f), [Status::Pass]);
    }

    #[test]
    fn fail_names_s3_origins_without_oac() {
        let f = check(|d| {
            let mut o = s3_origin("s1", "b");
            o.origin_access_control_id = "E2OAC".into();
            d.origins = vec![o, s3_origin("s2", "c"), s3_origin("s3", "d")];
        });
        assert_eq!(statuses(&f), [Status::Fail]);
        assert!(f[0].status_extended.ends_with("in S3 origins s2, s3."));
    }

    #[test]
    fn no_finding_without_s3_origins() {
        assert!(check(|d| d.origins = vec![custom_origin("web", "https-only", &[])]).is_empty());
    }
}
