//! # ec2_confidential_workload_host_unrestricted_ingress
//!
//! ## Description
//!
//! Checks that EC2 instances running Nitro Enclaves (confidential-workload hosts) expose
//! to the internet no TCP or UDP port outside an allow list, by default 22, 80 and 443.
//!
//! CIS 3.0 (Prowler's mapping). A host is an instance with enclaves enabled that is not
//! pending, shutting down or terminated. Internet here means any globally routable source
//! range, a single public address included, not only 0.0.0.0/0 and ::/0. All-traffic
//! rules and 0-65535 count as "all"; a rule opening more than ten ports outside the list
//! is named by its range. A host whose groups could not all be seen is MANUAL. The list
//! is the setting `enclave_sg_allow_ports` (Prowler's code default; not in its
//! config.yaml).
//!
//! ## Risk
//!
//! The host is the enclave's only way in and out: whatever it exposes beyond its expected
//! service ports widens the surface through which the host, and the data flowing to the
//! enclave, can be attacked.
//!
//! ## Remediation
//!
//! Limit the host's internet-facing rules to the ports its service needs, from the
//! sources that need them; reach administration ports through a VPN or Session Manager.
//!
//! `aws ec2 revoke-security-group-ingress --group-id <sg> --security-group-rule-ids
//! <rule-id>` for each rule the finding names.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/enclaves/latest/user/nitro-enclave.html
//! - https://docs.aws.amazon.com/vpc/latest/userguide/security-group-rules.html

use std::collections::BTreeSet;

use kestrel_model::{ec2::IpPermission, Finding, Severity, Status};

use crate::ec2::{is_enclave_host, HOST_TRUST_NOTE};
use crate::util::collected;
use crate::util::net::cidr_is_global;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2_confidential_workload_host_unrestricted_ingress",
        title: "Confidential-workload host exposes only allow-listed ports to the internet",
        service: "ec2",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsEc2Instance",
        categories: &["internet-exposed"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices"],
        needs: &[
            kestrel_model::ec2::DESCRIBE_INSTANCES,
            kestrel_model::ec2::DESCRIBE_SECURITY_GROUPS,
        ],
    },
    run,
};

/// More ports than this outside the list: the rule is named by its range.
const SUMMARY_THRESHOLD: usize = 10;

/// What an internet-facing TCP/UDP rule opens: everything, or a port range.
enum Opens {
    All,
    Range(i32, i32),
}

