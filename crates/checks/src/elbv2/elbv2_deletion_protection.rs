//! # elbv2_deletion_protection
//!
//! ## Description
//!
//! Checks that Elastic Load Balancing v2 load balancers (application, network and
//! gateway) have deletion protection enabled.
//!
//! AWS FSBP ELB.6. Every load balancer of each scanned region is reported, as in
//! Prowler. A load balancer whose attributes could not be read is ERROR.
//!
//! ## Risk
//!
//! Without it, one mistaken or malicious API call or stack update deletes the load
//! balancer and takes every service behind it offline until it is rebuilt and DNS
//! catches up.
//!
//! ## Remediation
//!
//! Turn deletion protection on; turn it off deliberately only when the load balancer is
//! to be retired.
//!
//! `aws elbv2 modify-load-balancer-attributes --load-balancer-arn <arn> --attributes
//! Key=deletion_protection.enabled,Value=true`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-6
//! - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#deletion-protection

use kestrel_model::{elbv2::LoadBalancer, Finding, Severity, Status};

use crate::elbv2::{run_attribute_check, Attributes};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elbv2_deletion_protection",
        title: "Load balancer has deletion protection enabled",
        service: "elbv2",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsElbv2LoadBalancer",
        categories: &["resilience"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Effects/Denial of Service",
        ],
        needs: &[
            kestrel_model::elbv2::DESCRIBE_LOAD_BALANCERS,
            kestrel_model::elbv2::DESCRIBE_LOAD_BALANCER_ATTRIBUTES,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_attribute_check(scan, emit, CHECK.meta.id, false, verdict);
}

fn verdict(lb: &LoadBalancer, attrs: &Attributes) -> (Status, String) {
    if attrs.get("deletion_protection.enabled").map(String::as_str) == Some("true") {
        (
            Status::Pass,
            format!("ELBv2 {} has deletion protection enabled.", lb.name),
        )
    } else {
        (
            Status::Fail,
            format!(
                "ELBv2 {} does not have deletion protection enabled.",
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
            &snap([("deletion_protection.enabled", "true")], "application"),
        );
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "ELBv2 lb has deletion protection enabled."
        );
        let f = run(
            &CHECK,
            &snap([("deletion_protection.enabled", "false")], "network"),
        );
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "ELBv2 lb does not have deletion protection enabled."
        );
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
