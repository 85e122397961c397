//! Network rules as Prowler evaluates them.

use kestrel_model::{ec2::IpPermission, ec2::NaclEntry};

pub const INTERNET_V4: &str = "0.0.0.0/0";
pub const INTERNET_V6: &str = "::/0";

/// Whether an ingress permission opens `port` (or, with None, every port) to the
/// whole internet. Prowler's `check_security_group`: protocol `-1` always counts; a
/// `tcp` rule counts when its range is 0-65535 or (with a port) contains the port.
pub fn permission_open_to_internet(p: &IpPermission, protocol: &str, port: Option<i32>) -> bool {
    let internet = p.ipv4_ranges.iter().any(|c| c == INTERNET_V4)
        || p.ipv6_ranges.iter().any(|c| c == INTERNET_V6);
    if !internet {
        return false;
    }
    if p.protocol == "-1" {
        return true;
    }
    if p.protocol != protocol {
        return false;
    }
    let (from, to) = (p.from_port.unwrap_or(0), p.to_port.unwrap_or(65535));
    if from == 0 && to == 65535 {
        return true;
    }
    match port {
        Some(port) => from <= port && port <= to,
        None => false,
    }
}

/// Prowler's `check_network_acl`: ingress rules in rule-number order, IPv6 then IPv4;
/// the first rule from the internet that covers the protocol/port decides (deny first
/// means not open). `protocol` is `-1` for "any".
pub fn nacl_open_to_internet(entries: &[NaclEntry], protocol: &str, port: i32) -> bool {
    let covers = |e: &NaclEntry| {
        e.protocol == "-1"
            || (e.protocol == protocol
                && e.from_port.unwrap_or(0) <= port
                && port <= e.to_port.unwrap_or(65535))
    };
    let mut v6: Vec<&NaclEntry> = entries
        .iter()
        .filter(|e| !e.egress && e.cidr_block.is_none())
        .collect();
    v6.sort_by_key(|e| e.rule_number);
    for e in v6 {
        if e.ipv6_cidr_block.as_deref() == Some(INTERNET_V6) && covers(e) {
            if e.rule_action == "deny" {
                break;
            }
            if e.rule_action == "allow" {
                return true;
            }
        }
    }
    let mut v4: Vec<&NaclEntry> = entries
        .iter()
        .filter(|e| !e.egress && e.ipv6_cidr_block.is_none())
        .collect();
    v4.sort_by_key(|e| e.rule_number);
    for e in v4 {
        if e.cidr_block.as_deref() == Some(INTERNET_V4) && covers(e) {
            if e.rule_action == "deny" {
                return false;
            }
            if e.rule_action == "allow" {
                return true;
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn perm(protocol: &str, from: i32, to: i32, cidr: &str) -> IpPermission {
        IpPermission {
            protocol: protocol.into(),
            from_port: Some(from),
            to_port: Some(to),
            ipv4_ranges: vec![cidr.into()],
            ..Default::default()
        }
    }

    #[test]
    fn security_group_rules() {
        assert!(permission_open_to_internet(
            &perm("tcp", 22, 22, INTERNET_V4),
            "tcp",
            Some(22)
        ));
        assert!(permission_open_to_internet(
            &perm("tcp", 0, 65535, INTERNET_V4),
            "tcp",
            Some(22)
        ));
        assert!(permission_open_to_internet(
            &perm("-1", 0, 0, INTERNET_V4),
            "tcp",
            None
        ));
        assert!(!permission_open_to_internet(
            &perm("tcp", 22, 22, "10.0.0.0/8"),
            "tcp",
            Some(22)
        ));
        assert!(!permission_open_to_internet(
            &perm("tcp", 443, 443, INTERNET_V4),
            "tcp",
            Some(22)
        ));
        assert!(!permission_open_to_internet(
            &perm("tcp", 22, 22, INTERNET_V4),
            "tcp",
            None
        ));
    }

    fn entry(n: i32, action: &str, protocol: &str, cidr: &str, from: i32, to: i32) -> NaclEntry {
        NaclEntry {
            rule_number: n,
            protocol: protocol.into(),
            rule_action: action.into(),
            egress: false,
            cidr_block: Some(cidr.into()),
            ipv6_cidr_block: None,
            from_port: Some(from),
            to_port: Some(to),
        }
    }

    #[test]
    fn nacl_rule_order_decides() {
        let default = vec![
            entry(100, "allow", "-1", INTERNET_V4, 0, 0),
            entry(32767, "deny", "-1", INTERNET_V4, 0, 0),
        ];
        assert!(nacl_open_to_internet(&default, "6", 22));
        assert!(nacl_open_to_internet(&default, "-1", -1));
        let deny_first = vec![
            entry(50, "deny", "6", INTERNET_V4, 22, 22),
            entry(100, "allow", "-1", INTERNET_V4, 0, 0),
        ];
        assert!(!nacl_open_to_internet(&deny_first, "6", 22));
        assert!(nacl_open_to_internet(&deny_first, "6", 3389));
    }
}
