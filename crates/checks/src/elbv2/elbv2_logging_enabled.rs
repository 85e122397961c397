//! # elbv2_logging_enabled
//!
//! ## Description
//!
//! Checks that every Elastic Load Balancing v2 load balancer delivers its access logs to an
//! S3 bucket.
//!
//! CIS 4.10. The load balancer attribute `access_logs.s3.enabled` decides. Every load
//! balancer type is evaluated, as in Prowler.
//!
//! ## Risk
//!
//! Without access logs, requests reaching the load balancer leave no trace, so attacks,
//! abuse and anomalous traffic cannot be detected or investigated.
//!
//! ## Remediation
//!
//! Enable access logging on the load balancer to an S3 bucket whose policy lets Elastic
//! Load Balancing write to it; set retention and restrict access to the logs.
//!
//! `aws elbv2 modify-load-balancer-attributes --load-balancer-arn <arn> --attributes
//! Key=access_logs.s3.enabled,Value=true Key=access_logs.s3.bucket,Value=<bucket>`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/enable-access-logging.html
//! - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-access-logs.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elbv2_logging_enabled",
        title: "ELBv2 Application Load Balancer has access logs to S3 configured",
        service: "elbv2",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsElbv2LoadBalancer",
        categories: &["logging"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices"],
        needs: &[
            kestrel_model::elbv2::DESCRIBE_LOAD_BALANCERS,
            kestrel_model::elbv2::DESCRIBE_LOAD_BALANCER_ATTRIBUTES,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(lbs) = collected(
            &r.elbv2.load_balancers,
            id,
            region,
            scan.account_id(),
            "",
            emit,
        ) else {
            continue;
        };
        for lb in lbs {
            let Some(enabled) =
                collected(&lb.access_logs_enabled, id, region, &lb.name, &lb.arn, emit)
            else {
                continue;
            };
            let (status, text) = if *enabled {
                (
                    Status::Pass,
                    format!("ELBv2 ALB {} has access logs to S3 configured.", lb.name),
                )
            } else {
                (
                    Status::Fail,
                    format!(
                        "ELBv2 ALB {} does not have access logs configured.",
                        lb.name
                    ),
                )
            };
            emit(Finding::new(id, status, region, &lb.name, &lb.arn, text).with_tags(&lb.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{elbv2::LoadBalancer, ApiError, Fetched};

    fn check(lb_type: &str, logs: Fetched<bool>) -> Vec<Finding> {
        let mut s = snapshot();
        region(&mut s).elbv2.load_balancers = Fetched::Ok(vec![LoadBalancer {
            name: "front".into(),
            arn: "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/front/1"
                .into(),
            lb_type: lb_type.into(),
            access_logs_enabled: logs,
            ..Default::default()
        }]);
        run(&CHECK, &s)
    }

    #[test]
    fn pass_with_access_logs() {
        let f = check("application", Fetched::Ok(true));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(f[0].resource_id, "front");
    }

    #[test]
    fn fail_without_access_logs_for_any_type() {
        assert_eq!(
            statuses(&check("application", Fetched::Ok(false))),
            [Status::Fail]
        );
        assert_eq!(
            statuses(&check("network", Fetched::Ok(false))),
            [Status::Fail]
        );
    }

    #[test]
    fn error_when_attributes_denied() {
        let f = check(
            "application",
            Fetched::Error(ApiError::new(
                "elasticloadbalancing:DescribeLoadBalancerAttributes",
                "AccessDenied",
                "",
            )),
        );
        assert_eq!(statuses(&f), [Status::Error]);
    }
}
