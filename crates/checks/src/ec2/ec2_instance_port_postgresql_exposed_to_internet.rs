//! # ec2_instance_port_postgresql_exposed_to_internet
//!
//! ## Description
//!
//! Checks that no security group attached to an EC2 instance lets the whole internet
//! (0.0.0.0/0 or ::/0) reach PostgreSQL on TCP 5432.
//!
//! One finding per instance, terminated ones aside. A FAIL is graded by how reachable
//! the instance is, as Prowler grades it: medium without a public IP, high with a
//! public IP in a private subnet, critical in a public subnet. The engine is
//! `crate::ec2::run_instance_port_check`, shared by every instance port check.
//!
//! ## Risk
//!
//! A PostgreSQL server reachable from anywhere is exposed to password guessing and
//! server exploits that give access to its data or the host.
//!
//! ## Remediation
//!
//! Keep the database on private subnets and allow only application security groups, a
//! bastion or a VPN.
//!
//! `aws ec2 revoke-security-group-ingress --group-id <sg> --ip-permissions
//! IpProtocol=tcp,FromPort=<port>,ToPort=<port>,IpRanges=[{CidrIp=0.0.0.0/0}]` for each
//! port of TCP 5432 that a rule opens, and the same with
//! `Ipv6Ranges=[{CidrIpv6=::/0}]`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html
//! - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ec2-security-groups.html

use kestrel_model::{Finding, Severity};

use crate::ec2::{run_instance_port_check, INSTANCE_PORT_NEEDS};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2_instance_port_postgresql_exposed_to_internet",
        title: "EC2 instance does not expose PostgreSQL (TCP 5432) to the internet",
        service: "ec2",
        subservice: "",
        severity: Severity::Critical,
        resource_type: "AwsEc2Instance",
        categories: &["internet-exposed"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Network Reachability",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
            "TTPs/Initial Access",
            "Effects/Data Exposure",
        ],
        needs: INSTANCE_PORT_NEEDS,
    },
    run,
};

const PORTS: &[i32] = &[5432];

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_instance_port_check(
        scan,
        emit,
        CHECK.meta.id,
        PORTS,
        "PostgreSQL",
        "PostgreSQL port 5432",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ec2::tests::instance_port_snap;
    use crate::testkit::{run, statuses};
    use kestrel_model::Status;

    #[test]
    fn fail_for_every_listed_port_open_to_the_internet() {
        for port in PORTS {
            let f = run(&CHECK, &instance_port_snap(*port, "0.0.0.0/0", None));
            assert_eq!(statuses(&f), [Status::Fail], "port {port}");
            assert_eq!(
                f[0].status_extended,
                "Instance i-1 has PostgreSQL exposed to 0.0.0.0/0 but with no public IP address."
            );
        }
    }

    #[test]
    fn pass_for_other_ports_and_private_sources() {
        for (port, cidr) in [(443, "0.0.0.0/0"), (PORTS[0], "10.0.0.0/8")] {
            let f = run(&CHECK, &instance_port_snap(port, cidr, None));
            assert_eq!(statuses(&f), [Status::Pass], "{port} from {cidr}");
            assert_eq!(
                f[0].status_extended,
                "Instance i-1 does not have PostgreSQL port 5432 open to the Internet."
            );
        }
    }
}
