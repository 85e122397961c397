//! # elb_is_in_multiple_az
//!
//! ## Description
//!
//! Checks that every Classic Load Balancer is in at least elb_min_azs Availability Zones
//! (Prowler's setting name and default, 2).
//!
//! AWS Security Hub control ELB.10.
//!
//! ## Risk
//!
//! A load balancer in one zone goes down with that zone, taking the application with it.
//!
//! ## Remediation
//!
//! Enable the load balancer in another Availability Zone (or attach a subnet from one) and
//! register instances there.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/enable-disable-az.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-10

use kestrel_model::{Finding, Severity, Status};

use super::run_elb_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elb_is_in_multiple_az",
        title: "Classic Load Balancer spans several Availability Zones",
        service: "elb",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsElbLoadBalancer",
        categories: &["resilience"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Effects/Denial of Service",
        ],
        needs: &[kestrel_model::elb::DESCRIBE_LOAD_BALANCERS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let min = scan.settings.elb_min_azs;
    run_elb_check(scan, emit, CHECK.meta.id, |lb, _, _| {
        let mut zones: Vec<&str> = lb.availability_zones.iter().map(String::as_str).collect();
        zones.sort_unstable();
        zones.dedup();
        let list = zones.join(", ");
        Some(if zones.len() >= min {
            (
                Status::Pass,
                format!(
                    "Classic Load Balancer {} is in {} availability zones: {list}.",
                    lb.name,
                    zones.len()
                ),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "Classic Load Balancer {} is not in at least {min} availability zones, it is only in {list}.",
                    lb.name
                ),
            )
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::elb::tests::snap;
    #[allow(unused_imports)]
    use crate::testkit::{region, run, run_with, snapshot, statuses};
    #[allow(unused_imports)]
    use kestrel_model::{elb::Attributes, ApiError, Fetched};

    fn zones(z: &[&str]) -> Vec<Finding> {
        run(
            &CHECK,
            &snap(|lb| lb.availability_zones = z.iter().map(|s| s.to_string()).collect()),
        )
    }

    #[test]
    fn pass_in_two_zones() {
        let f = zones(&["us-east-1b", "us-east-1a"]);
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "Classic Load Balancer web is in 2 availability zones: us-east-1a, us-east-1b."
        );
    }

    #[test]
    fn fail_in_one_zone() {
        assert_eq!(
            statuses(&zones(&["us-east-1a", "us-east-1a"])),
            [Status::Fail]
        );
        let three = crate::Settings {
            elb_min_azs: 3,
            ..crate::Settings::default()
        };
        let s = snap(|lb| lb.availability_zones = vec!["a".into(), "b".into()]);
        assert_eq!(statuses(&run_with(&CHECK, &s, &three)), [Status::Fail]);
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
