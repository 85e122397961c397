//! # rds_cluster_multi_az
//!
//! ## Description
//!
//! Checks that each RDS DB cluster has instances in multiple Availability Zones (MultiAZ).
//!
//! CIS 3.2.4.
//!
//! ## Risk
//!
//! A cluster confined to one Availability Zone has no automatic failover target if that
//! zone fails, causing downtime and possible data unavailability.
//!
//! ## Remediation
//!
//! Add a replica (reader) in another Availability Zone, or use a Multi-AZ DB cluster
//! deployment, so RDS can fail over automatically.
//!
//! For Aurora, `aws rds create-db-instance --db-cluster-identifier <cluster>
//! --db-instance-identifier <reader> --availability-zone <other-az> --engine <engine>
//! --db-instance-class <class>` adds the reader.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts.html

use kestrel_model::{Finding, Severity, Status};

use crate::rds::each_cluster;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds_cluster_multi_az",
        title: "RDS cluster has Multi-AZ enabled",
        service: "rds",
        subservice: "cluster",
        severity: Severity::Medium,
        resource_type: "AwsRdsDbCluster",
        categories: &["resilience"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices"],
        needs: &[kestrel_model::rds::DESCRIBE_DB_CLUSTERS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    each_cluster(CHECK.meta.id, scan, emit, |c, _| {
        Some(if c.multi_az {
            (
                Status::Pass,
                format!("RDS Cluster {} has multi-AZ enabled.", c.id),
            )
        } else {
            (
                Status::Fail,
                format!("RDS Cluster {} does not have multi-AZ enabled.", c.id),
            )
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{rds::DbCluster, Fetched};

    fn cluster(id: &str, engine: &str, multi_az: bool) -> DbCluster {
        DbCluster {
            id: id.into(),
            arn: format!("arn:aws:rds:us-east-1:123456789012:cluster:{id}"),
            engine: engine.into(),
            multi_az,
            ..Default::default()
        }
    }

    #[test]
    fn pass_and_fail_per_cluster_docdb_skipped() {
        let mut s = snapshot();
        region(&mut s).rds.clusters = Fetched::Ok(vec![
            cluster("c-1", "aurora-mysql", true),
            cluster("c-2", "aurora-postgresql", false),
            cluster("c-3", "docdb", false),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert_eq!(f[1].resource_id, "c-2");
    }
}
