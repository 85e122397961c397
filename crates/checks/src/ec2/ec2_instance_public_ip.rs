//! # ec2_instance_public_ip
//!
//! ## Description
//!
//! Checks that EC2 instances do not have a public IPv4 address.
//!
//! AWS FSBP EC2.9. One finding per instance, terminated ones aside, as in Prowler. An
//! Elastic IP associated with the instance counts as its public address.
//!
//! ## Risk
//!
//! A public address makes the instance directly reachable from the internet: any
//! permissive security group rule, or a service listening on the wrong interface, is then
//! exposed to the whole world, and the address is found by scanners within minutes.
//!
//! ## Remediation
//!
//! Launch instances in private subnets without public addresses, and reach them through a
//! load balancer, NAT gateway, VPN or SSM Session Manager.
//!
//! `aws ec2 modify-subnet-attribute --subnet-id <subnet> --no-map-public-ip-on-launch`
//! stops new instances from getting one; an existing instance keeps its address until it
//! is relaunched without it, or until its Elastic IP is disassociated (`aws ec2
//! disassociate-address --association-id <id>`).
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-9
//! - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html

use kestrel_model::{Finding, Severity, Status};

use crate::ec2::instance_in_scope;
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2_instance_public_ip",
        title: "EC2 instance has no public IP address",
        service: "ec2",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsEc2Instance",
        categories: &["internet-exposed"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Network Reachability",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "TTPs/Initial Access",
        ],
        needs: &[kestrel_model::ec2::DESCRIBE_INSTANCES],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(instances) = collected(&r.ec2.instances, id, region, scan.account_id(), "", emit)
        else {
            continue;
        };
        for i in instances.iter().filter(|i| instance_in_scope(i)) {
            let (status, text) = match i.public_ip.as_deref().filter(|ip| !ip.is_empty()) {
                Some(ip) => (
                    Status::Fail,
                    format!(
                        "EC2 Instance {} has a Public IP: {ip} ({}).",
                        i.id,
                        i.public_dns.as_deref().unwrap_or("None")
                    ),
                ),
                None => (
                    Status::Pass,
                    format!("EC2 Instance {} does not have a Public IP.", i.id),
                ),
            };
            emit(Finding::new(id, status, region, &i.id, &i.arn, text).with_tags(&i.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ec2::Instance, ApiError, Fetched};

    fn check(instances: Vec<Instance>) -> Vec<Finding> {
        let mut s = snapshot();
        region(&mut s).ec2.instances = Fetched::Ok(instances);
        run(&CHECK, &s)
    }

    fn instance(id: &str, state: &str, ip: Option<&str>) -> Instance {
        Instance {
            id: id.into(),
            state: state.into(),
            public_ip: ip.map(String::from),
            public_dns: ip.map(|_| format!("ec2-{id}.compute-1.amazonaws.com")),
            ..Default::default()
        }
    }

    #[test]
    fn fail_with_a_public_address_pass_without() {
        let f = check(vec![
            instance("i-1", "running", Some("203.0.113.7")),
            instance("i-2", "stopped", None),
        ]);
        assert_eq!(statuses(&f), [Status::Fail, Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "EC2 Instance i-1 has a Public IP: 203.0.113.7 (ec2-i-1.compute-1.amazonaws.com)."
        );
        assert_eq!(
            f[1].status_extended,
            "EC2 Instance i-2 does not have a Public IP."
        );
    }

    #[test]
    fn terminated_instances_are_skipped_and_errors_reported() {
        assert!(check(vec![instance("i-1", "terminated", Some("203.0.113.7"))]).is_empty());
        let mut s = snapshot();
        region(&mut s).ec2.instances = Fetched::Error(ApiError::new(
            "ec2:DescribeInstances",
            "UnauthorizedOperation",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
