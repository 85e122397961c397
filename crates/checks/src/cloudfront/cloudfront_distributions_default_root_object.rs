//! # cloudfront_distributions_default_root_object
//!
//! ## Description
//!
//! Checks that a CloudFront distribution names a default root object, the object served
//! for a request to the bare domain.
//!
//! AWS Security Hub control CloudFront.1.
//!
//! ## Risk
//!
//! Without one, a request for the root is passed to the origin as is: an S3 origin may
//! answer with a listing of the bucket's objects, or an error that reveals the origin.
//!
//! ## Remediation
//!
//! Set the distribution's default root object, for example index.html, and make sure the
//! object exists at the origin.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/DefaultRootObject.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-1

use kestrel_model::{Finding, Severity, Status};

use super::run_distribution_check;
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudfront_distributions_default_root_object",
        title: "CloudFront distribution has a default root object",
        service: "cloudfront",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsCloudFrontDistribution",
        categories: &[],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices"],
        needs: &[
            kestrel_model::cloudfront::LIST_DISTRIBUTIONS,
            kestrel_model::cloudfront::GET_DISTRIBUTION_CONFIG,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let region = scan.global_region();
    run_distribution_check(scan, emit, id, |d, emit| {
        let config = collected(&d.config, id, region, &d.id, &d.arn, emit)?;
        Some(if config.default_root_object.is_empty() {
            (
                Status::Fail,
                format!(
                    "CloudFront Distribution {} does not have a default root object configured.",
                    d.id
                ),
            )
        } else {
            (
                Status::Pass,
                format!(
                    "CloudFront Distribution {} does have a default root object ({}) configured.",
                    d.id, config.default_root_object
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

    fn root(obj: &str) -> Vec<Finding> {
        check(|d| {
            d.config = Fetched::Ok(Config {
                default_root_object: obj.into(),
                ..Default::default()
            })
        })
    }

    #[test]
    fn pass_with_a_root_object() {
        let f = root("index.html");
        assert_eq!(statuses(&f), [Status::Pass]);
        assert!(f[0].status_extended.contains("(index.html)"));
    }

    #[test]
    fn fail_without() {
        assert_eq!(statuses(&root("")), [Status::Fail]);
    }

    #[test]
    fn error_when_the_config_is_unreadable() {
        let f = check(|d| {
            d.config = Fetched::Error(ApiError::new(
                "cloudfront:GetDistributionConfig",
                "AccessDenied",
                "",
            ))
        });
        assert_eq!(statuses(&f), [Status::Error]);
        assert!(f[0]
            .status_extended
            .contains("cloudfront:GetDistributionConfig"));
        assert_eq!(statuses(&check(|_| {})), [Status::Error]);
    }
}
