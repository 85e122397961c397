//! # ec2_instance_port_cifs_exposed_to_internet
//!
//! ## Description
//!
//! Checks that no security group attached to an EC2 instance allows inbound TCP 139 or 445
//! (CIFS/SMB) from 0.0.0.0/0 or ::/0.
//!
//! CIS 6.1.2. Terminated instances are ignored. A FAIL tells how reachable the instance is:
//! no public IP, a public IP in a private subnet, or a public IP in a public subnet;
//! Prowler raises the severity along those lines.
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

use kestrel_model::{ec2::Instance, Finding, Severity, Status};

use crate::ec2::{instance_in_scope, subnet_is_public};
use crate::util::collected;
use crate::util::net::permission_open_to_internet;
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
        needs: &[
            kestrel_model::ec2::DESCRIBE_INSTANCES,
            kestrel_model::ec2::DESCRIBE_SECURITY_GROUPS,
            kestrel_model::ec2::DESCRIBE_ROUTE_TABLES,
        ],
    },
    run,
};

const CIFS_PORTS: [i32; 2] = [139, 445];

/// Prowler's `get_instance_public_status` wording.
fn exposure(i: &Instance, public_subnet: bool) -> String {
    match i.public_ip.as_deref() {
        None | Some("") => format!(
            "Instance {} has CIFS exposed to 0.0.0.0/0 but with no public ip address.",
            i.id
        ),
        Some(ip) => {
            let subnet = i.subnet_id.as_deref().unwrap_or_default();
            if public_subnet {
                format!(
                    "Instance {} has CIFS exposed to 0.0.0.0/0 on public ip address {ip} in public subnet {subnet}.",
                    i.id
                )
            } else {
                format!(
                    "Instance {} has CIFS exposed to 0.0.0.0/0 on public ip address {ip} but in private subnet {subnet}.",
                    i.id
                )
            }
        }
    }
}

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let account = scan.account_id();
    for (region, r) in scan.regions() {
        let Some(instances) = collected(&r.ec2.instances, id, region, account, "", emit) else {
            continue;
        };
        let instances: Vec<&Instance> = instances.iter().filter(|i| instance_in_scope(i)).collect();
        if instances.is_empty() {
            continue;
        }
        let Some(groups) = collected(&r.ec2.security_groups, id, region, account, "", emit) else {
            continue;
        };
        let Some(route_tables) = collected(&r.ec2.route_tables, id, region, account, "", emit)
        else {
            continue;
        };
        for i in instances {
            let open = groups
                .iter()
                .filter(|sg| i.security_group_ids.contains(&sg.id))
                .flat_map(|sg| &sg.ingress)
                .any(|p| {
                    CIFS_PORTS
                        .iter()
                        .any(|port| permission_open_to_internet(p, "tcp", Some(*port)))
                });
            let (status, text) = if open {
                let public_subnet = i
                    .subnet_id
                    .as_deref()
                    .is_some_and(|s| subnet_is_public(route_tables, s, i.vpc_id.as_deref()));
                (Status::Fail, exposure(i, public_subnet))
            } else {
                (
                    Status::Pass,
                    format!(
                        "Instance {} does not have CIFS ports open to the Internet.",
                        i.id
                    ),
                )
            };
            emit(Finding::new(id, status, region, &i.id, &i.arn, text).with_tags(&i.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ec2::tests::route_table;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ec2::IpPermission, ec2::SecurityGroup, ApiError, Fetched, Snapshot};

    fn snap(port: i32, cidr: &str, public_ip: Option<&str>, public_subnet: bool) -> Snapshot {
        let mut s = snapshot();
        let r = region(&mut s);
        r.ec2.instances = Fetched::Ok(vec![Instance {
            id: "i-1".into(),
            state: "running".into(),
            public_ip: public_ip.map(String::from),
            subnet_id: Some("subnet-1".into()),
            vpc_id: Some("vpc-1".into()),
            security_group_ids: vec!["sg-1".into()],
            ..Default::default()
        }]);
        r.ec2.security_groups = Fetched::Ok(vec![SecurityGroup {
            id: "sg-1".into(),
            name: "files".into(),
            ingress: vec![IpPermission {
                protocol: "tcp".into(),
                from_port: Some(port),
                to_port: Some(port),
                ipv6_ranges: vec![cidr.into()],
                ..Default::default()
            }],
            ..Default::default()
        }]);
        r.ec2.route_tables = Fetched::Ok(vec![route_table(
            "rtb-1",
            "vpc-1",
            true,
            &[],
            public_subnet,
        )]);
        s
    }

    #[test]
    fn pass_when_cifs_closed() {
        assert_eq!(
            statuses(&run(&CHECK, &snap(443, "::/0", None, false))),
            [Status::Pass]
        );
        assert_eq!(
            statuses(&run(&CHECK, &snap(445, "2001:db8::/32", None, false))),
            [Status::Pass]
        );
    }

    #[test]
    fn fail_reports_how_reachable_the_instance_is() {
        let f = run(&CHECK, &snap(445, "::/0", None, false));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert!(f[0].status_extended.contains("no public ip address"));
        let f = run(&CHECK, &snap(139, "::/0", Some("203.0.113.9"), false));
        assert!(f[0]
            .status_extended
            .contains("but in private subnet subnet-1"));
        let f = run(&CHECK, &snap(139, "::/0", Some("203.0.113.9"), true));
        assert!(f[0].status_extended.contains("in public subnet subnet-1"));
    }

    #[test]
    fn error_when_security_groups_denied() {
        let mut s = snap(445, "::/0", None, false);
        region(&mut s).ec2.security_groups = Fetched::Error(ApiError::new(
            "ec2:DescribeSecurityGroups",
            "UnauthorizedOperation",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
