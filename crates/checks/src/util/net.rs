//! Network rules as Prowler evaluates them.

use kestrel_model::{ec2::IpPermission, ec2::NaclEntry};

pub const INTERNET_V4: &str = "0.0.0.0/0";
pub const INTERNET_V6: &str = "::/0";

/// Whether a permission's sources include the whole internet (0.0.0.0/0 or ::/0).
pub fn from_internet(p: &IpPermission) -> bool {
    p.ipv4_ranges.iter().any(|c| c == INTERNET_V4) || p.ipv6_ranges.iter().any(|c| c == INTERNET_V6)
}

/// Whether an ingress permission opens `port` (or, with None, every port) to the
/// whole internet. Prowler's `check_security_group`: protocol `-1` always counts; a
/// `tcp` rule counts when its range is 0-65535 or (with a port) contains the port.
pub fn permission_open_to_internet(p: &IpPermission, protocol: &str, port: Option<i32>) -> bool {
    if !from_internet(p) {
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

/// Special-purpose IPv4 ranges: a network wholly inside one of them is not globally
/// routable (Python's `ipaddress` list, which Prowler's `_is_cidr_public` relies on).
const NOT_GLOBAL_V4: &[(u32, u32)] = &[
    (0x0000_0000, 8),  // 0.0.0.0/8
    (0x0A00_0000, 8),  // 10.0.0.0/8
    (0x6440_0000, 10), // 100.64.0.0/10 (shared address space)
    (0x7F00_0000, 8),  // 127.0.0.0/8
    (0xA9FE_0000, 16), // 169.254.0.0/16
    (0xAC10_0000, 12), // 172.16.0.0/12
    (0xC000_0000, 29), // 192.0.0.0/29
    (0xC000_00AA, 31), // 192.0.0.170/31
    (0xC000_0200, 24), // 192.0.2.0/24
    (0xC0A8_0000, 16), // 192.168.0.0/16
    (0xC612_0000, 15), // 198.18.0.0/15
    (0xC633_6400, 24), // 198.51.100.0/24
    (0xCB00_7100, 24), // 203.0.113.0/24
    (0xF000_0000, 4),  // 240.0.0.0/4
    (0xFFFF_FFFF, 32), // 255.255.255.255/32
];

/// The same for IPv6.
const NOT_GLOBAL_V6: &[(u128, u32)] = &[
    (1, 128),                                        // ::1/128
    (0, 128),                                        // ::/128
    (0xFFFF_0000_0000, 96),                          // ::ffff:0:0/96
    (0x0100_0000_0000_0000 << 64, 64),               // 100::/64
    (0x2001_0000_0000_0000_0000_0000_0000_0000, 23), // 2001::/23
    (0x2001_0002_0000_0000_0000_0000_0000_0000, 48), // 2001:2::/48
    (0x2001_0DB8_0000_0000_0000_0000_0000_0000, 32), // 2001:db8::/32
    (0x2001_0010_0000_0000_0000_0000_0000_0000, 28), // 2001:10::/28
    (0xFC00_0000_0000_0000_0000_0000_0000_0000, 7),  // fc00::/7
    (0xFE80_0000_0000_0000_0000_0000_0000_0000, 10), // fe80::/10
];

/// Where a CIDR lies: the whole internet, some public network, the shared address space
/// (100.64.0.0/10: neither public nor private to Python's `ipaddress`), or wholly inside
/// another special-purpose range.
#[derive(Debug, PartialEq, Eq)]
enum Reach {
    Internet,
    Global,
    Shared,
    Special,
}

/// Python's `ipaddress` reading of a CIDR (a bare address is a /32 or /128); None when
/// it cannot be read.
fn reach(cidr: &str) -> Option<Reach> {
    if cidr == INTERNET_V4 || cidr == INTERNET_V6 {
        return Some(Reach::Internet);
    }
    let (addr, len) = match cidr.split_once('/') {
        Some((a, l)) => (a, Some(l.parse::<u32>().ok()?)),
        None => (cidr, None),
    };
    fn inside<T>(first: T, last: T, ranges: &[(T, u32)], bits: u32) -> Option<usize>
    where
        T: Copy + PartialEq + std::ops::BitAnd<Output = T> + std::ops::Shl<u32, Output = T>,
        T: From<u8> + std::ops::Not<Output = T>,
    {
        let ones = !T::from(0u8);
        ranges.iter().position(|&(net, plen)| {
            let m = if plen == 0 {
                T::from(0u8)
            } else {
                ones << (bits - plen)
            };
            first & m == net && last & m == net
        })
    }
    if let Ok(a) = addr.parse::<std::net::Ipv4Addr>() {
        let len = len.unwrap_or(32);
        if len > 32 {
            return None;
        }
        let a = u32::from(a);
        let mask = if len == 0 { 0 } else { u32::MAX << (32 - len) };
        return Some(match inside(a & mask, a | !mask, NOT_GLOBAL_V4, 32) {
            None => Reach::Global,
            Some(i) if NOT_GLOBAL_V4[i] == (0x6440_0000, 10) => Reach::Shared,
            Some(_) => Reach::Special,
        });
    }
    let a = addr.parse::<std::net::Ipv6Addr>().ok()?;
    let len = len.unwrap_or(128);
    if len > 128 {
        return None;
    }
    let a = u128::from(a);
    let mask = if len == 0 {
        0
    } else {
        u128::MAX << (128 - len)
    };
    Some(match inside(a & mask, a | !mask, NOT_GLOBAL_V6, 128) {
        None => Reach::Global,
        Some(_) => Reach::Special,
    })
}

/// Whether a CIDR is reachable from the internet, as Prowler's
/// `_is_cidr_public(cidr)` decides: 0.0.0.0/0 and ::/0, or any network not wholly inside
/// one special-purpose range (a single public /32 counts). An unreadable CIDR is not
/// public.
pub fn cidr_is_global(cidr: &str) -> bool {
    cidr.contains('/') && matches!(reach(cidr), Some(Reach::Internet | Reach::Global))
}

/// Whether a CIDR or address is private as Python's `ipaddress` `is_private` says
/// (wholly inside a special-purpose range other than the shared address space); None
/// when it cannot be read.
pub fn cidr_is_private(cidr: &str) -> Option<bool> {
    reach(cidr).map(|r| r == Reach::Special)
}

#[cfg(test)]
mod global_tests {
    use super::{cidr_is_global, cidr_is_private};

    #[test]
    fn private_as_python_reads_it() {
        assert_eq!(cidr_is_private("10.1.2.3"), Some(true));
        assert_eq!(cidr_is_private("192.168.0.0/16"), Some(true));
        assert_eq!(cidr_is_private("fd00::1"), Some(true));
        assert_eq!(cidr_is_private("100.64.0.0/10"), Some(false));
        assert_eq!(cidr_is_private("8.8.8.0/24"), Some(false));
        assert_eq!(cidr_is_private("0.0.0.0/0"), Some(false));
        assert_eq!(cidr_is_private("not-an-ip"), None);
        assert!(
            !cidr_is_global("8.8.8.8"),
            "a bare address is not a CIDR to Prowler"
        );
    }

    #[test]
    fn public_and_special_purpose_networks() {
        for c in [
            "0.0.0.0/0",
            "::/0",
            "8.8.8.8/32",
            "1.0.0.0/8",
            "0.0.0.0/1",
            "128.0.0.0/1",
            "2600::/16",
            "::/1",
            "8000::/1",
        ] {
            assert!(cidr_is_global(c), "{c}");
        }
        for c in [
            "10.0.0.0/8",
            "10.1.2.3/32",
            "203.0.113.0/24",
            "100.64.0.0/10",
            "172.20.0.0/16",
            "192.168.1.0/24",
            "fd00::/8",
            "fe80::1/128",
            "2001:db8::/48",
            "::1/128",
            "garbage",
            "10.0.0.0/40",
        ] {
            assert!(!cidr_is_global(c), "{c}");
        }
    }
}