fn world_facing(rule: &IpPermission) -> Option<Opens> {
    let global = rule
        .ipv4_ranges
        .iter()
        .chain(&rule.ipv6_ranges)
        .any(|c| cidr_is_global(c));
    if !global {
        return None;
    }
    if rule.protocol == "-1" {
        return Some(Opens::All);
    }
    if rule.protocol != "tcp" && rule.protocol != "udp" {
        return None;
    }
    match (rule.from_port?, rule.to_port?) {
        (0, 65535) => Some(Opens::All),
        (from, to) => Some(Opens::Range(from, to)),
    }
}

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let account = scan.account_id();
    let allowed: BTreeSet<i32> = scan
        .settings
        .enclave_sg_allow_ports
        .iter()
        .copied()
        .collect();
    for (region, r) in scan.regions() {
        let Some(instances) = collected(&r.ec2.instances, id, region, account, "", emit) else {
            continue;
        };
        let hosts: Vec<_> = instances.iter().filter(|i| is_enclave_host(i)).collect();
        if hosts.is_empty() {
            continue;
        }
        let Some(groups) = collected(&r.ec2.security_groups, id, region, account, "", emit) else {
            continue;
        };
        for i in hosts {
            let missing: Vec<&str> = i
                .security_group_ids
                .iter()
                .filter(|g| !groups.iter().any(|sg| &sg.id == *g))
                .map(String::as_str)
                .collect();
            let mut ports: BTreeSet<i32> = BTreeSet::new();
            let mut labels: BTreeSet<String> = BTreeSet::new();
            for rule in groups
                .iter()
                .filter(|sg| i.security_group_ids.contains(&sg.id))
                .flat_map(|sg| &sg.ingress)
            {
                match world_facing(rule) {
                    None => {}
                    Some(Opens::All) => {
                        labels.insert("all".into());
                    }
                    Some(Opens::Range(from, to)) => {
                        let outside: Vec<i32> =
                            (from..=to).filter(|p| !allowed.contains(p)).collect();
                        if outside.len() > SUMMARY_THRESHOLD {
                            labels.insert(format!("{from}-{to}"));
                        } else {
                            ports.extend(outside);
                        }
                    }
                }
            }
            let (status, text) = if !ports.is_empty() || !labels.is_empty() {
                let listed: Vec<String> = ports
                    .iter()
                    .map(i32::to_string)
                    .chain(labels.iter().cloned())
                    .collect();
                (
                    Status::Fail,
                    format!("Confidential-workload host {} has security groups that expose non-allow-listed ports to the internet: {}. {HOST_TRUST_NOTE}", i.id, listed.join(", ")),
                )
            } else if !missing.is_empty() {
                (
                    Status::Manual,
                    format!("Confidential-workload host {} ingress cannot be fully verified: security group(s) {} referenced by the instance were not observable. No non-allow-listed exposure found on the visible SGs. {HOST_TRUST_NOTE}", i.id, missing.join(", ")),
                )
            } else {
                let list: Vec<String> = allowed.iter().map(i32::to_string).collect();
                (
                    Status::Pass,
                    format!("Confidential-workload host {} exposes only allow-listed ports [{}] (if any) to the internet. {HOST_TRUST_NOTE}", i.id, list.join(", ")),
                )
            };
            emit(Finding::new(id, status, region, &i.id, &i.arn, text).with_tags(&i.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, run_with, snapshot, statuses};
    use crate::Settings;
    use kestrel_model::{ec2::Instance, ec2::SecurityGroup, Fetched, Snapshot};

    fn snap(protocol: &str, from: i32, to: i32, cidr: &str) -> Snapshot {
        let mut s = snapshot();
        let r = region(&mut s);
        r.ec2.instances = Fetched::Ok(vec![Instance {
            id: "i-1".into(),
            state: "running".into(),
            enclaves_enabled: true,
            security_group_ids: vec!["sg-1".into()],
            ..Default::default()
        }]);
        let mut rule = IpPermission {
            protocol: protocol.into(),
            from_port: Some(from),
            to_port: Some(to),
            ..Default::default()
        };
        if cidr.contains(':') {
            rule.ipv6_ranges = vec![cidr.into()];
        } else {
            rule.ipv4_ranges = vec![cidr.into()];
        }
        r.ec2.security_groups = Fetched::Ok(vec![SecurityGroup {
            id: "sg-1".into(),
            ingress: vec![rule],
            ..Default::default()
        }]);
        s
    }

    fn text(s: &Snapshot) -> (Status, String) {
        let f = run(&CHECK, s);
        assert_eq!(f.len(), 1);
        (f[0].status, f[0].status_extended.clone())
    }

    #[test]
    fn allow_listed_ports_pass() {
        let (st, t) = text(&snap("tcp", 443, 443, "0.0.0.0/0"));
        assert_eq!(st, Status::Pass);
        assert!(t.starts_with("Confidential-workload host i-1 exposes only allow-listed ports [22, 80, 443] (if any) to the internet. This finding"));
        // ICMP and private sources are not exposures.
        assert_eq!(text(&snap("icmp", -1, -1, "0.0.0.0/0")).0, Status::Pass);
        assert_eq!(text(&snap("tcp", 8080, 8080, "10.0.0.0/8")).0, Status::Pass);
    }

    #[test]
    fn other_ports_fail_small_ranges_listed_large_ones_summarised() {
        let (st, t) = text(&snap("tcp", 8080, 8085, "::/0"));
        assert_eq!(st, Status::Fail);
        assert!(
            t.contains("internet: 8080, 8081, 8082, 8083, 8084, 8085. "),
            "{t}"
        );
        let (_, t) = text(&snap("tcp", 1000, 65535, "0.0.0.0/0"));
        assert!(t.contains("internet: 1000-65535. "), "{t}");
        let (_, t) = text(&snap("-1", 0, 0, "0.0.0.0/0"));
        assert!(t.contains("internet: all. "), "{t}");
        // A single public address is the internet too; UDP counts.
        assert_eq!(
            text(&snap("udp", 12345, 12345, "198.51.99.7/32")).0,
            Status::Fail
        );
    }

    #[test]
    fn the_allow_list_is_a_setting_and_unseen_groups_are_manual() {
        let settings = Settings {
            enclave_sg_allow_ports: vec![8080],
            ..Default::default()
        };
        assert_eq!(
            statuses(&run_with(
                &CHECK,
                &snap("tcp", 8080, 8080, "0.0.0.0/0"),
                &settings
            )),
            [Status::Pass]
        );
        let mut s = snap("tcp", 443, 443, "0.0.0.0/0");
        region(&mut s).ec2.security_groups = Fetched::Ok(vec![]);
        let (st, t) = text(&s);
        assert_eq!(st, Status::Manual);
        assert!(t.contains("security group(s) sg-1 referenced by the instance were not observable"));
    }
}
