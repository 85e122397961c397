//! # rds_instance_inside_vpc
//!
//! ## Description
//!
//! Checks that each RDS DB instance runs in a VPC (its DB subnet group names one) rather
//! than on the EC2-Classic network.
//!
//! ## Risk
//!
//! Outside a VPC the instance cannot be isolated by security groups, network ACLs, private
//! subnets or VPC endpoints, and shares a flat network with other customers' instances.
//!
//! ## Remediation
//!
//! Move the instance into a VPC: create a DB subnet group in the VPC and restore a snapshot
//! into it (or modify the instance's subnet group where supported).
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html

use kestrel_model::{Finding, Severity, Status};

use crate::rds::each_instance;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds_instance_inside_vpc",
        title: "RDS instance is deployed in a VPC",
        service: "rds",
        subservice: "instance",
        severity: Severity::High,
        resource_type: "AwsRdsDbInstance",
        categories: &["trust-boundaries", "internet-exposed"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Network Reachability",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
        ],
        needs: &[kestrel_model::rds::DESCRIBE_DB_INSTANCES],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    each_instance(CHECK.meta.id, scan, emit, |db, _| {
        Some(match &db.vpc_id {
            Some(vpc) => (
                Status::Pass,
                format!("RDS Instance {} is deployed in a VPC {vpc}.", db.id),
            ),
            None => (
                Status::Fail,
                format!("RDS Instance {} is not deployed in a VPC.", db.id),
            ),
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rds::tests::instance;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{rds::DbInstance, Fetched};

    #[test]
    fn pass_names_the_vpc() {
        let mut s = snapshot();
        region(&mut s).rds.instances = Fetched::Ok(vec![
            DbInstance {
                vpc_id: Some("vpc-1".into()),
                ..instance("db-1")
            },
            instance("db-2"),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert!(f[0].status_extended.ends_with("in a VPC vpc-1."));
    }
}
