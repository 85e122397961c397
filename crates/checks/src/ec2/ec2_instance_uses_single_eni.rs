//! # ec2_instance_uses_single_eni
//!
//! ## Description
//!
//! Checks that each EC2 instance has at most one network interface of the kinds that carry
//! its traffic: standard interfaces, Elastic Fabric Adapters and trunk interfaces.
//!
//! AWS FSBP EC2.17. Every instance is reported, as in Prowler. Interfaces of other kinds,
//! or not found in the region's interface list, are not counted. The finding lists the
//! counted interfaces by kind.
//!
//! ## Risk
//!
//! An instance with several interfaces can sit in several subnets or security contexts at
//! once and bridge them: traffic can leave one network through another, around the
//! controls placed on the first.
//!
//! ## Remediation
//!
//! Detach the extra interfaces unless the design needs them (appliances, multi-homed
//! network functions), and document those exceptions.
//!
//! `aws ec2 detach-network-interface --attachment-id <attachment>`, then `aws ec2
//! delete-network-interface --network-interface-id <eni>` if it is no longer needed.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-17
//! - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/using-eni.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2_instance_uses_single_eni",
        title: "EC2 instance has a single network interface",
        service: "ec2",
        subservice: "",
        severity: Severity::Low,
        resource_type: "AwsEc2Instance",
        categories: &["trust-boundaries"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Network Reachability",
        ],
        needs: &[
            kestrel_model::ec2::DESCRIBE_INSTANCES,
            kestrel_model::ec2::DESCRIBE_NETWORK_INTERFACES,
        ],
    },
    run,
};

/// The kinds counted, in the order the finding lists them.
const KINDS: [(&str, &str); 3] = [
    ("efa", "EFAs"),
    ("interface", "Interfaces"),
    ("trunk", "Trunks"),
];

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let account = scan.account_id();
    for (region, r) in scan.regions() {
        let Some(instances) = collected(&r.ec2.instances, id, region, account, "", emit) else {
            continue;
        };
        if instances.is_empty() {
            continue;
        }
        let Some(enis) = collected(&r.ec2.network_interfaces, id, region, account, "", emit) else {
            continue;
        };
        for i in instances {
            let (status, text) = if i.network_interface_ids.is_empty() {
                (
                    Status::Pass,
                    format!("EC2 Instance {} has no network interfaces attached.", i.id),
                )
            } else {
                let by_kind: Vec<(&str, Vec<&str>)> = KINDS
                    .iter()
                    .map(|(kind, label)| {
                        let ids = i
                            .network_interface_ids
                            .iter()
                            .filter(|eni| {
                                enis.iter()
                                    .any(|e| &e.id == *eni && e.interface_type == *kind)
                            })
                            .map(String::as_str)
                            .collect();
                        (*label, ids)
                    })
                    .collect();
                let count: usize = by_kind.iter().map(|(_, ids)| ids.len()).sum();
                let (status, verb) = if count > 1 {
                    (Status::Fail, "uses multiple ENIs")
                } else {
                    (Status::Pass, "uses only one ENI")
                };
                let mut text = format!("EC2 Instance {} {verb}: (", i.id);
                for (label, ids) in by_kind.iter().filter(|(_, ids)| !ids.is_empty()) {
                    let quoted: Vec<String> = ids.iter().map(|x| format!("'{x}'")).collect();
                    text.push_str(&format!(" {label}: [{}]", quoted.join(", ")));
                }
                text.push_str(" ).");
                (status, text)
            };
            emit(Finding::new(id, status, region, &i.id, &i.arn, text).with_tags(&i.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ec2::Instance, ec2::NetworkInterface, Fetched, Snapshot};

    fn snap(attached: &[&str], enis: &[(&str, &str)]) -> Snapshot {
        let mut s = snapshot();
        let r = region(&mut s);
        r.ec2.instances = Fetched::Ok(vec![Instance {
            id: "i-1".into(),
            state: "running".into(),
            network_interface_ids: attached.iter().map(|x| x.to_string()).collect(),
            ..Default::default()
        }]);
        r.ec2.network_interfaces = Fetched::Ok(
            enis.iter()
                .map(|(id, kind)| NetworkInterface {
                    id: id.to_string(),
                    interface_type: kind.to_string(),
                    ..Default::default()
                })
                .collect(),
        );
        s
    }

    #[test]
    fn fail_with_two_counted_interfaces() {
        let f = run(
            &CHECK,
            &snap(
                &["eni-1", "eni-2"],
                &[("eni-1", "interface"), ("eni-2", "efa")],
            ),
        );
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "EC2 Instance i-1 uses multiple ENIs: ( EFAs: ['eni-2'] Interfaces: ['eni-1'] )."
        );
    }

    #[test]
    fn pass_with_one_or_none_or_uncounted_kinds() {
        let f = run(&CHECK, &snap(&["eni-1"], &[("eni-1", "interface")]));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "EC2 Instance i-1 uses only one ENI: ( Interfaces: ['eni-1'] )."
        );
        // A second interface of another kind, or one not in the list, is not counted.
        let f = run(
            &CHECK,
            &snap(
                &["eni-1", "eni-2", "eni-3"],
                &[("eni-1", "interface"), ("eni-2", "branch")],
            ),
        );
        assert_eq!(statuses(&f), [Status::Pass]);
        let f = run(&CHECK, &snap(&[], &[]));
        assert_eq!(
            f[0].status_extended,
            "EC2 Instance i-1 has no network interfaces attached."
        );
    }
}
