//! # autoscaling_group_multiple_az
//!
//! ## Description
//!
//! Checks that every EC2 Auto Scaling group spans more than one Availability Zone.
//!
//! AWS Security Hub control AutoScaling.2. Zones are counted once each (moto lists a zone
//! once per subnet; AWS lists each once, so on AWS this is Prowler's count).
//!
//! ## Risk
//!
//! A group in one zone loses all its instances when that zone fails, and cannot replace
//! them until the zone recovers.
//!
//! ## Remediation
//!
//! Add subnets (VPC zone identifiers) from at least one more Availability Zone to the group.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/autoscaling/ec2/userguide/as-add-az-console.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/autoscaling-controls.html#autoscaling-2

use std::collections::BTreeSet;

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "autoscaling_group_multiple_az",
        title: "Auto Scaling group spans several Availability Zones",
        service: "autoscaling",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsAutoScalingAutoScalingGroup",
        categories: &["resilience"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Effects/Denial of Service",
        ],
        needs: &[kestrel_model::autoscaling::DESCRIBE_AUTO_SCALING_GROUPS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(groups) = collected(
            &r.autoscaling.groups,
            id,
            region,
            scan.account_id(),
            "",
            emit,
        ) else {
            continue;
        };
        for g in groups {
            let zones: BTreeSet<&str> = g.availability_zones.iter().map(String::as_str).collect();
            let (status, text) = if zones.len() > 1 {
                (
                    Status::Pass,
                    format!(
                        "Autoscaling group {} has multiple availability zones.",
                        g.name
                    ),
                )
            } else {
                (
                    Status::Fail,
                    format!(
                        "Autoscaling group {} has only one availability zone.",
                        g.name
                    ),
                )
            };
            emit(Finding::new(id, status, region, &g.name, &g.arn, text).with_tags(&g.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{autoscaling::Group, ApiError, Fetched};

    #[test]
    fn pass_with_two_zones_fail_with_one() {
        let mut s = snapshot();
        let g = |name: &str, zones: &[&str]| Group {
            name: name.into(),
            availability_zones: zones.iter().map(|z| z.to_string()).collect(),
            ..Default::default()
        };
        region(&mut s).autoscaling.groups = Fetched::Ok(vec![
            g("wide", &["us-east-1a", "us-east-1b"]),
            g("narrow", &["us-east-1a"]),
            g("repeated", &["us-east-1a", "us-east-1a"]),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail, Status::Fail]);
        assert_eq!(f[1].resource_id, "narrow");
    }

    #[test]
    fn error_when_unreadable() {
        let mut s = snapshot();
        region(&mut s).autoscaling.groups = Fetched::Error(ApiError::new(
            "autoscaling:DescribeAutoScalingGroups",
            "AccessDenied",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
