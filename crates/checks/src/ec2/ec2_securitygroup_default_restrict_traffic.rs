//! # ec2_securitygroup_default_restrict_traffic
//!
//! ## Description
//!
//! Checks that the default security group of every VPC has no inbound and no outbound
//! rules, so it restricts all traffic.
//!
//! CIS 6.5. Default groups not attached to any network interface are reported only when
//! unused services are scanned, as in Prowler.
//!
//! ## Risk
//!
//! Resources placed in a permissive default group are exposed to other members of the group
//! or the internet, and can send traffic out, without an explicit decision.
//!
//! Resources launched without an explicit security group are placed in the default one, so
//! its rules apply to them without anyone choosing it.
//!
//! ## Remediation
//!
//! Remove all inbound and outbound rules from each VPC's default security group and assign
//! resources to least-privilege custom groups.
//!
//! `aws ec2 revoke-security-group-ingress` and `aws ec2 revoke-security-group-egress` with
//! `--group-id <default-sg> --security-group-rule-ids <rule-id>` for each rule. The default
//! group cannot be deleted, only emptied.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/vpc/latest/userguide/default-security-group.html
//! - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html

use kestrel_model::{Finding, Severity, Status};

use crate::ec2::groups_in_scope;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2_securitygroup_default_restrict_traffic",
        title: "VPC default security group has no inbound or outbound rules",
        service: "ec2",
        subservice: "securitygroup",
        severity: Severity::High,
        resource_type: "AwsEc2SecurityGroup",
        categories: &["trust-boundaries", "internet-exposed"],
        check_type: &["Infrastructure Security"],
        needs: &[
            kestrel_model::ec2::DESCRIBE_SECURITY_GROUPS,
            kestrel_model::ec2::DESCRIBE_NETWORK_INTERFACES,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(groups) = groups_in_scope(scan, r, id, region, emit) else {
            continue;
        };
        for sg in groups.into_iter().filter(|sg| sg.name == "default") {
            let (status, text) = if sg.ingress.is_empty() && sg.egress.is_empty() {
                (
                    Status::Pass,
                    format!(
                        "Default Security Group ({}) rules do not allow traffic.",
                        sg.id
                    ),
                )
            } else {
                (
                    Status::Fail,
                    format!("Default Security Group ({}) rules allow traffic.", sg.id),
                )
            };
            emit(
                Finding::new(id, status, region, &sg.id, &sg.arn, text)
                    .with_tags(&sg.tags)
                    .with_details(&sg.name),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ec2::IpPermission, ec2::NetworkInterface, ec2::SecurityGroup, Fetched};

    fn group(id: &str, name: &str, egress: bool) -> SecurityGroup {
        SecurityGroup {
            id: id.into(),
            name: name.into(),
            egress: if egress {
                vec![IpPermission {
                    protocol: "-1".into(),
                    ipv4_ranges: vec!["0.0.0.0/0".into()],
                    ..Default::default()
                }]
            } else {
                vec![]
            },
            ..Default::default()
        }
    }

    fn check(groups: Vec<SecurityGroup>) -> Vec<Finding> {
        let mut s = snapshot();
        let enis = groups
            .iter()
            .map(|g| NetworkInterface {
                id: format!("eni-{}", g.id),
                security_group_ids: vec![g.id.clone()],
                ..Default::default()
            })
            .collect();
        region(&mut s).ec2.security_groups = Fetched::Ok(groups);
        region(&mut s).ec2.network_interfaces = Fetched::Ok(enis);
        run(&CHECK, &s)
    }

    #[test]
    fn fail_when_default_group_has_rules() {
        let f = check(vec![group("sg-1", "default", true)]);
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].resource_id, "sg-1");
    }

    #[test]
    fn pass_when_empty_and_other_groups_ignored() {
        let f = check(vec![
            group("sg-1", "default", false),
            group("sg-2", "web", true),
        ]);
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(f[0].resource_id, "sg-1");
    }
}
