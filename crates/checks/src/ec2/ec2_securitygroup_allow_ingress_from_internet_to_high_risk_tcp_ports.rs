//! # ec2_securitygroup_allow_ingress_from_internet_to_high_risk_tcp_ports
//!
//! ## Description
//!
//! Checks that security groups do not let the whole internet (0.0.0.0/0 or ::/0) reach
//! any TCP port of the high-risk list: by default 25 (SMTP), 110 (POP3), 135 (RPC), 143
//! (IMAP), 445 (SMB), 3000, 4333, 5000, 5500, 8080 and 8088 (development servers and
//! admin consoles).
//!
//! AWS FSBP EC2.19. The list is the setting `ec2_high_risk_ports`, with Prowler's name and
//! default. The FAIL names every listed port a rule opens, in rule order. Groups
//! not attached to any network interface are reported only when unused services are
//! scanned, and a group that the all-ports check fails in the same scan is not failed
//! again here (PASS, saying it was not checked), as in Prowler.
//!
//! ## Risk
//!
//! These ports carry services that were never meant to face the internet (mail relays,
//! Windows RPC and file sharing, development servers, consoles): each is a well-known
//! entry point for exploits, relaying and data theft.
//!
//! ## Remediation
//!
//! Close the listed ports to 0.0.0.0/0 and ::/0 and allow only the security groups or
//! address ranges that need them; put web consoles behind a load balancer or VPN.
//!
//! `aws ec2 revoke-security-group-ingress --group-id <sg> --security-group-rule-ids
//! <rule-id>` for each rule the finding names.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-19
//! - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html

use kestrel_model::{Finding, Severity, Status};

use crate::ec2::{all_ports_check_fails, groups_in_scope, SG_PORT_NEEDS};
use crate::util::net::permission_open_to_internet;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2_securitygroup_allow_ingress_from_internet_to_high_risk_tcp_ports",
        title: "Security group does not open high-risk TCP ports to the internet",
        service: "ec2",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsEc2SecurityGroup",
        categories: &["internet-exposed"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Network Reachability",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
            "TTPs/Initial Access/Unauthorized Access",
        ],
        needs: SG_PORT_NEEDS,
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let ports = &scan.settings.ec2_high_risk_ports;
    for (region, r) in scan.regions() {
        let Some(groups) = groups_in_scope(scan, r, id, region, emit) else {
            continue;
        };
        for sg in groups {
            let label = format!("Security group {} ({})", sg.name, sg.id);
            let (status, text) = if all_ports_check_fails(scan, sg) {
                (
                    Status::Pass,
                    format!("{label} has all ports open to the Internet and therefore was not checked against high-risk ports."),
                )
            } else {
                let mut open: Vec<i32> = Vec::new();
                for rule in &sg.ingress {
                    for port in ports {
                        if permission_open_to_internet(rule, "tcp", Some(*port))
                            && !open.contains(port)
                        {
                            open.push(*port);
                        }
                    }
                }
                if open.is_empty() {
                    (
                        Status::Pass,
                        format!("{label} does not have any high-risk port open to the Internet."),
                    )
                } else {
                    let list: Vec<String> = open.iter().map(i32::to_string).collect();
                    (
                        Status::Fail,
                        format!(
                            "{label} has the following high-risk ports open to the Internet: {}.",
                            list.join(", ")
                        ),
                    )
                }
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
    use crate::ec2::tests::sg_port_snap;
    use crate::testkit::{region, run, run_with, statuses};
    use crate::Settings;
    use kestrel_model::{ec2::IpPermission, Fetched};

    #[test]
    fn fail_names_every_open_high_risk_port_once() {
        let mut s = sg_port_snap("tcp", 3000, 5000, "0.0.0.0/0");
        if let Fetched::Ok(g) = &mut region(&mut s).ec2.security_groups {
            g[0].ingress.push(IpPermission {
                protocol: "tcp".into(),
                from_port: Some(25),
                to_port: Some(25),
                ipv6_ranges: vec!["::/0".into()],
                ..Default::default()
            });
            let again = g[0].ingress[0].clone();
            g[0].ingress.push(again);
        }
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "Security group web (sg-1) has the following high-risk ports open to the Internet: 3000, 4333, 5000, 25."
        );
    }

    #[test]
    fn pass_for_safe_ports_private_sources_and_udp() {
        for (proto, port, cidr) in [
            ("tcp", 443, "0.0.0.0/0"),
            ("tcp", 445, "10.0.0.0/8"),
            ("udp", 445, "0.0.0.0/0"),
        ] {
            let f = run(&CHECK, &sg_port_snap(proto, port, port, cidr));
            assert_eq!(statuses(&f), [Status::Pass], "{proto} {port} {cidr}");
            assert_eq!(
                f[0].status_extended,
                "Security group web (sg-1) does not have any high-risk port open to the Internet."
            );
        }
    }

    #[test]
    fn the_list_is_a_setting() {
        let settings = Settings {
            ec2_high_risk_ports: vec![443],
            ..Default::default()
        };
        let s = sg_port_snap("tcp", 443, 443, "0.0.0.0/0");
        assert_eq!(statuses(&run_with(&CHECK, &s, &settings)), [Status::Fail]);
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Pass]);
    }

    #[test]
    fn a_group_open_on_all_ports_is_counted_by_the_all_ports_check() {
        let f = run(&CHECK, &sg_port_snap("-1", 0, 0, "0.0.0.0/0"));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert!(f[0]
            .status_extended
            .contains("was not checked against high-risk ports"));
    }
}
