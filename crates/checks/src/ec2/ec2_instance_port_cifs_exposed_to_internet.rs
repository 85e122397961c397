//! # ec2_instance_port_cifs_exposed_to_internet
//!
//! ## Description
//!
//! Checks that no security group attached to an EC2 instance allows inbound TCP 139 or 445
//! (CIFS/SMB) from 0.0.0.0/0 or ::/0.
//!
//! CIS 6.1.2. One finding per instance, terminated ones aside. A FAIL is graded by how
//! reachable the instance is, as Prowler grades it: medium without a public IP, high with a
//! public IP in a private subnet, critical in a public subnet. The engine is
//! `crate::ec2::run_instance_port_check`, shared by every instance port check.
//!
//! ## Risk
//!
//! CIFS/SMB reachable from the internet exposes file shares to brute force, relay attacks
//! and wormable SMB exploits, leading to data theft or ransomware.
//!
//! ## Remediation
//!
//! Delete the security group rules that open TCP 139/445 to 0.0.0.0/0 or ::/0; allow only
//! trusted private ranges, or access shares through a VPN.
//!
//! `aws ec2 revoke-security-group-ingress --group-id <sg> --ip-permissions
//! IpProtocol=tcp,FromPort=445,ToPort=445,IpRanges=[{CidrIp=0.0.0.0/0}]`, and the same for
//! port 139 and for `Ipv6Ranges=[{CidrIpv6=::/0}]`.
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
        id: "ec2_instance_port_cifs_exposed_to_internet",
        title: "EC2 instance does not allow Internet ingress to TCP ports 139 or 445 (CIFS)",
        service: "ec2",
        subservice: "instance",
        severity: Severity::Critical,
        resource_type: "AwsEc2Instance",
        categories: &["internet-exposed"],
        check_type: &["Infrastructure Security"],
        needs: INSTANCE_PORT_NEEDS,
    },
    run,
};

const PORTS: &[i32] = &[139, 445];

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_instance_port_check(scan, emit, CHECK.meta.id, PORTS, "CIFS", "CIFS ports");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ec2::tests::instance_port_snap;
    use crate::testkit::{region, run, statuses};
    use kestrel_model::{ApiError, Fetched, Status};

    #[test]
    fn pass_when_cifs_closed() {
        assert_eq!(
            statuses(&run(&CHECK, &instance_port_snap(443, "::/0", None))),
            [Status::Pass]
        );
        assert_eq!(
            statuses(&run(
                &CHECK,
                &instance_port_snap(445, "2001:db8::/32", None)
            )),
            [Status::Pass]
        );
    }

    #[test]
    fn fail_on_either_port() {
        for port in PORTS {
            let f = run(&CHECK, &instance_port_snap(*port, "::/0", None));
            assert_eq!(statuses(&f), [Status::Fail]);
            assert_eq!(
                f[0].status_extended,
                "Instance i-1 has CIFS exposed to 0.0.0.0/0 but with no public IP address."
            );
        }
    }

    #[test]
    fn error_when_security_groups_denied() {
        let mut s = instance_port_snap(445, "::/0", None);
        region(&mut s).ec2.security_groups = Fetched::Error(ApiError::new(
            "ec2:DescribeSecurityGroups",
            "UnauthorizedOperation",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
