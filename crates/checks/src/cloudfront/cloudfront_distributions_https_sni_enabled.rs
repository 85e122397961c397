//! # cloudfront_distributions_https_sni_enabled
//!
//! ## Description
//!
//! Checks that a CloudFront distribution with a custom TLS certificate serves it with SNI
//! (sni-only) rather than dedicated IP addresses. Distributions on the default certificate
//! are not reported.
//!
//! AWS Security Hub control CloudFront.8.
//!
//! ## Risk
//!
//! Dedicated-IP (legacy client) serving adds a large monthly charge for support of clients
//! that predate SNI, clients that also lack modern TLS.
//!
//! ## Remediation
//!
//! Set the distribution's SSL support method to SNI only.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/cnames-https-dedicated-ip-or-sni.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-8

use kestrel_model::{Finding, Severity, Status};

use super::run_distribution_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudfront_distributions_https_sni_enabled",
        title: "CloudFront distribution serves its custom certificate with SNI",
        service: "cloudfront",
        subservice: "",
        severity: Severity::Low,
        resource_type: "AwsCloudFrontDistribution",
        categories: &["encryption"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Network Reachability",
        ],
        needs: &[kestrel_model::cloudfront::LIST_DISTRIBUTIONS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_distribution_check(scan, emit, CHECK.meta.id, |d, _| {
        if d.certificate.is_empty() {
            return None;
        }
        Some(if d.ssl_support_method == "sni-only" {
            (
                Status::Pass,
                format!(
                    "CloudFront Distribution {} is serving HTTPS requests using SNI.",
                    d.id
                ),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "CloudFront Distribution {} is not serving HTTPS requests using SNI.",
                    d.id
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

    fn custom(method: &str) -> Vec<Finding> {
        check(|d| {
            d.certificate = "arn:aws:acm:us-east-1:123456789012:certificate/c".into();
            d.ssl_support_method = method.into();
        })
    }

    #[test]
    fn pass_with_sni_only() {
        assert_eq!(statuses(&custom("sni-only")), [Status::Pass]);
    }

    #[test]
    fn fail_with_dedicated_ip() {
        assert_eq!(statuses(&custom("vip")), [Status::Fail]);
        assert_eq!(statuses(&custom("static-ip")), [Status::Fail]);
    }

    #[test]
    fn no_finding_on_the_default_certificate() {
        assert!(check(|d| d.default_certificate = true).is_empty());
    }
}
