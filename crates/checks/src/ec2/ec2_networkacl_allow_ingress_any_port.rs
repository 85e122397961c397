//! # ec2_networkacl_allow_ingress_any_port
//!
//! ## Description
//!
//! Checks that network ACLs do not allow inbound traffic on every
//! protocol and port from 0.0.0.0/0 or ::/0.
//!
//! CIS 6.2. Entries are read as the VPC applies them, in rule-number order, and the first
//! entry from 0.0.0.0/0 or ::/0 that matches all traffic decides. Which ACLs are
//! reported follows Prowler: every ACL of a region that has a security group other than
//! the `default` ones (a region someone uses), default and unassociated ACLs included;
//! none in a region with only default groups, unless unused services are scanned.
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
        needs: &[
            kestrel_model::ec2::DESCRIBE_NETWORK_ACLS,
            kestrel_model::ec2::DESCRIBE_SECURITY_GROUPS,
        ],
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
    use kestrel_model::{
        ec2::NaclEntry, ec2::NetworkAcl, ec2::SecurityGroup, ApiError, Fetched, Snapshot, Status,
    };

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

    fn groups(names: &[&str]) -> Fetched<Vec<SecurityGroup>> {
        Fetched::Ok(
            names
                .iter()
                .enumerate()
                .map(|(i, n)| SecurityGroup {
                    id: format!("sg-{i}"),
                    name: n.to_string(),
                    ..Default::default()
                })
                .collect(),
        )
    }

    #[test]
    fn region_with_only_default_groups_is_skipped_unless_unused_services_are_scanned() {
        let mut s = snap(vec![entry(100, "allow", "-1", 0, 0)], &["subnet-1"]);
        region(&mut s).ec2.security_groups = groups(&["default", "default"]);
        assert!(run(&CHECK, &s).is_empty());
        let settings = Settings {
            scan_unused_services: true,
            ..Default::default()
        };
        assert_eq!(statuses(&run_with(&CHECK, &s, &settings)), [Status::Fail]);
    }

    #[test]
    fn region_with_a_group_of_its_own_has_every_acl_assessed() {
        // Unassociated (and default) ACLs count too, as in Prowler.
        let mut s = snap(vec![entry(100, "allow", "-1", 0, 0)], &[]);
        region(&mut s).ec2.security_groups = groups(&["default", "web"]);
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Fail]);
    }

    #[test]
    fn acls_are_assessed_when_groups_could_not_be_listed() {
        let mut s = snap(vec![entry(100, "allow", "-1", 0, 0)], &["subnet-1"]);
        region(&mut s).ec2.security_groups = Fetched::Error(ApiError::new(
            "ec2:DescribeSecurityGroups",
            "UnauthorizedOperation",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Fail]);
    }
}
