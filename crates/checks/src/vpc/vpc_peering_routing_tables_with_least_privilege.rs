//! # vpc_peering_routing_tables_with_least_privilege
//!
//! ## Description
//!
//! Checks that route tables using a VPC peering connection do not route 0.0.0.0/0 or the
//! entire requester or accepter VPC CIDR through peering connections.
//!
//! CIS 6.6.
//!
//! ## Risk
//!
//! Whole-VPC peering routes give every resource in one VPC network reach into every
//! resource of the other, widening the blast radius of a compromise.
//!
//! ## Remediation
//!
//! Route only the specific subnet or host CIDRs that must communicate over the peering
//! connection, and only from the subnets that need them.
//!
//! `aws ec2 delete-route` for the whole-VPC route, then `aws ec2 create-route
//! --route-table-id <rtb> --destination-cidr-block <subnet-cidr>
//! --vpc-peering-connection-id <pcx>`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/vpc/latest/peering/peering-configurations-partial-access.html
//! - https://docs.aws.amazon.com/vpc/latest/peering/vpc-peering-routing.html

use kestrel_model::{ec2::VpcPeeringConnection, Finding, Severity, Status};

use crate::util::collected;
use crate::util::net::INTERNET_V4;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "vpc_peering_routing_tables_with_least_privilege",
        title: "VPC peering connection route tables do not include 0.0.0.0/0 or entire requester/accepter VPC CIDR routes",
        service: "vpc",
        subservice: "peering",
        severity: Severity::Medium,
        resource_type: "AwsEc2VpcPeeringConnection",
        categories: &["trust-boundaries", "internet-exposed"],
        check_type: &["Infrastructure Security"],
        needs: &[
            kestrel_model::ec2::DESCRIBE_VPC_PEERING_CONNECTIONS,
            kestrel_model::ec2::DESCRIBE_ROUTE_TABLES,
        ],
    },
    run,
};

/// A destination that opens more than least access over the peering.
fn too_broad(peer: &VpcPeeringConnection, cidr: &str) -> bool {
    cidr == INTERNET_V4
        || peer.requester_cidrs.iter().any(|c| c == cidr)
        || peer.accepter_cidrs.iter().any(|c| c == cidr)
}

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let account = scan.account_id();
    for (region, r) in scan.regions() {
        let Some(peers) = collected(
            &r.ec2.vpc_peering_connections,
            id,
            region,
            account,
            "",
            emit,
        ) else {
            continue;
        };
        if peers.is_empty() {
            continue;
        }
        let Some(tables) = collected(&r.ec2.route_tables, id, region, account, "", emit) else {
            continue;
        };
        for peer in peers {
            // As Prowler: the tables with a route through this connection, and in them
            // the destinations of every peering route (the local route is not one).
            let broad = tables
                .iter()
                .filter(|t| {
                    t.routes
                        .iter()
                        .any(|rt| rt.vpc_peering_connection_id.as_deref() == Some(&peer.id))
                })
                .flat_map(|t| &t.routes)
                .filter(|rt| rt.vpc_peering_connection_id.is_some())
                .filter_map(|rt| rt.destination_cidr.as_deref())
                .any(|cidr| too_broad(peer, cidr));
            let (status, text) = if broad {
                (
                    Status::Fail,
                    format!(
                        "VPC Peering Connection {} does not comply with least privilege access since it accepts whole VPCs CIDR in its route tables.",
                        peer.id
                    ),
                )
            } else {
                (
                    Status::Pass,
                    format!(
                        "VPC Peering Connection {} comply with least privilege access.",
                        peer.id
                    ),
                )
            };
            emit(Finding::new(id, status, region, &peer.id, &peer.arn, text));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ec2::Route, ec2::RouteTable, Fetched, Snapshot};

    fn snap(destination: &str) -> Snapshot {
        let mut s = snapshot();
        let r = region(&mut s);
        r.ec2.vpc_peering_connections = Fetched::Ok(vec![VpcPeeringConnection {
            id: "pcx-1".into(),
            arn: "arn:aws:ec2:us-east-1:123456789012:vpc-peering-connection/pcx-1".into(),
            requester_vpc_id: "vpc-a".into(),
            accepter_vpc_id: "vpc-b".into(),
            requester_cidrs: vec!["10.0.0.0/16".into()],
            accepter_cidrs: vec!["10.1.0.0/16".into()],
            status: "active".into(),
        }]);
        r.ec2.route_tables = Fetched::Ok(vec![RouteTable {
            id: "rtb-a".into(),
            vpc_id: "vpc-a".into(),
            routes: vec![
                Route {
                    destination_cidr: Some("10.0.0.0/16".into()),
                    gateway_id: Some("local".into()),
                    ..Default::default()
                },
                Route {
                    destination_cidr: Some(destination.into()),
                    vpc_peering_connection_id: Some("pcx-1".into()),
                    ..Default::default()
                },
            ],
            ..Default::default()
        }]);
        s
    }

    #[test]
    fn pass_with_specific_subnet_route() {
        // The local route to the requester's own CIDR does not count.
        let f = run(&CHECK, &snap("10.1.5.0/24"));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(f[0].resource_id, "pcx-1");
    }

    #[test]
    fn fail_with_whole_vpc_or_default_route() {
        assert_eq!(statuses(&run(&CHECK, &snap("10.1.0.0/16"))), [Status::Fail]);
        assert_eq!(statuses(&run(&CHECK, &snap("0.0.0.0/0"))), [Status::Fail]);
    }

    #[test]
    fn error_when_route_tables_missing() {
        let mut s = snap("10.1.5.0/24");
        region(&mut s).ec2.route_tables = Fetched::NotCollected;
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
