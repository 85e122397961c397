//! # ec2_networkacl_unused
//!
//! ## Description
//!
//! Checks that every network ACL other than a VPC's default one is associated with at
//! least one subnet.
//!
//! AWS FSBP EC2.16. Default network ACLs are not reported, as in Prowler; an ACL is in use
//! when at least one subnet is associated with it.
//!
//! ## Risk
//!
//! Unused network ACLs clutter the network configuration: reviewers lose track of which
//! rules actually apply, and an old permissive ACL can be associated with a subnet by
//! mistake.
//!
//! ## Remediation
//!
//! Associate the ACL with the subnets it was made for, or delete it.
//!
//! `aws ec2 delete-network-acl --network-acl-id <acl>`, or `aws ec2
//! replace-network-acl-association --association-id <current-association> --network-acl-id
//! <acl>` to put it on a subnet.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-16
//! - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html

use kestrel_model::{Finding, Severity, Status};

use crate::ec2::name_tag;
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2_networkacl_unused",
        title: "Non-default network ACL is associated with a subnet",
        service: "ec2",
        subservice: "",
        severity: Severity::Low,
        resource_type: "AwsEc2NetworkAcl",
        categories: &["trust-boundaries"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Network Reachability",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
        ],
        needs: &[kestrel_model::ec2::DESCRIBE_NETWORK_ACLS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(nacls) = collected(&r.ec2.network_acls, id, region, scan.account_id(), "", emit)
        else {
            continue;
        };
        for nacl in nacls.iter().filter(|n| !n.is_default) {
            let name = name_tag(&nacl.tags).unwrap_or(&nacl.id);
            let (status, text) = if nacl.subnet_ids.is_empty() {
                (
                    Status::Fail,
                    format!("Network ACL {name} is not associated with any subnet and is not the default network ACL."),
                )
            } else {
                (
                    Status::Pass,
                    format!("Network ACL {name} is associated with a subnet."),
                )
            };
            emit(Finding::new(id, status, region, &nacl.id, &nacl.arn, text).with_tags(&nacl.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ec2::NetworkAcl, Fetched};

    fn acl(id: &str, default: bool, subnets: &[&str], name: Option<&str>) -> NetworkAcl {
        NetworkAcl {
            id: id.into(),
            is_default: default,
            subnet_ids: subnets.iter().map(|s| s.to_string()).collect(),
            tags: name
                .map(|n| [("Name".to_string(), n.to_string())].into())
                .unwrap_or_default(),
            ..Default::default()
        }
    }

    #[test]
    fn fail_unassociated_pass_associated_skip_defaults() {
        let mut s = snapshot();
        region(&mut s).ec2.network_acls = Fetched::Ok(vec![
            acl("acl-1", false, &[], None),
            acl("acl-2", false, &["subnet-1"], Some("app")),
            acl("acl-3", true, &[], None),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Fail, Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "Network ACL acl-1 is not associated with any subnet and is not the default network ACL."
        );
        assert_eq!(
            f[1].status_extended,
            "Network ACL app is associated with a subnet."
        );
    }
}
