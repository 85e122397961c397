//! # ec2_networkacl_allow_ingress_any_port
//!
//! ## Description
//!
//! Checks that network ACLs associated with subnets do not allow inbound traffic on every
//! protocol and port from 0.0.0.0/0 or ::/0.
//!
//! CIS 6.2. Entries are read as the VPC applies them, in rule-number order, and the first
//! entry from 0.0.0.0/0 or ::/0 that matches all traffic decides. Network ACLs not
//! associated with any subnet are reported only when unused services are scanned.
//!
//! ## Risk
//!
//! An allow-all NACL lets anyone on the internet scan and reach every port of the subnet's
//! resources, leaving security groups as the only barrier.
//!
//! ## Remediation
//!
//! Remove or narrow the allow-all ingress entries; allow only required ports from required
//! sources and explicitly deny remote administration ports.
//!
//! `aws ec2 delete-network-acl-entry --network-acl-id <acl> --ingress --rule-number <n>`
//! for the allow-all entry, then `aws ec2 create-network-acl-entry` for each port the
//! subnet serves.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/vpc/latest/userguide/nacl-rules.html
//! - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html

use kestrel_model::{Finding, Severity};

use crate::ec2::run_nacl_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2_networkacl_allow_ingress_any_port",
        title: "Network ACL does not allow ingress from 0.0.0.0/0 to any port",
        service: "ec2",
        subservice: "networkacl",
        severity: Severity::High,
        resource_type: "AwsEc2NetworkAcl",
        categories: &["internet-exposed"],
        check_type: &["Infrastructure Security"],
        needs: &[kestrel_model::ec2::DESCRIBE_NETWORK_ACLS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_nacl_check(scan, emit, CHECK.meta.id, "-1", 0, "every port");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, run_with, snapshot, statuses};
    use crate::Settings;
    use kestrel_model::{ec2::NaclEntry, ec2::NetworkAcl, Fetched, Snapshot, Status};

    fn entry(n: i32, action: &str, protocol: &str, from: i32, to: i32) -> NaclEntry {
        NaclEntry {
            rule_number: n,
            protocol: protocol.into(),
            rule_action: action.into(),
            cidr_block: Some("0.0.0.0/0".into()),
            from_port: Some(from),
            to_port: Some(to),
            ..Default::default()
        }
    }

    fn snap(entries: Vec<NaclEntry>, subnets: &[&str]) -> Snapshot {
        let mut s = snapshot();
        region(&mut s).ec2.network_acls = Fetched::Ok(vec![NetworkAcl {
            id: "acl-1".into(),
            arn: "arn:aws:ec2:us-east-1:123456789012:network-acl/acl-1".into(),
            vpc_id: "vpc-1".into(),
            entries,
            subnet_ids: subnets.iter().map(|s| s.to_string()).collect(),
            tags: [("Name".to_string(), "public".to_string())].into(),
            ..Default::default()
        }]);
        s
    }

    #[test]
    fn fail_on_default_allow_all() {
        let f = run(
            &CHECK,
            &snap(
                vec![
                    entry(100, "allow", "-1", 0, 0),
                    entry(32767, "deny", "-1", 0, 0),
                ],
                &["subnet-1"],
            ),
        );
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "Network ACL public has every port open to the Internet."
        );
    }

    #[test]
    fn pass_when_only_some_ports_are_allowed() {
        let f = run(
            &CHECK,
            &snap(
                vec![
                    entry(100, "allow", "6", 443, 443),
                    entry(32767, "deny", "-1", 0, 0),
                ],
                &["subnet-1"],
            ),
        );
        assert_eq!(statuses(&f), [Status::Pass]);
    }

    #[test]
    fn unassociated_acls_only_with_scan_unused_services() {
        let s = snap(vec![entry(100, "allow", "-1", 0, 0)], &[]);
        assert!(run(&CHECK, &s).is_empty());
        let settings = Settings {
            scan_unused_services: true,
            ..Default::default()
        };
        assert_eq!(statuses(&run_with(&CHECK, &s, &settings)), [Status::Fail]);
    }
}
