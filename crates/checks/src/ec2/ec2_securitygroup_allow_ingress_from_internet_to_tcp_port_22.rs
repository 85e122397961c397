//! # ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22
//!
//! ## Description
//!
//! Checks that security groups do not allow inbound SSH (TCP 22) from the whole internet.
//!
//! CIS 6.3. The whole internet means 0.0.0.0/0 or ::/0. Groups not attached to any network
//! interface are reported only when unused services are scanned, as in Prowler. A group that the all-ports check fails in
//! the same scan is not failed again here (PASS, saying it was not checked for this port).
//!
//! ## Risk
//!
//! SSH reachable from anywhere exposes instances to brute-force attacks and exploits.
//!
//! ## Remediation
//!
//! Remove the 0.0.0.0/0 and ::/0 ingress rules for port 22; allow only trusted ranges or
//! use SSM Session Manager.
//!
//! `aws ec2 revoke-security-group-ingress --group-id <sg>
//! --security-group-rule-ids <rule-id>`; Session Manager (`aws ssm start-session
//! --target <instance-id>`) needs no inbound port at all.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html
//! - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-security-groups.html

use kestrel_model::{Finding, Severity};

use crate::ec2::run_sg_port_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22",
        title: "Security group does not allow ingress from 0.0.0.0/0 or ::/0 to SSH port 22",
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
    run_sg_port_check(scan, emit, CHECK.meta.id, &[22], "SSH port 22");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, run_with, snapshot, statuses};
    use crate::Settings;
    use kestrel_model::Status;
    use kestrel_model::{ec2::IpPermission, ec2::NetworkInterface, ec2::SecurityGroup, Fetched};

    fn snap(cidr: &str, attached: bool) -> kestrel_model::Snapshot {
        let mut s = snapshot();
        let sg = SecurityGroup {
            id: "sg-1".into(),
            name: "web".into(),
            ingress: vec![IpPermission {
                protocol: "tcp".into(),
                from_port: Some(22),
                to_port: Some(22),
                ipv4_ranges: vec![cidr.into()],
                ..Default::default()
            }],
            ..Default::default()
        };
        let enis = if attached {
            vec![NetworkInterface {
                id: "eni-1".into(),
                security_group_ids: vec!["sg-1".into()],
                ..Default::default()
            }]
        } else {
            vec![]
        };
        region(&mut s).ec2.security_groups = Fetched::Ok(vec![sg]);
        region(&mut s).ec2.network_interfaces = Fetched::Ok(enis);
        s
    }

    #[test]
    fn fail_when_ssh_open_to_world() {
        assert_eq!(
            statuses(&run(&CHECK, &snap("0.0.0.0/0", true))),
            [Status::Fail]
        );
    }

    #[test]
    fn pass_when_restricted() {
        assert_eq!(
            statuses(&run(&CHECK, &snap("10.0.0.0/8", true))),
            [Status::Pass]
        );
    }

    #[test]
    fn unused_groups_only_with_scan_unused_services() {
        assert!(run(&CHECK, &snap("0.0.0.0/0", false)).is_empty());
        let settings = Settings {
            scan_unused_services: true,
            ..Default::default()
        };
        assert_eq!(
            statuses(&run_with(&CHECK, &snap("0.0.0.0/0", false), &settings)),
            [Status::Fail]
        );
    }

    fn wide_open(attached: bool) -> kestrel_model::Snapshot {
        let mut s = snap("0.0.0.0/0", attached);
        if let Fetched::Ok(groups) = &mut region(&mut s).ec2.security_groups {
            groups[0].ingress[0].protocol = "-1".into();
        }
        s
    }

    fn run_selected(s: &kestrel_model::Snapshot, selected: &[&'static Check]) -> Vec<Finding> {
        let settings = Settings::default();
        let scan = Scan::new(s, &settings, 0).with_selection(selected);
        let mut out = Vec::new();
        (CHECK.run)(&scan, &mut |f| out.push(f));
        out
    }

    #[test]
    fn a_group_failed_by_the_all_ports_check_is_not_failed_again() {
        use crate::ec2::ec2_securitygroup_allow_ingress_from_internet_to_all_ports as all_ports;
        let s = wide_open(true);
        let both = run_selected(&s, &[&all_ports::CHECK, &CHECK]);
        assert_eq!(statuses(&both), [Status::Pass]);
        assert_eq!(
            both[0].status_extended,
            "Security group web (sg-1) has all ports open to the Internet and therefore was not checked against the specific SSH port 22."
        );
        // Run without the all-ports check, the same group fails here.
        let alone = run_selected(&s, &[&CHECK]);
        assert_eq!(statuses(&alone), [Status::Fail]);
        assert_eq!(
            alone[0].status_extended,
            "Security group web (sg-1) has SSH port 22 open to the Internet."
        );
        // A 0-65535 TCP rule is "all ports" too.
        let mut s = snap("0.0.0.0/0", true);
        if let Fetched::Ok(groups) = &mut region(&mut s).ec2.security_groups {
            groups[0].ingress[0].from_port = Some(0);
            groups[0].ingress[0].to_port = Some(65535);
        }
        assert_eq!(
            statuses(&run_selected(&s, &[&all_ports::CHECK, &CHECK])),
            [Status::Pass]
        );
        assert_eq!(statuses(&run_selected(&s, &[&CHECK])), [Status::Fail]);
    }
}
