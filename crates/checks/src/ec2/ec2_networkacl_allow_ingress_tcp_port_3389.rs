//! # ec2_networkacl_allow_ingress_tcp_port_3389
//!
//! ## Description
//!
//! Checks that network ACLs do not allow inbound RDP (TCP 3389)
//! from 0.0.0.0/0 or ::/0.
//!
//! CIS 6.2. Entries are read in rule-number order, and the first entry from 0.0.0.0/0 or
//! ::/0 covering TCP 3389 decides. Which ACLs are
//! reported follows Prowler: every ACL of a region that has a security group other than
//! the `default` ones (a region someone uses), default and unassociated ACLs included;
//! none in a region with only default groups, unless unused services are scanned.
//!
//! ## Risk
//!
//! RDP reachable from anywhere at the subnet level invites brute-force and remote code
//! execution attacks, with only security groups left to stop them.
//!
//! ## Remediation
//!
//! Add NACL deny entries for TCP 3389 from 0.0.0.0/0 and ::/0 ahead of the allow entries,
//! or restrict the allow entries to trusted ranges.
//!
//! `aws ec2 create-network-acl-entry --network-acl-id <acl> --ingress --rule-number <n>
//! --protocol tcp --port-range From=3389,To=3389 --cidr-block 0.0.0.0/0 --rule-action
//! deny`, with a rule number below those of the allow entries, and the same with
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
        id: "ec2_networkacl_allow_ingress_tcp_port_3389",
        title: "Network ACL does not allow ingress from the Internet to TCP port 3389 (RDP)",
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
    run_nacl_check(
        scan,
        emit,
        CHECK.meta.id,
        "6",
        3389,
        "Microsoft RDP port 3389",
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ec2::NaclEntry, ec2::NetworkAcl, Fetched, Status};

    fn check(entries: Vec<NaclEntry>) -> Vec<Status> {
        let mut s = snapshot();
        region(&mut s).ec2.network_acls = Fetched::Ok(vec![NetworkAcl {
            id: "acl-1".into(),
            entries,
            subnet_ids: vec!["subnet-1".into()],
            ..Default::default()
        }]);
        statuses(&run(&CHECK, &s))
    }

    fn v6(n: i32, action: &str, protocol: &str) -> NaclEntry {
        NaclEntry {
            rule_number: n,
            protocol: protocol.into(),
            rule_action: action.into(),
            ipv6_cidr_block: Some("::/0".into()),
            from_port: Some(3389),
            to_port: Some(3389),
            ..Default::default()
        }
    }

    #[test]
    fn fail_when_rdp_allowed_over_ipv6() {
        assert_eq!(check(vec![v6(100, "allow", "6")]), [Status::Fail]);
    }

    #[test]
    fn pass_when_rdp_not_allowed() {
        assert_eq!(check(vec![v6(100, "deny", "6")]), [Status::Pass]);
        assert_eq!(check(vec![v6(100, "allow", "17")]), [Status::Pass]);
    }
}
