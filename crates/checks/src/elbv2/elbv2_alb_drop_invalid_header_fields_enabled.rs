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

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
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
        for lb in lbs.iter().filter(|lb| lb.lb_type == "application") {
            let Some(attrs) = collected(&lb.attributes, id, region, &lb.name, &lb.arn, emit) else {
                continue;
            };
            let (status, text) = if attrs
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
            };
            emit(Finding::new(id, status, region, &lb.name, &lb.arn, text).with_tags(&lb.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{elbv2::LoadBalancer, ApiError, Fetched, Snapshot};

    fn snap<const N: usize>(attrs: [(&str, &str); N], kind: &str) -> Snapshot {
        let mut s = snapshot();
        region(&mut s).elbv2.load_balancers = Fetched::Ok(vec![LoadBalancer {
            name: "lb".into(),
            lb_type: kind.into(),
            attributes: Fetched::Ok(
                attrs
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            ),
            ..Default::default()
        }]);
        s
    }

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
