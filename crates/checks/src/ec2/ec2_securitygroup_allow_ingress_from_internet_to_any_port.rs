//! # ec2_securitygroup_allow_ingress_from_internet_to_any_port
//!
//! ## Description
//!
//! Checks that security groups open to the whole internet (any rule from 0.0.0.0/0 or
//! ::/0, on any protocol, port or ICMP type) sit only in front of network interfaces that
//! are meant to face it: by default API Gateway and VPC endpoint interfaces, and load
//! balancers.
//!
//! The allowed interfaces are the settings `ec2_allowed_interface_types`
//! (`api_gateway_managed`, `vpc_endpoint`) and `ec2_allowed_instance_owners`
//! (`amazon-elb`), with Prowler's names and defaults. Prowler's rules: a group whose interfaces are all allowed passes; the first interface
//! of another type fails it. Groups not attached to any network interface are reported
//! only when unused services are scanned. A group that the all-ports check fails in the
//! same scan gets no finding here, since that check already reports the exposure.
//!
//! ## Risk
//!
//! Any port open to the internet on an instance or service interface is a way in that the
//! network layer no longer filters: scanners find it within minutes, and the service
//! behind it becomes the only defence.
//!
//! ## Remediation
//!
//! Replace the internet-wide rules with the sources that need access, or move the service
//! behind a load balancer, API Gateway or VPC endpoint, whose interfaces may be public.
//!
//! `aws ec2 revoke-security-group-ingress --group-id <sg> --security-group-rule-ids
//! <rule-id>`, then `aws ec2 authorize-security-group-ingress` with the trusted source.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/vpc/latest/userguide/vpc-security-groups.html
//! - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-eni.html

use kestrel_model::{Finding, Severity, Status};

use crate::ec2::{all_ports_check_fails, groups_in_scope, opens_any_port, SG_PORT_NEEDS};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2_securitygroup_allow_ingress_from_internet_to_any_port",
        title: "Security group open to the internet is attached only to interfaces meant to face it",
        service: "ec2",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsEc2SecurityGroup",
        categories: &["internet-exposed"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Network Reachability",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
            "TTPs/Initial Access",
        ],
        needs: SG_PORT_NEEDS,
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let types = &scan.settings.ec2_allowed_interface_types;
    let owners = &scan.settings.ec2_allowed_instance_owners;
    for (region, r) in scan.regions() {
        let Some(groups) = groups_in_scope(scan, r, id, region, emit) else {
            continue;
        };
        let enis = r
            .ec2
            .network_interfaces
            .ok()
            .map(Vec::as_slice)
            .unwrap_or_default();
        for sg in groups {
            if all_ports_check_fails(scan, sg) {
                continue;
            }
            let label = format!("Security group {} ({})", sg.name, sg.id);
            let mut status = Status::Pass;
            let mut text = format!("{label} does not have any port open to the Internet.");
            if sg.ingress.iter().any(opens_any_port) {
                text = format!("{label} has at least one port open to the Internet but it is not attached to any network interface.");
                for eni in enis
                    .iter()
                    .filter(|e| e.security_group_ids.contains(&sg.id))
                {
                    let owner = eni.instance_owner_id.as_deref().unwrap_or_default();
                    if types.contains(&eni.interface_type) {
                        text = format!("{label} has at least one port open to the Internet and it is attached to an allowed network interface type ({}).", eni.interface_type);
                    } else if owners.iter().any(|o| o == owner) {
                        text = format!("{label} has at least one port open to the Internet and it is attached to an allowed network interface instance owner ({owner}).");
                    } else {
                        status = Status::Fail;
                        text = format!("{label} has at least one port open to the Internet but its network interface type ({}) is not allowed.", eni.interface_type);
                        break;
                    }
                }
            }
            emit(
                Finding::new(id, status, region, &sg.id, &sg.arn, text)
                    .with_tags(&sg.tags)
                    .with_details(&sg.name),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ec2::tests::sg_port_snap;
    use crate::testkit::{region, run, run_with, statuses};
    use crate::Settings;
    use kestrel_model::{ec2::NetworkInterface, Fetched, Snapshot};

    fn with_eni(mut s: Snapshot, kind: &str, owner: Option<&str>) -> Snapshot {
        region(&mut s).ec2.network_interfaces = Fetched::Ok(vec![NetworkInterface {
            id: "eni-1".into(),
            security_group_ids: vec!["sg-1".into()],
            interface_type: kind.into(),
            instance_owner_id: owner.map(String::from),
            ..Default::default()
        }]);
        s
    }

    #[test]
    fn fail_on_an_instance_interface() {
        let s = with_eni(
            sg_port_snap("tcp", 443, 443, "0.0.0.0/0"),
            "interface",
            Some("123456789012"),
        );
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].status_extended, "Security group web (sg-1) has at least one port open to the Internet but its network interface type (interface) is not allowed.");
        // ICMP counts as a port here, as in Prowler.
        let s = with_eni(sg_port_snap("icmp", 8, -1, "::/0"), "interface", None);
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Fail]);
    }

    #[test]
    fn pass_behind_allowed_interfaces() {
        let s = with_eni(
            sg_port_snap("tcp", 443, 443, "0.0.0.0/0"),
            "vpc_endpoint",
            None,
        );
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass]);
        assert!(f[0]
            .status_extended
            .contains("allowed network interface type (vpc_endpoint)"));
        let s = with_eni(
            sg_port_snap("tcp", 443, 443, "0.0.0.0/0"),
            "interface",
            Some("amazon-elb"),
        );
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass]);
        assert!(f[0].status_extended.contains("instance owner (amazon-elb)"));
        // The allowed lists are settings.
        let settings = Settings {
            ec2_allowed_instance_owners: vec![],
            ..Default::default()
        };
        assert_eq!(statuses(&run_with(&CHECK, &s, &settings)), [Status::Fail]);
    }

    #[test]
    fn pass_without_internet_rules_and_silent_when_all_ports_fail() {
        let s = with_eni(
            sg_port_snap("tcp", 443, 443, "10.0.0.0/8"),
            "interface",
            None,
        );
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "Security group web (sg-1) does not have any port open to the Internet."
        );
        let s = with_eni(sg_port_snap("-1", 0, 0, "0.0.0.0/0"), "interface", None);
        assert!(run(&CHECK, &s).is_empty());
    }
}
