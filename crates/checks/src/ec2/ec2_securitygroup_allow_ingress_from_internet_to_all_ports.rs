//! # ec2_securitygroup_allow_ingress_from_internet_to_all_ports
//!
//! ## Description
//!
//! Checks that security groups attached to network interfaces have no inbound rule opening
//! every port (all traffic, or a 0-65535 range) to 0.0.0.0/0 or ::/0.
//!
//! CIS 6.3 and 6.4. A 0-65535 port range counts whatever its protocol. Groups not attached
//! to any network interface are reported only when unused services are scanned, as in
//! Prowler.
//!
//! ## Risk
//!
//! All ports open to the internet expose every listening service of the attached resources
//! to scanning, brute force and exploitation.
//!
//! ## Remediation
//!
//! Remove the all-ports rules for 0.0.0.0/0 and ::/0 and allow only the required ports from
//! trusted sources.
//!
//! `aws ec2 revoke-security-group-ingress --group-id <sg>
//! --security-group-rule-ids <rule-id>` for each such rule, then `aws ec2
//! authorize-security-group-ingress` for the ports that are needed.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
//! - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-security-groups.html

use kestrel_model::{Finding, Severity, Status};

use crate::ec2::{groups_in_scope, opens_all_ports};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2_securitygroup_allow_ingress_from_internet_to_all_ports",
        title: "Security group does not have all ports open to the Internet",
        service: "ec2",
        subservice: "securitygroup",
        severity: Severity::Critical,
        resource_type: "AwsEc2SecurityGroup",
        categories: &["internet-exposed"],
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
        for sg in groups {
            let (status, text) = if sg.ingress.iter().any(opens_all_ports) {
                (
                    Status::Fail,
                    format!(
                        "Security group {} ({}) has all ports open to the Internet.",
                        sg.name, sg.id
                    ),
                )
            } else {
                (
                    Status::Pass,
                    format!(
                        "Security group {} ({}) does not have all ports open to the Internet.",
                        sg.name, sg.id
                    ),
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

    fn perm(protocol: &str, ports: Option<(i32, i32)>, v4: &str) -> IpPermission {
        IpPermission {
            protocol: protocol.into(),
            from_port: ports.map(|p| p.0),
            to_port: ports.map(|p| p.1),
            ipv4_ranges: vec![v4.into()],
            ..Default::default()
        }
    }

    fn check(rule: IpPermission) -> Vec<Status> {
        let mut s = snapshot();
        region(&mut s).ec2.security_groups = Fetched::Ok(vec![SecurityGroup {
            id: "sg-1".into(),
            name: "web".into(),
            ingress: vec![rule],
            ..Default::default()
        }]);
        region(&mut s).ec2.network_interfaces = Fetched::Ok(vec![NetworkInterface {
            id: "eni-1".into(),
            security_group_ids: vec!["sg-1".into()],
            ..Default::default()
        }]);
        statuses(&run(&CHECK, &s))
    }

    #[test]
    fn fail_on_all_traffic_or_full_range() {
        assert_eq!(check(perm("-1", None, "0.0.0.0/0")), [Status::Fail]);
        assert_eq!(
            check(perm("udp", Some((0, 65535)), "0.0.0.0/0")),
            [Status::Fail]
        );
    }

    #[test]
    fn pass_on_single_port_or_private_source() {
        assert_eq!(
            check(perm("tcp", Some((22, 22)), "0.0.0.0/0")),
            [Status::Pass]
        );
        assert_eq!(check(perm("-1", None, "10.0.0.0/8")), [Status::Pass]);
    }
}
