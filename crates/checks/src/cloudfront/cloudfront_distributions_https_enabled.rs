//! # cloudfront_distributions_https_enabled
//!
//! ## Description
//!
//! Checks that a CloudFront distribution's default cache behavior makes viewers use HTTPS:
//! its viewer protocol policy redirects HTTP to HTTPS or accepts HTTPS only.
//!
//! ## Risk
//!
//! With plain HTTP allowed, requests and responses between viewers and the edge can be
//! intercepted or modified, and session cookies stolen.
//!
//! ## Remediation
//!
//! Set the default cache behavior's viewer protocol policy to redirect HTTP to HTTPS, or
//! to HTTPS only.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-viewers-to-cloudfront.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-3

use kestrel_model::{Finding, Severity, Status};

use super::run_distribution_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudfront_distributions_https_enabled",
        title: "CloudFront distribution requires HTTPS from viewers",
        service: "cloudfront",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsCloudFrontDistribution",
        categories: &["internet-exposed"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices/Network Reachability", "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices", "Effects/Data Exposure"],
        needs: &[kestrel_model::cloudfront::LIST_DISTRIBUTIONS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_distribution_check(scan, emit, CHECK.meta.id, |d, _| {
        Some(match d.viewer_protocol_policy.as_str() {
            "redirect-to-https" => (
                Status::Pass,
                format!("CloudFront Distribution {} has redirect to HTTPS.", d.id),
            ),
            "https-only" => (
                Status::Pass,
                format!("CloudFront Distribution {} has HTTPS only.", d.id),
            ),
            _ => (
                Status::Fail,
                format!(
                    "CloudFront Distribution {} viewers can use HTTP or HTTPS.",
                    d.id
                ),
            ),
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
    fn pass_with_redirect_or_https_only() {
        let f = check(|d| d.viewer_protocol_policy = "redirect-to-https".into());
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "CloudFront Distribution E1 has redirect to HTTPS."
        );
        let f = check(|d| d.viewer_protocol_policy = "https-only".into());
        assert_eq!(
            f[0].status_extended,
            "CloudFront Distribution E1 has HTTPS only."
        );
    }

    #[test]
    fn fail_when_http_is_allowed() {
        let f = check(|d| d.viewer_protocol_policy = "allow-all".into());
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(statuses(&check(|_| {})), [Status::Fail]);
    }

    #[test]
    fn error_when_the_list_is_unreadable() {
        let mut s = snap(|_| {});
        s.cloudfront.distributions = Fetched::Error(ApiError::new(
            "cloudfront:ListDistributions",
            "AccessDenied",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
