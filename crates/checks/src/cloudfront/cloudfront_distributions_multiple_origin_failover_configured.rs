//! # cloudfront_distributions_multiple_origin_failover_configured
//!
//! ## Description
//!
//! Checks that a CloudFront distribution has origin failover: at least one origin group,
//! and every origin group with two or more origins.
//!
//! AWS Security Hub control CloudFront.4. Differs from Prowler 5.46, which passes a
//! distribution with no origin group at all (an empty list counts as all groups having two
//! origins); kestrel fails it, as the control does.
//!
//! ## Risk
//!
//! With a single origin behind a distribution, that origin's outage or overload is an
//! outage of everything the distribution serves.
//!
//! ## Remediation
//!
//! Create an origin group with a primary and a secondary origin, and route the cache
//! behaviors to the group.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/high_availability_origin_failover.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/cloudfront-controls.html#cloudfront-4

use kestrel_model::{Finding, Severity, Status};

use super::run_distribution_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudfront_distributions_multiple_origin_failover_configured",
        title: "CloudFront distribution has origin failover",
        service: "cloudfront",
        subservice: "",
        severity: Severity::Low,
        resource_type: "AwsCloudFrontDistribution",
        categories: &["resilience"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices/Network Reachability", "Software and Configuration Checks/Industry and Regulatory Standards/NIST 800-53 Controls", "Effects/Denial of Service"],
        needs: &[kestrel_model::cloudfront::LIST_DISTRIBUTIONS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_distribution_check(scan, emit, CHECK.meta.id, |d, _| {
        let failover =
            !d.origin_group_sizes.is_empty() && d.origin_group_sizes.iter().all(|n| *n >= 2);
        Some(if failover {
            (
                Status::Pass,
                format!(
                    "CloudFront Distribution {} has an origin group with at least 2 origins configured.",
                    d.id
                ),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "CloudFront Distribution {} does not have an origin group configured with at least 2 origins.",
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
    fn pass_when_every_group_has_two_origins() {
        assert_eq!(
            statuses(&check(|d| d.origin_group_sizes = vec![2, 3])),
            [Status::Pass]
        );
    }

    #[test]
    fn fail_with_a_single_origin_group_or_none() {
        assert_eq!(
            statuses(&check(|d| d.origin_group_sizes = vec![2, 1])),
            [Status::Fail]
        );
        // Prowler passes this one (see the description).
        let f = check(|_| {});
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "CloudFront Distribution E1 does not have an origin group configured with at least 2 origins."
        );
    }
}
