//! # ec2_networkacl_allow_ingress_tcp_port_22
//!
//! ## Description
//!
//! Checks that network ACLs do not allow inbound SSH (TCP 22) from
//! 0.0.0.0/0 or ::/0.
//!
//! CIS 6.2. Entries are read in rule-number order, and the first entry from 0.0.0.0/0 or
//! ::/0 covering TCP 22 decides. Which ACLs are
//! reported follows Prowler: every ACL of a region that has a security group other than
//! the `default` ones (a region someone uses), default and unassociated ACLs included;
//! none in a region with only default groups, unless unused services are scanned.
//!
//! ## Risk
//!
//! SSH reachable from anywhere at the subnet level invites brute-force and exploitation of
//! remote administration, with only security groups left to stop it.
//!
//! ## Remediation
//!
//! Add NACL deny entries for TCP 22 from 0.0.0.0/0 and ::/0 ahead of the allow entries, or
//! restrict the allow entries to trusted ranges.
//!
//! `aws ec2 create-network-acl-entry --network-acl-id <acl> --ingress --rule-number <n>
//! --protocol tcp --port-range From=22,To=22 --cidr-block 0.0.0.0/0 --rule-action deny`,
//! with a rule number below those of the allow entries, and the same with
//! `--ipv6-cidr-block ::/0`.
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
        id: "ec2_networkacl_allow_ingress_tcp_port_22",
        title: "Network ACL does not allow ingress from the Internet to TCP port 22 (SSH)",
        service: "ec2",
        subservice: "networkacl",
        severity: Severity::Medium,
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
    run_nacl_check(scan, emit, CHECK.meta.id, "6", 22, "SSH port 22");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ec2::NaclEntry, ec2::NetworkAcl, ApiError, Fetched, Status};

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

    fn check(entries: Vec<NaclEntry>) -> Vec<Finding> {
        let mut s = snapshot();
        region(&mut s).ec2.network_acls = Fetched::Ok(vec![NetworkAcl {
            id: "acl-1".into(),
            entries,
            subnet_ids: vec!["subnet-1".into()],
            ..Default::default()
        }]);
        run(&CHECK, &s)
    }

    #[test]
    fn fail_when_ssh_allowed_from_internet() {
        let f = check(vec![entry(100, "allow", "6", 0, 1024)]);
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "Network ACL acl-1 has SSH port 22 open to the Internet."
        );
    }

    #[test]
    fn pass_when_denied_first() {
        let f = check(vec![
            entry(50, "deny", "6", 22, 22),
            entry(100, "allow", "-1", 0, 0),
        ]);
        assert_eq!(statuses(&f), [Status::Pass]);
    }

    #[test]
    fn error_when_denied() {
        let mut s = snapshot();
        region(&mut s).ec2.network_acls = Fetched::Error(ApiError::new(
            "ec2:DescribeNetworkAcls",
            "UnauthorizedOperation",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
