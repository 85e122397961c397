//! # elbv2_alb_drop_invalid_header_fields_enabled
//!
//! ## Description
//!
//! Checks that application load balancers drop HTTP headers whose names are not valid.
//!
//! AWS FSBP ELB.4. Only application load balancers are reported, as in Prowler. A load
//! balancer whose attributes could not be read is ERROR.
//!
//! ## Risk
//!
//! Passing malformed headers to targets opens the way to HTTP request smuggling and
//! header-injection attacks against back ends that parse them differently from the load
//! balancer.
//!
//! ## Remediation
//!
//! Enable dropping of invalid header fields, after checking no client relies on such
//! headers.
//!
//! `aws elbv2 modify-load-balancer-attributes --load-balancer-arn <arn> --attributes
//! Key=routing.http.drop_invalid_header_fields.enabled,Value=true`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-4
//! - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#load-balancer-attributes

use kestrel_model::{elbv2::LoadBalancer, Finding, Severity, Status};

use crate::elbv2::{run_attribute_check, Attributes};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elbv2_alb_drop_invalid_header_fields_enabled",
        title: "Application load balancer drops invalid HTTP header fields",
        service: "elbv2",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsElbv2LoadBalancer",
        categories: &[],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Network Reachability",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "TTPs/Initial Access",
            "Effects/Data Exposure",
        ],
        needs: &[
            kestrel_model::elbv2::DESCRIBE_LOAD_BALANCERS,
            kestrel_model::elbv2::DESCRIBE_LOAD_BALANCER_ATTRIBUTES,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_attribute_check(scan, emit, CHECK.meta.id, true, verdict);
}

fn verdict(lb: &LoadBalancer, attrs: &Attributes) -> (Status, String) {
    if attrs
        .get("routing.http.drop_invalid_header_fields.enabled")
        .map(String::as_str)
        == Some("true")
    {
        (
            Status::Pass,
            format!(
                "ELBv2 ALB {} is configured to drop invalid header fields.",
                lb.name
            ),
        )
    } else {
        (
            Status::Fail,
            format!(
                "ELBv2 ALB {} is not configured to drop invalid header fields.",
                lb.name
            ),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::elbv2::tests::snap;
    use crate::testkit::{region, run, statuses};
    use kestrel_model::{ApiError, Fetched};

    #[test]
    fn verdicts() {
        let f = run(
            &CHECK,
            &snap(
                [("routing.http.drop_invalid_header_fields.enabled", "true")],
                "application",
            ),
        );
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "ELBv2 ALB lb is configured to drop invalid header fields."
        );
        let f = run(&CHECK, &snap([], "application"));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "ELBv2 ALB lb is not configured to drop invalid header fields."
        );
    }

    #[test]
    fn other_kinds_are_not_reported() {
        assert!(run(&CHECK, &snap([], "network")).is_empty());
    }

    #[test]
    fn error_when_attributes_cannot_be_read() {
        let mut s = snap([], "application");
        if let Fetched::Ok(lbs) = &mut region(&mut s).elbv2.load_balancers {
            lbs[0].attributes = Fetched::Error(ApiError::new(
                "elasticloadbalancing:DescribeLoadBalancerAttributes",
                "AccessDenied",
                "",
            ));
        }
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
