//! # cloudfront_distributions_origin_traffic_encrypted
//!
//! ## Description
//!
//! Checks that a CloudFront distribution reaches its origins over HTTPS. A custom origin
//! fails when its protocol policy is HTTP only, missing, or match-viewer while viewers may
//! use plain HTTP; an S3 origin fails when viewers may use plain HTTP.
//!
//! AWS Security Hub control CloudFront.9. An origin without a custom origin config (an S3
//! origin an emulator reports without its S3 config, a VPC origin) has no protocol policy
//! and fails, as in Prowler.
//!
//! ## Risk
//!
//! Traffic between the edge and an origin in clear text can be read or altered on the
//! way, exposing content, cookies and credentials that viewers sent over HTTPS.
//!
//! ## Remediation
//!
//! Set each custom origin's protocol policy to HTTPS only (or match viewer with HTTPS-only
//! viewers), and make viewers use HTTPS.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-cloudfront-to-custom-origin.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-9

use kestrel_model::{Finding, Severity, Status};

use super::run_distribution_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudfront_distributions_origin_traffic_encrypted",
        title: "CloudFront distribution encrypts traffic to its origins",
        service: "cloudfront",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsCloudFrontDistribution",
        categories: &["encryption"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices/Network Security", "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices", "Effects/Data Exposure"],
        needs: &[kestrel_model::cloudfront::LIST_DISTRIBUTIONS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_distribution_check(scan, emit, CHECK.meta.id, |d, _| {
        let viewers_plain = d.viewer_protocol_policy == "allow-all";
        let clear: Vec<&str> = d
            .origins
            .iter()
            .filter(|o| {
                if o.s3 {
                    viewers_plain
                } else {
                    matches!(o.protocol_policy.as_str(), "" | "http-only")
                        || (o.protocol_policy == "match-viewer" && viewers_plain)
                }
            })
            .map(|o| o.id.as_str())
            .collect();
        Some(if clear.is_empty() {
            (
                Status::Pass,
                format!(
                    "CloudFront Distribution {} does encrypt traffic to custom origins.",
                    d.id
                ),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "CloudFront Distribution {} does not encrypt traffic to custom origins {}.",
                    d.id,
                    clear.join(", ")
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
    fn pass_when_every_origin_is_reached_over_https() {
        let f = check(|d| {
            d.viewer_protocol_policy = "https-only".into();
            d.origins = vec![
                custom_origin("a", "https-only", &[]),
                custom_origin("b", "match-viewer", &[]),
                s3_origin("s", "bucket"),
            ];
        });
        assert_eq!(statuses(&f), [Status::Pass]);
    }

    #[test]
    fn fail_names_the_clear_text_origins() {
        let f = check(|d| {
            d.viewer_protocol_policy = "allow-all".into();
            d.origins = vec![
                custom_origin("a", "https-only", &[]),
                custom_origin("b", "http-only", &[]),
                custom_origin("c", "match-viewer", &[]),
                s3_origin("s", "bucket"),
                custom_origin("v", "", &[]),
            ];
        });
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "CloudFront Distribution E1 does not encrypt traffic to custom origins b, c, s, v."
        );
        // HTTP only fails whatever the viewers use; an S3 origin passes with HTTPS viewers.
        let f = check(|d| {
            d.viewer_protocol_policy = "redirect-to-https".into();
            d.origins = vec![custom_origin("b", "http-only", &[]), s3_origin("s", "x")];
        });
        assert!(f[0].status_extended.ends_with("custom origins b."));
    }
}
