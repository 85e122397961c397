//! # cloudfront_distributions_using_waf
//!
//! ## Description
//!
//! Checks that a CloudFront distribution is associated with an AWS WAF web ACL (WAFv2 or
//! WAF Classic).
//!
//! AWS Security Hub control CloudFront.6.
//!
//! ## Risk
//!
//! Without a web ACL at the edge, injection attempts, bots and request floods reach the
//! origins unfiltered.
//!
//! ## Remediation
//!
//! Create a WAFv2 web ACL in the global (CloudFront) scope with managed and rate-based
//! rules, and associate it with the distribution.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/waf/latest/developerguide/cloudfront-features.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-6

use kestrel_model::{Finding, Severity, Status};

use super::run_distribution_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudfront_distributions_using_waf",
        title: "CloudFront distribution is protected by AWS WAF",
        service: "cloudfront",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsCloudFrontDistribution",
        categories: &["internet-exposed"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices", "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices", "Software and Configuration Checks/Industry and Regulatory Standards/PCI-DSS"],
        needs: &[kestrel_model::cloudfront::LIST_DISTRIBUTIONS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_distribution_check(scan, emit, CHECK.meta.id, |d, _| {
        Some(if d.web_acl_id.is_empty() {
            (
                Status::Fail,
                format!(
                    "CloudFront Distribution {} is not using AWS WAF web ACL.",
                    d.id
                ),
            )
        } else {
            (
                Status::Pass,
                format!(
                    "CloudFront Distribution {} is using AWS WAF web ACL {}.",
                    d.id, d.web_acl_id
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
    fn pass_with_a_web_acl() {
        let f = check(|d| {
            d.web_acl_id = "arn:aws:wafv2:us-east-1:123456789012:global/webacl/w/1".into()
        });
        assert_eq!(statuses(&f), [Status::Pass]);
        assert!(f[0]
            .status_extended
            .ends_with("web ACL arn:aws:wafv2:us-east-1:123456789012:global/webacl/w/1."));
    }

    #[test]
    fn fail_without() {
        let f = check(|_| {});
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "CloudFront Distribution E1 is not using AWS WAF web ACL."
        );
    }
}
