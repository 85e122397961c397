//! # cloudfront_distributions_using_deprecated_ssl_protocols
//!
//! ## Description
//!
//! Checks that no custom origin of a CloudFront distribution allows SSLv3, TLSv1 or
//! TLSv1.1 for the connection from CloudFront to the origin.
//!
//! AWS Security Hub control CloudFront.10.
//!
//! ## Risk
//!
//! The old protocols have known weaknesses (POODLE, BEAST, weak ciphers): an attacker on
//! the path to the origin may downgrade and decrypt the traffic.
//!
//! ## Remediation
//!
//! Allow only TLSv1.2 (and later) in each custom origin's origin SSL protocols, after
//! making sure the origin supports it.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-ciphers-cloudfront-to-origin.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-10

use kestrel_model::{Finding, Severity, Status};

use super::run_distribution_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudfront_distributions_using_deprecated_ssl_protocols",
        title: "CloudFront distribution offers no deprecated TLS protocol to its origins",
        service: "cloudfront",
        subservice: "",
        severity: Severity::Low,
        resource_type: "AwsCloudFrontDistribution",
        categories: &["encryption"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices", "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices"],
        needs: &[kestrel_model::cloudfront::LIST_DISTRIBUTIONS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    const DEPRECATED: &[&str] = &["SSLv3", "TLSv1", "TLSv1.1"];
    run_distribution_check(scan, emit, CHECK.meta.id, |d, _| {
        let deprecated = d
            .origins
            .iter()
            .flat_map(|o| &o.ssl_protocols)
            .any(|p| DEPRECATED.contains(&p.as_str()));
        Some(if deprecated {
            (
                Status::Fail,
                format!(
                    "CloudFront Distribution {} is using a deprecated SSL protocol.",
                    d.id
                ),
            )
        } else {
            (
                Status::Pass,
                format!(
                    "CloudFront Distribution {} is not using a deprecated SSL protocol.",
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
    fn pass_with_tls12_only() {
        let f = check(|d| {
            d.origins = vec![
                custom_origin("a", "https-only", &["TLSv1.2"]),
                s3_origin("s", "b"),
            ]
        });
        assert_eq!(statuses(&f), [Status::Pass]);
    }

    #[test]
    fn fail_with_any_old_protocol() {
        for old in ["SSLv3", "TLSv1", "TLSv1.1"] {
            let f = check(|d| {
                d.origins = vec![
                    custom_origin("a", "https-only", &["TLSv1.2"]),
                    custom_origin("b", "https-only", &["TLSv1.2", old]),
                ]
            });
            assert_eq!(statuses(&f), [Status::Fail], "{old}");
        }
    }
}
