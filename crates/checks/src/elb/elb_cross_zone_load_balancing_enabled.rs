//! # elb_cross_zone_load_balancing_enabled
//!
//! ## Description
//!
//! Checks that every Classic Load Balancer has cross-zone load balancing enabled, spreading
//! requests over the registered instances of all its zones.
//!
//! AWS Security Hub control ELB.9.
//!
//! ## Risk
//!
//! Without it each zone gets an equal share of traffic whatever its number of healthy
//! instances: a zone that lost instances overloads the ones it has left.
//!
//! ## Remediation
//!
//! Enable cross-zone load balancing in the load balancer's attributes.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/enable-disable-crosszone-lb.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-9

use kestrel_model::{Finding, Severity};

use super::run_attribute_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elb_cross_zone_load_balancing_enabled",
        title: "Classic Load Balancer balances across zones",
        service: "elb",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsElbLoadBalancer",
        categories: &["resilience"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Effects/Denial of Service",
            "Effects/Resource Consumption",
        ],
        needs: &[
            kestrel_model::elb::DESCRIBE_LOAD_BALANCERS,
            kestrel_model::elb::DESCRIBE_LOAD_BALANCER_ATTRIBUTES,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_attribute_check(
        scan,
        emit,
        CHECK.meta.id,
        |a| a.cross_zone,
        (
            "has cross-zone load balancing enabled.",
            "does not have cross-zone load balancing enabled.",
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
                cross_zone: on,
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
            "ELB web does not have cross-zone load balancing enabled."
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
