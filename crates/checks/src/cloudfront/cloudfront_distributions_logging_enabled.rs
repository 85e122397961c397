//! # cloudfront_distributions_logging_enabled
//!
//! ## Description
//!
//! Checks that every CloudFront distribution has standard access logging enabled or a
//! real-time log configuration attached.
//!
//! CIS 4.10. CloudFront is a global service, so findings are reported in the global region.
//!
//! ## Risk
//!
//! Without access logs, requests to the distribution leave no trace: scraping, credential
//! stuffing or attacks on origins cannot be detected or investigated.
//!
//! ## Remediation
//!
//! Enable standard logging for the distribution, or attach a real-time log configuration,
//! and protect and retain the logs.
//!
//! Standard logging is set in the distribution's settings and can deliver to an S3 bucket
//! or CloudWatch Logs; a real-time log configuration is attached to the distribution's
//! cache behaviors.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/AccessLogs.html
//! - https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/real-time-logs.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudfront_distributions_logging_enabled",
        title: "CloudFront distribution has logging enabled",
        service: "cloudfront",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsCloudFrontDistribution",
        categories: &["logging"],
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
    let Some(distributions) = collected(
        &scan.snapshot.cloudfront.distributions,
        id,
        region,
        scan.account_id(),
        "",
        emit,
    ) else {
        return;
    };
    for d in distributions {
        let (status, text) = if d.realtime_logging {
            (
                Status::Pass,
                format!("CloudFront Distribution {} has logging enabled.", d.id),
            )
        } else {
            let Some(logging) = collected(&d.logging_enabled, id, region, &d.id, &d.arn, emit)
            else {
                continue;
            };
            if *logging {
                (
                    Status::Pass,
                    format!("CloudFront Distribution {} has logging enabled.", d.id),
                )
            } else {
                (
                    Status::Fail,
                    format!("CloudFront Distribution {} has logging disabled.", d.id),
                )
            }
        };
        emit(Finding::new(id, status, region, &d.id, &d.arn, text).with_tags(&d.tags));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{run, snapshot, statuses, REGION};
    use kestrel_model::{cloudfront::Distribution, ApiError, Fetched};

    fn check(logging: Fetched<bool>, realtime: bool) -> Vec<Finding> {
        let mut s = snapshot();
        s.cloudfront.distributions = Fetched::Ok(vec![Distribution {
            id: "E1".into(),
            arn: "arn:aws:cloudfront::123456789012:distribution/E1".into(),
            logging_enabled: logging,
            realtime_logging: realtime,
            ..Default::default()
        }]);
        run(&CHECK, &s)
    }

    #[test]
    fn pass_with_standard_or_realtime_logging() {
        let f = check(Fetched::Ok(true), false);
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(f[0].region, REGION);
        assert_eq!(f[0].resource_id, "E1");
        assert_eq!(statuses(&check(Fetched::Ok(false), true)), [Status::Pass]);
    }

    #[test]
    fn fail_without_logging() {
        let f = check(Fetched::Ok(false), false);
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "CloudFront Distribution E1 has logging disabled."
        );
    }

    #[test]
    fn error_when_config_unreadable() {
        let denied = Fetched::Error(ApiError::new(
            "cloudfront:GetDistributionConfig",
            "AccessDenied",
            "",
        ));
        assert_eq!(statuses(&check(denied, false)), [Status::Error]);
        let mut s = snapshot();
        s.cloudfront.distributions = Fetched::Error(ApiError::new(
            "cloudfront:ListDistributions",
            "AccessDenied",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
