//! # elb_ssl_listeners
//!
//! ## Description
//!
//! Checks that every listener of a Classic Load Balancer uses HTTPS or SSL. A load balancer
//! without listeners passes, as in Prowler.
//!
//! AWS Security Hub control ELB.3.
//!
//! ## Risk
//!
//! A plain HTTP or TCP listener carries requests, cookies and credentials in clear text
//! between clients and the load balancer.
//!
//! ## Remediation
//!
//! Replace HTTP and TCP listeners with HTTPS or SSL listeners using a certificate from ACM
//! (redirecting HTTP clients at the application if needed).
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-create-https-ssl-load-balancer.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-3

use kestrel_model::{Finding, Severity, Status};

use super::run_elb_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elb_ssl_listeners",
        title: "Classic Load Balancer listens only over SSL/TLS",
        service: "elb",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsElbLoadBalancer",
        categories: &["encryption"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices/Network Reachability", "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices", "Software and Configuration Checks/Industry and Regulatory Standards/PCI-DSS", "Effects/Data Exposure"],
        needs: &[kestrel_model::elb::DESCRIBE_LOAD_BALANCERS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_elb_check(scan, emit, CHECK.meta.id, |lb, _, _| {
        let plain = lb
            .listener_protocols
            .iter()
            .any(|p| p != "HTTPS" && p != "SSL");
        Some(if plain {
            (
                Status::Fail,
                format!("ELB {} has non-encrypted listeners.", lb.name),
            )
        } else {
            (
                Status::Pass,
                format!("ELB {} has HTTPS listeners only.", lb.name),
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

    fn listeners(p: &[&str]) -> Vec<Finding> {
        run(
            &CHECK,
            &snap(|lb| lb.listener_protocols = p.iter().map(|s| s.to_string()).collect()),
        )
    }

    #[test]
    fn pass_with_tls_listeners_only() {
        assert_eq!(statuses(&listeners(&["HTTPS", "SSL"])), [Status::Pass]);
        assert_eq!(statuses(&listeners(&[])), [Status::Pass]);
    }

    #[test]
    fn fail_with_any_plain_listener() {
        assert_eq!(statuses(&listeners(&["HTTPS", "HTTP"])), [Status::Fail]);
        assert_eq!(statuses(&listeners(&["TCP"])), [Status::Fail]);
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
