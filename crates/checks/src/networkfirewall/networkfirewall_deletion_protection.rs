//! # networkfirewall_deletion_protection
//!
//! ## Description
//!
//! Checks that every AWS Network Firewall firewall has deletion protection turned on.
//!
//! AWS Security Hub control NetworkFirewall.9.
//!
//! ## Risk
//!
//! Without it one API call, by mistake or by an intruder, deletes the firewall and opens
//! the traffic it filtered.
//!
//! ## Remediation
//!
//! Turn on delete protection in the firewall's details (UpdateFirewallDeleteProtection).
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/network-firewall/latest/developerguide/firewall-settings.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/networkfirewall-controls.html#networkfirewall-9

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "networkfirewall_deletion_protection",
        title: "Network Firewall has deletion protection",
        service: "networkfirewall",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsNetworkFirewallFirewall",
        categories: &["resilience"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
        ],
        needs: &[
            kestrel_model::networkfirewall::LIST_FIREWALLS,
            kestrel_model::networkfirewall::DESCRIBE_FIREWALL,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(firewalls) = collected(
            &r.networkfirewall.firewalls,
            id,
            region,
            scan.account_id(),
            "",
            emit,
        ) else {
            continue;
        };
        for fw in firewalls {
            let Some(on) = collected(&fw.deletion_protection, id, region, &fw.name, &fw.arn, emit)
            else {
                continue;
            };
            let (status, text) = if *on {
                (
                    Status::Pass,
                    format!(
                        "Network Firewall {} has deletion protection enabled.",
                        fw.name
                    ),
                )
            } else {
                (
                    Status::Fail,
                    format!(
                        "Network Firewall {} does not have deletion protection enabled.",
                        fw.name
                    ),
                )
            };
            emit(Finding::new(id, status, region, &fw.name, &fw.arn, text).with_tags(&fw.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{networkfirewall::Firewall, ApiError, Fetched};

    #[test]
    fn pass_fail_and_error_per_firewall() {
        let mut s = snapshot();
        let fw = |name: &str, on: Fetched<bool>| Firewall {
            name: name.into(),
            deletion_protection: on,
            ..Default::default()
        };
        region(&mut s).networkfirewall.firewalls = Fetched::Ok(vec![
            fw("kept", Fetched::Ok(true)),
            fw("loose", Fetched::Ok(false)),
            fw(
                "hidden",
                Fetched::Error(ApiError::new(
                    "network-firewall:DescribeFirewall",
                    "AccessDeniedException",
                    "",
                )),
            ),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail, Status::Error]);
        assert_eq!(f[1].resource_id, "loose");
    }
}
