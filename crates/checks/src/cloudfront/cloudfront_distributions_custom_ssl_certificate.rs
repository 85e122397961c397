//! # cloudfront_distributions_custom_ssl_certificate
//!
//! ## Description
//!
//! Checks that a CloudFront distribution serves viewers with its own TLS certificate (from
//! ACM or IAM) rather than the default cloudfront.net certificate.
//!
//! AWS Security Hub control CloudFront.7.
//!
//! ## Risk
//!
//! With the default certificate, viewers can only reach the distribution under its
//! cloudfront.net name: the site cannot be served under the organization's domain with a
//! certificate it controls, and users learn to trust a generic name.
//!
//! ## Remediation
//!
//! Request or import a certificate in ACM in us-east-1, add the domain as an alternate
//! name of the distribution, and select the certificate as its viewer certificate.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/using-https-alternate-domain-names.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-7

use kestrel_model::{Finding, Severity, Status};

use super::run_distribution_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudfront_distributions_custom_ssl_certificate",
        title: "CloudFront distribution uses a custom TLS certificate",
        service: "cloudfront",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsCloudFrontDistribution",
        categories: &["encryption"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices", "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices"],
        needs: &[kestrel_model::cloudfront::LIST_DISTRIBUTIONS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_distribution_check(scan, emit, CHECK.meta.id, |d, _| {
        Some(if d.default_certificate {
            (
                Status::Fail,
                format!(
                    "CloudFront Distribution {} is using the default SSL/TLS certificate.",
                    d.id
                ),
            )
        } else {
            (
                Status::Pass,
                format!(
                    "CloudFront Distribution {} is using a custom SSL/TLS certificate.",
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

    #[test]
    fn pass_with_a_custom_certificate() {
        assert_eq!(
            statuses(&check(
                |d| d.certificate = "arn:aws:acm:us-east-1:123456789012:certificate/c".into()
            )),
            [Status::Pass]
        );
    }

    #[test]
    fn fail_with_the_default_certificate() {
        let f = check(|d| d.default_certificate = true);
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "CloudFront Distribution E1 is using the default SSL/TLS certificate."
        );
    }
}
