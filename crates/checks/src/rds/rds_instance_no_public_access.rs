//! # rds_instance_no_public_access
//!
//! ## Description
//!
//! Checks that RDS DB instances are not reachable from the internet: publicly accessible,
//! with a security group opening the database port to 0.0.0.0/0 or ::/0, in a public
//! subnet.
//!
//! CIS 3.2.3. As in Prowler, an instance fails only when all three conditions hold; a
//! public subnet is one whose route table has a default route to an internet gateway.
//! Otherwise it passes, and the finding says which layer stops the exposure.
//!
//! ## Risk
//!
//! An internet-reachable database invites brute-force logins, exploitation of engine
//! vulnerabilities and direct exfiltration of data.
//!
//! ## Remediation
//!
//! Disable the PubliclyAccessible setting, place the instance in private subnets, and allow
//! the database port only from trusted security groups or ranges.
//!
//! `aws rds modify-db-instance --db-instance-identifier <id> --no-publicly-accessible
//! --apply-immediately`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Overview.RDSSecurityGroups.html

use kestrel_model::{
    ec2::RouteTable, ec2::SecurityGroup, rds::DbInstance, Finding, Severity, Status,
};

use crate::ec2::subnet_is_public;
use crate::rds::engine_in_scope;
use crate::util::collected;
use crate::util::net::permission_open_to_internet;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds_instance_no_public_access",
        title: "RDS instance is not publicly exposed to the Internet",
        service: "rds",
        subservice: "instance",
        severity: Severity::Critical,
        resource_type: "AwsRdsDbInstance",
        categories: &["internet-exposed"],
        check_type: &["Infrastructure Security"],
        needs: &[
            kestrel_model::rds::DESCRIBE_DB_INSTANCES,
            kestrel_model::ec2::DESCRIBE_SECURITY_GROUPS,
            kestrel_model::ec2::DESCRIBE_ROUTE_TABLES,
        ],
    },
    run,
};

/// Status and text for a publicly accessible instance with security groups and a port.
fn exposed(
    db: &DbInstance,
    port: i32,
    groups: &[SecurityGroup],
    route_tables: &[RouteTable],
) -> (Status, String) {
    let open_group = groups
        .iter()
        .filter(|sg| db.security_group_ids.contains(&sg.id))
        .find(|sg| {
            sg.ingress
                .iter()
                .any(|p| permission_open_to_internet(p, "tcp", Some(port)))
        });
    let Some(sg) = open_group else {
        return (
            Status::Pass,
            format!(
                "RDS Instance {} is set as publicly accessible but filtered with security groups.",
                db.id
            ),
        );
    };
    let endpoint = db.endpoint_address.as_deref().unwrap_or_default();
    let exposure = format!(
        "RDS Instance {} is set as publicly accessible and security group {} ({}) has {} port {port} open to the Internet at endpoint {endpoint}",
        db.id, sg.name, sg.id, db.engine
    );
    let public_subnet = db
        .subnet_ids
        .iter()
        .find(|s| subnet_is_public(route_tables, s, db.vpc_id.as_deref()));
    match public_subnet {
        Some(subnet) => (
            Status::Fail,
            format!("{exposure} in a public subnet {subnet}."),
        ),
        None => (
            Status::Pass,
            format!("{exposure} but is not in a public subnet."),
        ),
    }
}

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(dbs) = collected(&r.rds.instances, id, region, scan.account_id(), "", emit) else {
            continue;
        };
        for db in dbs.iter().filter(|d| engine_in_scope(&d.engine)) {
            let (status, text) = if !db.publicly_accessible {
                (
                    Status::Pass,
                    format!("RDS Instance {} is not publicly accessible.", db.id),
                )
            } else if db.security_group_ids.is_empty() {
                (
                    Status::Pass,
                    format!(
                        "RDS Instance {} is set as publicly accessible, but is not publicly exposed.",
                        db.id
                    ),
                )
            } else if let Some(port) = db.port {
                // Network data is read only for publicly accessible instances; when
                // it is missing, this instance's exposure is unknown: ERROR.
                let Some(groups) =
                    collected(&r.ec2.security_groups, id, region, &db.id, &db.arn, emit)
                else {
                    continue;
                };
                let Some(tables) =
                    collected(&r.ec2.route_tables, id, region, &db.id, &db.arn, emit)
                else {
                    continue;
                };
                exposed(db, port, groups, tables)
            } else {
                (
                    Status::Pass,
                    format!(
                        "RDS Instance {} is set as publicly accessible but filtered with security groups.",
                        db.id
                    ),
                )
            };
            emit(Finding::new(id, status, region, &db.id, &db.arn, text).with_tags(&db.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ec2::tests::route_table;
    use crate::rds::tests::instance;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ec2::IpPermission, ApiError, Fetched, Snapshot};

    fn snap(public: bool, cidr: &str, public_subnet: bool) -> Snapshot {
        let mut s = snapshot();
        let r = region(&mut s);
        r.rds.instances = Fetched::Ok(vec![DbInstance {
            publicly_accessible: public,
            security_group_ids: vec!["sg-db".into()],
            endpoint_address: Some("db-1.abc.us-east-1.rds.amazonaws.com".into()),
            vpc_id: Some("vpc-1".into()),
            subnet_ids: vec!["subnet-a".into(), "subnet-b".into()],
            ..instance("db-1")
        }]);
        r.ec2.security_groups = Fetched::Ok(vec![SecurityGroup {
            id: "sg-db".into(),
            name: "db".into(),
            ingress: vec![IpPermission {
                protocol: "tcp".into(),
                from_port: Some(5432),
                to_port: Some(5432),
                ipv4_ranges: vec![cidr.into()],
                ..Default::default()
            }],
            ..Default::default()
        }]);
        r.ec2.route_tables = Fetched::Ok(vec![
            route_table("rtb-main", "vpc-1", true, &[], false),
            route_table("rtb-b", "vpc-1", false, &["subnet-b"], public_subnet),
        ]);
        s
    }

    #[test]
    fn fail_when_public_open_and_in_public_subnet() {
        let f = run(&CHECK, &snap(true, "0.0.0.0/0", true));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "RDS Instance db-1 is set as publicly accessible and security group db (sg-db) has postgres port 5432 open to the Internet at endpoint db-1.abc.us-east-1.rds.amazonaws.com in a public subnet subnet-b."
        );
    }

    #[test]
    fn pass_when_any_layer_blocks() {
        let f = run(&CHECK, &snap(false, "0.0.0.0/0", true));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert!(f[0]
            .status_extended
            .ends_with("is not publicly accessible."));
        let f = run(&CHECK, &snap(true, "10.0.0.0/8", true));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert!(f[0]
            .status_extended
            .contains("filtered with security groups"));
        let f = run(&CHECK, &snap(true, "0.0.0.0/0", false));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert!(f[0]
            .status_extended
            .ends_with("but is not in a public subnet."));
    }

    #[test]
    fn error_only_when_network_data_is_needed() {
        let mut s = snap(true, "0.0.0.0/0", true);
        region(&mut s).ec2.security_groups = Fetched::Error(ApiError::new(
            "ec2:DescribeSecurityGroups",
            "UnauthorizedOperation",
            "",
        ));
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Error]);
        assert_eq!(f[0].resource_id, "db-1");
        let mut s = snap(false, "0.0.0.0/0", true);
        region(&mut s).ec2.security_groups = Fetched::NotCollected;
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Pass]);
    }
}
