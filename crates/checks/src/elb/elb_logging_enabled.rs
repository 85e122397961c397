//! # elb_logging_enabled
//!
//! ## Description
//!
//! Checks that every Classic Load Balancer delivers access logs to S3 (its AccessLog
//! attribute).
//!
//! AWS Security Hub control ELB.5.
//!
//! ## Risk
//!
//! Without access logs, the requests a load balancer served (clients, paths, errors,
//! latencies) cannot be reviewed when investigating an attack or an outage.
//!
//! ## Remediation
//!
//! Enable access logs on the load balancer, delivering to an S3 bucket whose policy lets
//! Elastic Load Balancing write.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/access-log-collection.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-5

use kestrel_model::{Finding, Severity};

use super::run_attribute_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elb_logging_enabled",
        title: "Classic Load Balancer writes access logs",
        service: "elb",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsElbLoadBalancer",
        categories: &["logging"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices", "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices", "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark"],
        needs: &[kestrel_model::elb::DESCRIBE_LOAD_BALANCERS, kestrel_model::elb::DESCRIBE_LOAD_BALANCER_ATTRIBUTES],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_attribute_check(
        scan,
        emit,
        CHECK.meta.id,
        |a| a.access_logs,
        (
            "has access logs to S3 configured.",
            "does not have access logs configured.",
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::elb::tests::{attributes_denied, with_attributes};
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{elb::Attributes, ApiError, Fetched, Status};

    fn attrs(on: bool) -> Vec<Finding> {
        run(
            &CHECK,
            &with_attributes(Fetched::Ok(Attributes {
                access_logs: on,
                ..Default::default()
            })),
        )
    }

    #[test]
    fn pass_and_fail() {
        assert_eq!(statuses(&attrs(true)), [Status::Pass]);
        let f = attrs(false);
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].resource_id, "web");
        assert_eq!(
            f[0].status_extended,
            "ELB web does not have access logs configured."
        );
    }

    #[test]
    fn error_when_the_attributes_are_unreadable() {
        let f = run(&CHECK, &with_attributes(attributes_denied()));
        assert_eq!(statuses(&f), [Status::Error]);
    }

    #[test]
    fn error_when_the_list_is_unreadable() {
        let mut s = snapshot();
        region(&mut s).elb.load_balancers = Fetched::Error(ApiError::new(
            "elasticloadbalancing:DescribeLoadBalancers",
            "AccessDenied",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
