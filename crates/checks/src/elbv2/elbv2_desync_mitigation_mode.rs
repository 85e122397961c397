//! # elbv2_desync_mitigation_mode
//!
//! ## Description
//!
//! Checks that application load balancers use the defensive or strictest HTTP desync
//! mitigation mode, or at least drop invalid header fields.
//!
//! AWS FSBP ELB.12. Only application load balancers are reported. As in Prowler, the
//! monitor mode passes when invalid header fields are dropped, and fails when they are
//! not. A load balancer whose attributes could not be read is ERROR.
//!
//! ## Risk
//!
//! In monitor mode, ambiguous requests reach the targets unchanged: an attacker can
//! smuggle a second request past the load balancer's routing and security rules,
//! poisoning caches or hijacking other users' responses.
//!
//! ## Remediation
//!
//! Set the desync mitigation mode to defensive (or strictest for applications that need
//! only RFC-compliant requests).
//!
//! `aws elbv2 modify-load-balancer-attributes --load-balancer-arn <arn> --attributes
//! Key=routing.http.desync_mitigation_mode,Value=defensive`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-12
//! - https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#desync-mitigation-mode

use kestrel_model::{elbv2::LoadBalancer, Finding, Severity, Status};

use crate::elbv2::{run_attribute_check, Attributes};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elbv2_desync_mitigation_mode",
        title: "Application load balancer mitigates HTTP desync",
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
    let mode = attrs
        .get("routing.http.desync_mitigation_mode")
        .map(String::as_str);
    let drops = attrs
        .get("routing.http.drop_invalid_header_fields.enabled")
        .map(String::as_str);
    match (mode, drops) {
        (Some("strictest" | "defensive"), _) => (Status::Pass, format!("ELBv2 ALB {} is configured with correct desync mitigation mode.", lb.name)),
        (_, Some("false")) => (Status::Fail, format!("ELBv2 ALB {} does not have desync mitigation mode set as strictest/defensive and is not dropping invalid header fields.", lb.name)),
        (_, Some("true")) => (Status::Pass, format!("ELBv2 ALB {} does not have desync mitigation mode set as strictest/defensive but is dropping invalid header fields.", lb.name)),
        _ => (Status::Pass, format!("ELBv2 ALB {} is configured with correct desync mitigation mode.", lb.name)),
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
                [("routing.http.desync_mitigation_mode", "defensive")],
                "application",
            ),
        );
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "ELBv2 ALB lb is configured with correct desync mitigation mode."
        );
        let f = run(
            &CHECK,
            &snap(
                [
                    ("routing.http.desync_mitigation_mode", "monitor"),
                    ("routing.http.drop_invalid_header_fields.enabled", "false"),
                ],
                "application",
            ),
        );
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].status_extended, "ELBv2 ALB lb does not have desync mitigation mode set as strictest/defensive and is not dropping invalid header fields.");
        let f = run(
            &CHECK,
            &snap(
                [
                    ("routing.http.desync_mitigation_mode", "monitor"),
                    ("routing.http.drop_invalid_header_fields.enabled", "true"),
                ],
                "application",
            ),
        );
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(f[0].status_extended, "ELBv2 ALB lb does not have desync mitigation mode set as strictest/defensive but is dropping invalid header fields.");
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
