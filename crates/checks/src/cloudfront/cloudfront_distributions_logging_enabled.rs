//! # cloudfront_distributions_logging_enabled
//!
//! ## Description
//!
//! Checks that every CloudFront distribution records its requests: standard logging to
//! S3, standard logging v2 (a CloudWatch Logs delivery source with a delivery), or a
//! real-time log configuration on the default cache behavior.
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

use super::run_distribution_check;
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
            kestrel_model::cloudfront::DESCRIBE_DELIVERY_SOURCES,
            kestrel_model::cloudfront::DESCRIBE_DELIVERIES,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let region = scan.global_region();
    run_distribution_check(scan, emit, id, |d, emit| {
        let legacy = d.config.ok().map(|c| c.logging_enabled);
        let v2 = d.logging_v2.ok().copied();
        let mut methods = Vec::new();
        if legacy == Some(true) {
            methods.push("standard");
        }
        if d.realtime_logging {
            methods.push("real-time");
        }
        if v2 == Some(true) {
            methods.push("v2/CloudWatch");
        }
        if !methods.is_empty() {
            return Some((
                Status::Pass,
                format!(
                    "CloudFront Distribution {} has logging enabled via {}.",
                    d.id,
                    methods.join(", ")
                ),
            ));
        }
        // No method seen: a FAIL only when every method could be read.
        collected(&d.config, id, region, &d.id, &d.arn, emit)?;
        collected(&d.logging_v2, id, region, &d.id, &d.arn, emit)?;
        Some((
            Status::Fail,
            format!("CloudFront Distribution {} has logging disabled.", d.id),
        ))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloudfront::tests::snap;
    use crate::testkit::{run, statuses, REGION};
    use kestrel_model::{cloudfront::Config, ApiError, Fetched};

    fn check(legacy: Fetched<bool>, realtime: bool, v2: Fetched<bool>) -> Vec<Finding> {
        run(
            &CHECK,
            &snap(|d| {
                d.config = match legacy {
                    Fetched::Ok(on) => Fetched::Ok(Config {
                        logging_enabled: on,
                        ..Default::default()
                    }),
                    Fetched::Error(e) => Fetched::Error(e),
                    Fetched::NotCollected => Fetched::NotCollected,
                };
                d.realtime_logging = realtime;
                d.logging_v2 = v2;
            }),
        )
    }

    fn denied(op: &str) -> ApiError {
        ApiError::new(op, "AccessDenied", "")
    }

    #[test]
    fn pass_with_any_logging_method() {
        let f = check(Fetched::Ok(true), false, Fetched::Ok(false));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(f[0].region, REGION);
        assert_eq!(f[0].resource_id, "E1");
        assert_eq!(
            f[0].status_extended,
            "CloudFront Distribution E1 has logging enabled via standard."
        );
        let f = check(Fetched::Ok(false), true, Fetched::Ok(true));
        assert_eq!(
            f[0].status_extended,
            "CloudFront Distribution E1 has logging enabled via real-time, v2/CloudWatch."
        );
        // One method seen is enough, whatever could not be read.
        let f = check(
            Fetched::Error(denied("cloudfront:GetDistributionConfig")),
            false,
            Fetched::Ok(true),
        );
        assert_eq!(statuses(&f), [Status::Pass]);
    }

    #[test]
    fn fail_without_logging() {
        let f = check(Fetched::Ok(false), false, Fetched::Ok(false));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "CloudFront Distribution E1 has logging disabled."
        );
    }

    #[test]
    fn error_when_a_method_is_unreadable() {
        let config = Fetched::Error(denied("cloudfront:GetDistributionConfig"));
        assert_eq!(
            statuses(&check(config, false, Fetched::Ok(false))),
            [Status::Error]
        );
        let v2 = Fetched::Error(denied("logs:DescribeDeliverySources"));
        let f = check(Fetched::Ok(false), false, v2);
        assert_eq!(statuses(&f), [Status::Error]);
        assert!(f[0]
            .status_extended
            .contains("logs:DescribeDeliverySources"));
        let mut s = snap(|_| {});
        s.cloudfront.distributions = Fetched::Error(denied("cloudfront:ListDistributions"));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
