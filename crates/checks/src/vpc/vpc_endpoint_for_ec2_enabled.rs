//! # vpc_endpoint_for_ec2_enabled
//!
//! ## Description
//!
//! Checks that each VPC in use has a VPC endpoint for the Amazon EC2 API.
//!
//! AWS FSBP EC2.10. As in Prowler, a VPC is reported when some network interface lives in
//! it, or every VPC when unused services are scanned; any endpoint whose service name
//! contains `ec2` counts.
//!
//! ## Risk
//!
//! Without the endpoint, instances reach the EC2 API through the internet (an internet or
//! NAT gateway): the calls leave the private network, and endpoint policies cannot limit
//! what is called from the VPC.
//!
//! ## Remediation
//!
//! Create an interface endpoint for EC2 in the VPC's private subnets, with private DNS and
//! an endpoint policy that allows what the workloads need.
//!
//! `aws ec2 create-vpc-endpoint --vpc-id <vpc> --vpc-endpoint-type Interface --service-name
//! com.amazonaws.<region>.ec2 --subnet-ids <subnets> --security-group-ids <sg>
//! --private-dns-enabled`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-10
//! - https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "vpc_endpoint_for_ec2_enabled",
        title: "VPC has an endpoint for the EC2 API",
        service: "vpc",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsEc2VpcEndpointService",
        categories: &["internet-exposed", "trust-boundaries"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Network Reachability",
        ],
        needs: &[
            kestrel_model::ec2::DESCRIBE_VPCS,
            kestrel_model::ec2::DESCRIBE_VPC_ENDPOINTS,
            kestrel_model::ec2::DESCRIBE_NETWORK_INTERFACES,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let account = scan.account_id();
    for (region, r) in scan.regions() {
        let Some(vpcs) = collected(&r.ec2.vpcs, id, region, account, "", emit) else {
            continue;
        };
        if vpcs.is_empty() {
            continue;
        }
        let Some(enis) = collected(&r.ec2.network_interfaces, id, region, account, "", emit) else {
            continue;
        };
        let Some(endpoints) = collected(&r.ec2.vpc_endpoints, id, region, account, "", emit) else {
            continue;
        };
        for vpc in vpcs.iter().filter(|v| {
            scan.settings.scan_unused_services
                || enis
                    .iter()
                    .any(|e| e.vpc_id.as_deref() == Some(v.id.as_str()))
        }) {
            let found = endpoints
                .iter()
                .find(|e| e.vpc_id == vpc.id && e.service_name.contains("ec2"));
            let (status, text) = match found {
                Some(e) => (
                    Status::Pass,
                    format!("VPC {} has an EC2 {} endpoint.", vpc.id, e.endpoint_type),
                ),
                None => (Status::Fail, format!("VPC {} has no EC2 endpoint.", vpc.id)),
            };
            emit(Finding::new(id, status, region, &vpc.id, &vpc.arn, text).with_tags(&vpc.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ec2::NetworkInterface, ec2::Vpc, ec2::VpcEndpoint, Fetched};

    #[test]
    fn vpcs_in_use_need_an_ec2_endpoint() {
        let mut s = snapshot();
        let r = region(&mut s);
        let vpc = |id: &str| Vpc {
            id: id.into(),
            ..Default::default()
        };
        r.ec2.vpcs = Fetched::Ok(vec![vpc("vpc-1"), vpc("vpc-2"), vpc("vpc-3")]);
        r.ec2.network_interfaces = Fetched::Ok(
            ["vpc-1", "vpc-2"]
                .iter()
                .map(|v| NetworkInterface {
                    vpc_id: Some(v.to_string()),
                    ..Default::default()
                })
                .collect(),
        );
        r.ec2.vpc_endpoints = Fetched::Ok(vec![
            VpcEndpoint {
                vpc_id: "vpc-1".into(),
                service_name: "com.amazonaws.us-east-1.s3".into(),
                endpoint_type: "Gateway".into(),
                ..Default::default()
            },
            VpcEndpoint {
                vpc_id: "vpc-2".into(),
                service_name: "com.amazonaws.us-east-1.ec2".into(),
                endpoint_type: "Interface".into(),
                ..Default::default()
            },
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Fail, Status::Pass]);
        assert_eq!(f[0].status_extended, "VPC vpc-1 has no EC2 endpoint.");
        assert_eq!(
            f[1].status_extended,
            "VPC vpc-2 has an EC2 Interface endpoint."
        );
    }
}
