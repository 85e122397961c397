//! # vpc_vpn_connection_tunnels_up
//!
//! ## Description
//!
//! Checks that both tunnels of every Site-to-Site VPN connection are up, as the
//! connection's tunnel telemetry reports them. A tunnel the telemetry does not list
//! counts as down.
//!
//! AWS Security Hub control EC2.20. Connections already deleted (they stay listed for a
//! while) are skipped: they carry no traffic to restore. Prowler reports them, as down.
//!
//! ## Risk
//!
//! A VPN connection with a tunnel down has lost its redundancy: the next maintenance or
//! failure of the remaining tunnel cuts the link to the remote network.
//!
//! ## Remediation
//!
//! Find why the tunnel is down (customer gateway configuration, IKE or IPsec settings,
//! routing, firewall rules on the remote side) and bring it back up; monitor the
//! TunnelState metric in CloudWatch.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNTunnels.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-20

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "vpc_vpn_connection_tunnels_up",
        title: "VPN connection has both tunnels up",
        service: "vpc",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsEc2ClientVpnEndpoint",
        categories: &["resilience"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Network Reachability",
            "Effects/Denial of Service",
        ],
        needs: &[kestrel_model::ec2::DESCRIBE_VPN_CONNECTIONS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(vpns) = collected(
            &r.ec2.vpn_connections,
            id,
            region,
            scan.account_id(),
            "",
            emit,
        ) else {
            continue;
        };
        for v in vpns.iter().filter(|v| v.state != "deleted") {
            let up = |i: usize| v.tunnel_statuses.get(i).is_some_and(|s| s == "UP");
            let (status, text) = if up(0) && up(1) {
                (
                    Status::Pass,
                    format!("VPN Connection {} has both tunnels UP.", v.id),
                )
            } else {
                (
                    Status::Fail,
                    format!("VPN Connection {} has at least one tunnel DOWN.", v.id),
                )
            };
            emit(Finding::new(id, status, region, &v.id, &v.arn, text).with_tags(&v.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ec2::VpnConnection, ApiError, Fetched};

    fn check(vpns: &[(&str, &[&str])]) -> Vec<Finding> {
        let mut s = snapshot();
        region(&mut s).ec2.vpn_connections = Fetched::Ok(
            vpns.iter()
                .enumerate()
                .map(|(i, (state, tunnels))| VpnConnection {
                    id: format!("vpn-{i}"),
                    state: state.to_string(),
                    tunnel_statuses: tunnels.iter().map(|t| t.to_string()).collect(),
                    ..Default::default()
                })
                .collect(),
        );
        run(&CHECK, &s)
    }

    #[test]
    fn pass_with_both_tunnels_up() {
        let f = check(&[("available", &["UP", "UP"])]);
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "VPN Connection vpn-0 has both tunnels UP."
        );
    }

    #[test]
    fn fail_with_a_tunnel_down_or_missing() {
        let f = check(&[
            ("available", &["UP", "DOWN"]),
            ("available", &["DOWN", "UP"]),
            ("pending", &["UP"]),
            ("available", &[]),
        ]);
        assert_eq!(statuses(&f), [Status::Fail; 4]);
        assert_eq!(
            f[0].status_extended,
            "VPN Connection vpn-0 has at least one tunnel DOWN."
        );
    }

    #[test]
    fn deleted_connections_are_skipped() {
        assert!(check(&[("deleted", &["DOWN", "DOWN"])]).is_empty());
    }

    #[test]
    fn error_when_unreadable() {
        let mut s = snapshot();
        region(&mut s).ec2.vpn_connections = Fetched::Error(ApiError::new(
            "ec2:DescribeVpnConnections",
            "UnauthorizedOperation",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
