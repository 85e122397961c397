//! # ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_sql_server_1433_1434
//!
//! ## Description
//!
//! Checks that security groups do not let the whole internet (0.0.0.0/0 or ::/0) reach
//! Microsoft SQL Server on TCP 1433 or 1434.
//!
//! Groups not attached to any network interface are reported only when unused services
//! are scanned, as in Prowler. A group that the all-ports check fails in the same scan
//! is not failed again here (PASS, saying it was not checked for these ports). The
//! engine is `crate::ec2::run_sg_port_check`, shared by every security-group port
//! check.
//!
//! ## Risk
//!
//! SQL Server open to the internet draws constant brute force against its logins and
//! exploits of the engine and the browser service.
//!
//! ## Remediation
//!
//! Keep SQL Server private and reachable only from application sources, a bastion or a
//! VPN.
//!
//! `aws ec2 revoke-security-group-ingress --group-id <sg> --security-group-rule-ids
//! <rule-id>` for each rule that opens TCP 1433 or 1434 to 0.0.0.0/0 or ::/0, then `aws
//! ec2 authorize-security-group-ingress` with the trusted source group or range.
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
        id: "ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_sql_server_1433_1434",
        title: "Security group does not open Microsoft SQL Server (TCP 1433 or 1434) to the internet",
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
            "Effects/Data Exposure",
        ],
        needs: SG_PORT_NEEDS,
    },
    run,
};

const PORTS: &[i32] = &[1433, 1434];

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_sg_port_check(
        scan,
        emit,
        CHECK.meta.id,
        PORTS,
        "Microsoft SQL Server ports 1433 and 1434",
    );
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
                "Security group web (sg-1) has Microsoft SQL Server ports 1433 and 1434 open to the Internet."
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
                "Security group web (sg-1) does not have Microsoft SQL Server ports 1433 and 1434 open to the Internet."
            );
        }
    }
}
