//! # elbv2_is_in_multiple_az
//!
//! ## Description
//!
//! Checks that Elastic Load Balancing v2 load balancers are enabled in at least two
//! availability zones.
//!
//! AWS FSBP ELB.13. The minimum is the setting `elbv2_min_azs`, with Prowler's name and
//! default (2). Every load balancer of each scanned region is reported, as in Prowler.
//!
//! ## Risk
//!
//! A load balancer in one zone goes down with that zone: every service behind it becomes
//! unreachable during a zonal outage, however many targets it has elsewhere.
//!
//! ## Remediation
//!
//! Enable a subnet in at least one more availability zone, with targets registered there.
//!
//! `aws elbv2 set-subnets --load-balancer-arn <arn> --subnets <subnet-a> <subnet-b>`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/elb-controls.html#elb-13
//! - https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/how-elastic-load-balancing-works.html#availability-zones

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "elbv2_is_in_multiple_az",
        title: "Load balancer spans several availability zones",
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
        needs: &[kestrel_model::elbv2::DESCRIBE_LOAD_BALANCERS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let min = scan.settings.elbv2_min_azs;
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
            let zones = lb.availability_zones.join(", ");
            let (status, text) = if lb.availability_zones.len() >= min {
                (
                    Status::Pass,
                    format!("ELBv2 {} is at least in {min} AZs: {zones}.", lb.name),
                )
            } else {
                (
                    Status::Fail,
                    format!(
                        "ELBv2 {} is not in at least {min} AZs. Is only in {zones}.",
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
    use kestrel_model::{elbv2::LoadBalancer, Fetched, Snapshot};

    fn snap(zones: &[&str]) -> Snapshot {
        let mut s = snapshot();
        region(&mut s).elbv2.load_balancers = Fetched::Ok(vec![LoadBalancer {
            name: "lb".into(),
            availability_zones: zones.iter().map(|z| z.to_string()).collect(),
            ..Default::default()
        }]);
        s
    }

    #[test]
    fn fail_in_one_zone_pass_in_two() {
        let f = run(&CHECK, &snap(&["us-east-1a"]));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "ELBv2 lb is not in at least 2 AZs. Is only in us-east-1a."
        );
        let f = run(&CHECK, &snap(&["us-east-1a", "us-east-1b"]));
        assert_eq!(
            f[0].status_extended,
            "ELBv2 lb is at least in 2 AZs: us-east-1a, us-east-1b."
        );
    }
}
