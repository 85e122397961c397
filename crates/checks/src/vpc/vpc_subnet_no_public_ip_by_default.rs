//! # vpc_subnet_no_public_ip_by_default
//!
//! ## Description
//!
//! Checks that VPC subnets do not give instances launched in them a public IPv4 address
//! by default.
//!
//! AWS FSBP EC2.15. As in Prowler, a subnet is reported when it is in use (some network
//! interface lives in it), or every subnet when unused services are scanned; it is named
//! by its Name tag when it has one.
//!
//! ## Risk
//!
//! Every instance launched there without an explicit choice gets an internet address,
//! so a permissive security group is all it takes to expose it.
//!
//! ## Remediation
//!
//! Turn off automatic public addressing; give public addresses deliberately (load
//! balancers, NAT gateways, Elastic IPs) where they are needed.
//!
//! `aws ec2 modify-subnet-attribute --subnet-id <subnet> --no-map-public-ip-on-launch`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-15
//! - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-ip-addressing.html

use kestrel_model::{Finding, Severity, Status};

use crate::ec2::name_tag;
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "vpc_subnet_no_public_ip_by_default",
        title: "VPC subnet does not assign public IP addresses by default",
        service: "vpc",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsEc2Subnet",
        categories: &["internet-exposed"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Network Reachability",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
        ],
        needs: &[
            kestrel_model::ec2::DESCRIBE_SUBNETS,
            kestrel_model::ec2::DESCRIBE_NETWORK_INTERFACES,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let account = scan.account_id();
    for (region, r) in scan.regions() {
        let Some(subnets) = collected(&r.ec2.subnets, id, region, account, "", emit) else {
            continue;
        };
        if subnets.is_empty() {
            continue;
        }
        let Some(enis) = collected(&r.ec2.network_interfaces, id, region, account, "", emit) else {
            continue;
        };
        for s in subnets.iter().filter(|s| {
            scan.settings.scan_unused_services
                || enis
                    .iter()
                    .any(|e| e.subnet_id.as_deref() == Some(s.id.as_str()))
        }) {
            let name = name_tag(&s.tags).unwrap_or(&s.id);
            let (status, text) = if s.map_public_ip_on_launch {
                (
                    Status::Fail,
                    format!("VPC subnet {name} assigns public IP by default."),
                )
            } else {
                (
                    Status::Pass,
                    format!("VPC subnet {name} does NOT assign public IP by default."),
                )
            };
            emit(Finding::new(id, status, region, &s.id, &s.arn, text).with_tags(&s.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, run_with, snapshot, statuses};
    use crate::Settings;
    use kestrel_model::{ec2::NetworkInterface, ec2::Subnet, Fetched, Snapshot};

    fn snap() -> Snapshot {
        let mut s = snapshot();
        let r = region(&mut s);
        let subnet = |id: &str, public: bool| Subnet {
            id: id.into(),
            map_public_ip_on_launch: public,
            ..Default::default()
        };
        r.ec2.subnets = Fetched::Ok(vec![
            subnet("subnet-1", true),
            subnet("subnet-2", false),
            subnet("subnet-3", true),
        ]);
        r.ec2.network_interfaces = Fetched::Ok(
            ["subnet-1", "subnet-2"]
                .iter()
                .map(|s| NetworkInterface {
                    subnet_id: Some(s.to_string()),
                    ..Default::default()
                })
                .collect(),
        );
        s
    }

    #[test]
    fn subnets_in_use_are_judged() {
        let f = run(&CHECK, &snap());
        assert_eq!(statuses(&f), [Status::Fail, Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "VPC subnet subnet-1 assigns public IP by default."
        );
        assert_eq!(
            f[1].status_extended,
            "VPC subnet subnet-2 does NOT assign public IP by default."
        );
        let settings = Settings {
            scan_unused_services: true,
            ..Default::default()
        };
        assert_eq!(statuses(&run_with(&CHECK, &snap(), &settings)).len(), 3);
    }
}
