//! # ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_ftp_20_21
//!
//! ## Description
//!
//! Checks that security groups do not let the whole internet (0.0.0.0/0 or ::/0) reach
//! FTP on TCP 20 or 21.
//!
//! Groups not attached to any network interface are reported only when unused services
//! are scanned, as in Prowler. A group that the all-ports check fails in the same scan
//! is not failed again here (PASS, saying it was not checked for these ports). The
//! engine is `crate::ec2::run_sg_port_check`, shared by every security-group port
//! check.
//!
//! ## Risk
//!
//! FTP transmits credentials and files in clear text; reachable from the internet it
//! invites credential theft, brute force and exfiltration.
//!
//! ## Remediation
//!
//! Replace FTP with SFTP or S3 transfer, and close TCP 20 and 21 to 0.0.0.0/0 and ::/0.
//!
//! `aws ec2 revoke-security-group-ingress --group-id <sg> --security-group-rule-ids
//! <rule-id>` for each rule that opens TCP 20 or 21 to 0.0.0.0/0 or ::/0, then `aws ec2
//! authorize-security-group-ingress` with the trusted source group or range.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html
//! - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html

use kestrel_model::{Finding, Severity};

use crate::ec2::{run_sg_port_check, SG_PORT_NEEDS};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_ftp_20_21",
        title: "Security group does not open FTP (TCP 20 or 21) to the internet",
        service: "ec2",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsEc2SecurityGroup",
        categories: &["internet-exposed"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Network Reachability",
            "TTPs/Initial Access",
        ],
        needs: SG_PORT_NEEDS,
    },
    run,
};

const PORTS: &[i32] = &[20, 21];

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_sg_port_check(scan, emit, CHECK.meta.id, PORTS, "FTP ports 20 and 21");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ec2::tests::sg_port_snap;
    use crate::testkit::{run, statuses};
    use kestrel_model::Status;

    #[test]
    fn fail_for_every_listed_port_open_to_the_internet() {
        for port in PORTS {
            let f = run(&CHECK, &sg_port_snap("tcp", *port, *port, "0.0.0.0/0"));
            assert_eq!(statuses(&f), [Status::Fail], "port {port}");
            assert_eq!(
                f[0].status_extended,
                "Security group web (sg-1) has FTP ports 20 and 21 open to the Internet."
            );
        }
    }

    #[test]
    fn pass_for_other_ports_udp_and_private_sources() {
        for (proto, port, cidr) in [
            ("tcp", 443, "::/0"),
            ("udp", PORTS[0], "0.0.0.0/0"),
            ("tcp", PORTS[0], "10.0.0.0/8"),
        ] {
            let f = run(&CHECK, &sg_port_snap(proto, port, port, cidr));
            assert_eq!(statuses(&f), [Status::Pass], "{proto} {port} from {cidr}");
            assert_eq!(
                f[0].status_extended,
                "Security group web (sg-1) does not have FTP ports 20 and 21 open to the Internet."
            );
        }
    }
}
