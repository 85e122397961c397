//! # ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389
//!
//! ## Description
//!
//! Checks that security groups attached to network interfaces do not allow inbound RDP
//! (TCP 3389) from 0.0.0.0/0 or ::/0.
//!
//! CIS 6.3 and 6.4. Groups not attached to any network interface are reported only when
//! unused services are scanned, as in Prowler. A group that the all-ports check fails in
//! the same scan is not failed again here (PASS, saying it was not checked for this port).
//!
//! ## Risk
//!
//! RDP reachable from anywhere exposes Windows hosts to brute-force attacks and remote code
//! execution exploits.
//!
//! ## Remediation
//!
//! Remove the 0.0.0.0/0 and ::/0 ingress rules for port 3389; allow only trusted ranges or
//! use SSM Session Manager / Fleet Manager.
//!
//! `aws ec2 revoke-security-group-ingress --group-id <sg>
//! --security-group-rule-ids <rule-id>`; a bastion host is another way in that keeps RDP
//! off the internet.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
//! - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-security-groups.html

use kestrel_model::{Finding, Severity};

use crate::ec2::run_sg_port_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_3389",
        title: "Security group does not allow ingress from the Internet to TCP port 3389 (RDP)",
        service: "ec2",
        subservice: "securitygroup",
        severity: Severity::High,
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
    run_sg_port_check(
        scan,
        emit,
        CHECK.meta.id,
        &[3389],
        "Microsoft RDP port 3389",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, run_with, snapshot, statuses};
    use crate::Settings;
    use kestrel_model::Status;
    use kestrel_model::{
        ec2::IpPermission, ec2::NetworkInterface, ec2::SecurityGroup, ApiError, Fetched, Snapshot,
    };

    fn snap(from: i32, to: i32, v6: &str, attached: bool) -> Snapshot {
        let mut s = snapshot();
        region(&mut s).ec2.security_groups = Fetched::Ok(vec![SecurityGroup {
            id: "sg-1".into(),
            name: "rdp".into(),
            ingress: vec![IpPermission {
                protocol: "tcp".into(),
                from_port: Some(from),
                to_port: Some(to),
                ipv6_ranges: vec![v6.into()],
                ..Default::default()
            }],
            ..Default::default()
        }]);
        region(&mut s).ec2.network_interfaces = Fetched::Ok(if attached {
            vec![NetworkInterface {
                id: "eni-1".into(),
                security_group_ids: vec!["sg-1".into()],
                ..Default::default()
            }]
        } else {
            vec![]
        });
        s
    }

    #[test]
    fn fail_when_rdp_open_to_world() {
        let f = run(&CHECK, &snap(3000, 4000, "::/0", true));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "Security group rdp (sg-1) has Microsoft RDP port 3389 open to the Internet."
        );
    }

    #[test]
    fn pass_when_restricted_or_other_port() {
        assert_eq!(
            statuses(&run(&CHECK, &snap(3389, 3389, "2001:db8::/32", true))),
            [Status::Pass]
        );
        assert_eq!(
            statuses(&run(&CHECK, &snap(22, 22, "::/0", true))),
            [Status::Pass]
        );
    }

    #[test]
    fn unused_groups_only_with_scan_unused_services() {
        assert!(run(&CHECK, &snap(3389, 3389, "::/0", false)).is_empty());
        let settings = Settings {
            scan_unused_services: true,
            ..Default::default()
        };
        assert_eq!(
            statuses(&run_with(
                &CHECK,
                &snap(3389, 3389, "::/0", false),
                &settings
            )),
            [Status::Fail]
        );
    }

    #[test]
    fn error_when_interfaces_denied() {
        let mut s = snap(3389, 3389, "::/0", true);
        region(&mut s).ec2.network_interfaces = Fetched::Error(ApiError::new(
            "ec2:DescribeNetworkInterfaces",
            "UnauthorizedOperation",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
