//! # ec2_elastic_ip_unassigned
//!
//! ## Description
//!
//! Checks that every Elastic IP address is associated with an instance or a network
//! interface.
//!
//! AWS FSBP EC2.12. One finding per address that has a public IP, named by that IP, as in
//! Prowler.
//!
//! ## Risk
//!
//! An allocated but unused address costs money every hour and is easy to forget: it may
//! still be trusted in allow lists, DNS records or partners' firewalls, and whoever
//! associates it next inherits that trust.
//!
//! ## Remediation
//!
//! Associate the address with the resource that needs it, or release it, after removing
//! it from DNS records and allow lists.
//!
//! `aws ec2 release-address --allocation-id <eipalloc-id>`, or `aws ec2 associate-address
//! --allocation-id <eipalloc-id> --instance-id <instance>`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-12
//! - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/elastic-ip-addresses-eip.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2_elastic_ip_unassigned",
        title: "Elastic IP address is associated with an instance or network interface",
        service: "ec2",
        subservice: "",
        severity: Severity::Low,
        resource_type: "AwsEc2Eip",
        categories: &["internet-exposed"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Effects/Resource Consumption",
        ],
        needs: &[kestrel_model::ec2::DESCRIBE_ADDRESSES],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(eips) = collected(&r.ec2.elastic_ips, id, region, scan.account_id(), "", emit)
        else {
            continue;
        };
        for eip in eips {
            let Some(ip) = eip.public_ip.as_deref().filter(|ip| !ip.is_empty()) else {
                continue;
            };
            let (status, text) = if eip.association_id.is_some() {
                (
                    Status::Pass,
                    format!("Elastic IP {ip} is associated with an instance or network interface."),
                )
            } else {
                (
                    Status::Fail,
                    format!(
                        "Elastic IP {ip} is not associated with an instance or network interface."
                    ),
                )
            };
            emit(Finding::new(id, status, region, ip, &eip.arn, text).with_tags(&eip.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ec2::ElasticIp, ApiError, Fetched};

    fn eip(ip: Option<&str>, association: Option<&str>) -> ElasticIp {
        ElasticIp {
            arn: "arn:aws:ec2:us-east-1:123456789012:eip-allocation/eipalloc-1".into(),
            public_ip: ip.map(String::from),
            allocation_id: Some("eipalloc-1".into()),
            association_id: association.map(String::from),
            ..Default::default()
        }
    }

    #[test]
    fn fail_unassociated_pass_associated_skip_without_ip() {
        let mut s = snapshot();
        region(&mut s).ec2.elastic_ips = Fetched::Ok(vec![
            eip(Some("203.0.113.1"), None),
            eip(Some("203.0.113.2"), Some("eipassoc-1")),
            eip(None, None),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Fail, Status::Pass]);
        assert_eq!(f[0].resource_id, "203.0.113.1");
        assert_eq!(
            f[0].status_extended,
            "Elastic IP 203.0.113.1 is not associated with an instance or network interface."
        );
    }

    #[test]
    fn error_when_denied() {
        let mut s = snapshot();
        region(&mut s).ec2.elastic_ips = Fetched::Error(ApiError::new(
            "ec2:DescribeAddresses",
            "UnauthorizedOperation",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
