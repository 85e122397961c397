//! # rds_instance_transport_encrypted
//!
//! ## Description
//!
//! Checks that each standalone RDS DB instance and each DB cluster refuses client
//! connections that are not encrypted with TLS, through its parameter group.
//!
//! CIS 1.4, 1.5 and 2.0 (2.3.x). As in Prowler: a standalone instance is assessed when
//! its engine is SQL Server, PostgreSQL, MySQL or MariaDB (Oracle and Db2 are not);
//! SQL Server and PostgreSQL pass with `rds.force_ssl` = 1, the others with
//! `require_secure_transport` = 1, in any of the instance's parameter groups. A cluster
//! member is assessed through its cluster, which passes with `rds.force_ssl` = 1 or
//! `require_secure_transport` = ON in its cluster parameter group. A group whose
//! parameters could not be read is ERROR (Prowler reports FAIL).
//!
//! ## Risk
//!
//! A database that accepts plaintext connections lets anyone on the network path read
//! queries, results and credentials, or tamper with them.
//!
//! ## Remediation
//!
//! Set the engine's TLS parameter in a custom parameter group attached to the instance
//! or cluster (default groups cannot be changed), then reboot if the parameter is static.
//!
//! `aws rds modify-db-parameter-group --db-parameter-group-name <group> --parameters
//! ParameterName=rds.force_ssl,ParameterValue=1,ApplyMethod=pending-reboot` (PostgreSQL,
//! SQL Server) or `ParameterName=require_secure_transport,ParameterValue=1` (MySQL,
//! MariaDB); `aws rds modify-db-cluster-parameter-group` for clusters.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.SSL.html
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/PostgreSQL.Concepts.General.SSL.html
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-ssl-connections.html

use std::collections::BTreeMap;

use kestrel_model::rds::Parameters;
use kestrel_model::{Fetched, Finding, Severity, Status};

use crate::rds::{cluster_id, each_cluster, each_instance};
use crate::util::could_not_evaluate;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds_instance_transport_encrypted",
        title: "RDS instance or cluster enforces SSL/TLS encryption for client connections",
        service: "rds",
        subservice: "instance",
        severity: Severity::High,
        resource_type: "AwsRdsDbInstance",
        categories: &["encryption"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Network Security",
        ],
        needs: &[
            kestrel_model::rds::DESCRIBE_DB_INSTANCES,
            kestrel_model::rds::DESCRIBE_DB_PARAMETERS,
            kestrel_model::rds::DESCRIBE_DB_CLUSTERS,
            kestrel_model::rds::DESCRIBE_DB_CLUSTER_PARAMETERS,
        ],
    },
    run,
};

/// Engines whose standalone instances are assessed (matched as substrings, as Prowler
/// does, so `custom-sqlserver-ee` is one).
const ASSESSED: &[&str] = &[
    "sqlserver-se",
    "sqlserver-ee",
    "sqlserver-ex",
    "sqlserver-web",
    "postgres",
    "aurora-postgresql",
    "mysql",
    "mariadb",
    "aurora-mysql",
];

/// Engines (exact names) that enforce TLS with `rds.force_ssl`; the other assessed ones
/// use `require_secure_transport`.
const FORCE_SSL: &[&str] = &[
    "sqlserver-se",
    "sqlserver-ee",
    "sqlserver-ex",
    "sqlserver-web",
    "postgres",
    "aurora-postgresql",
];

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    each_instance(id, scan, emit, |db, rds| {
        if cluster_id(db).is_some() || !ASSESSED.iter().any(|e| db.engine.contains(e)) {
            return None;
        }
        let (name, on) = if FORCE_SSL.contains(&db.engine.as_str()) {
            ("rds.force_ssl", "1")
        } else {
            ("require_secure_transport", "1")
        };
        let mut enforced = false;
        for group in &db.parameter_groups {
            match lookup(&rds.db_parameters, group) {
                Ok(p) => enforced |= p.get(name).map(String::as_str) == Some(on),
                Err(e) => return Some((Status::Error, e)),
            }
        }
        Some(verdict("Instance", &db.id, enforced))
    });
    each_cluster(id, scan, emit, |c, rds| {
        // A cluster without a parameter group has nothing that enforces TLS.
        let enforced = match &c.parameter_group {
            None => false,
            Some(group) => match lookup(&rds.cluster_parameters, group) {
                Ok(p) => {
                    p.get("rds.force_ssl").map(String::as_str) == Some("1")
                        || p.get("require_secure_transport").map(String::as_str) == Some("ON")
                }
                Err(e) => return Some((Status::Error, e)),
            },
        };
        Some(verdict("Cluster", &c.id, enforced))
    });
}

/// One group's kept parameters, or the ERROR text when they could not be read.
fn lookup<'a>(
    groups: &'a BTreeMap<String, Fetched<Parameters>>,
    group: &str,
) -> Result<&'a Parameters, String> {
    match groups.get(group) {
        Some(Fetched::Ok(p)) => Ok(p),
        Some(Fetched::Error(e)) => Err(could_not_evaluate(Some(e))),
        Some(Fetched::NotCollected) | None => Err(could_not_evaluate(None)),
    }
}

fn verdict(kind: &str, id: &str, enforced: bool) -> (Status, String) {
    if enforced {
        (
            Status::Pass,
            format!("RDS {kind} {id} connections use SSL encryption."),
        )
    } else {
        (
            Status::Fail,
            format!("RDS {kind} {id} connections are not encrypted."),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rds::tests::{cluster, instance};
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::rds::{DbCluster, DbInstance};
    use kestrel_model::{ApiError, Snapshot};

    fn params(pairs: &[(&str, &str)]) -> Fetched<Parameters> {
        Fetched::Ok(
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        )
    }

    fn db(id: &str, engine: &str, groups: &[&str]) -> DbInstance {
        DbInstance {
            engine: engine.into(),
            parameter_groups: groups.iter().map(|g| g.to_string()).collect(),
            ..instance(id)
        }
    }

    fn snap(dbs: Vec<DbInstance>, groups: &[(&str, Fetched<Parameters>)]) -> Snapshot {
        let mut s = snapshot();
        let r = region(&mut s);
        r.rds.instances = Fetched::Ok(dbs);
        r.rds.clusters = Fetched::Ok(vec![]);
        r.rds.db_parameters = groups
            .iter()
            .map(|(g, p)| (g.to_string(), p.clone()))
            .collect();
        s
    }

    #[test]
    fn each_engine_reads_its_own_parameter() {
        let s = snap(
            vec![
                db("pg-on", "postgres", &["pg-ssl"]),
                db("pg-off", "postgres", &["pg-plain"]),
                db("my-on", "mysql", &["my-ssl"]),
                // A MySQL instance is not helped by rds.force_ssl.
                db("my-wrong", "mysql", &["pg-ssl"]),
                db("sql-on", "sqlserver-ee", &["pg-ssl"]),
                db("maria-none", "mariadb", &[]),
            ],
            &[
                ("pg-ssl", params(&[("rds.force_ssl", "1")])),
                ("pg-plain", params(&[("rds.force_ssl", "0")])),
                ("my-ssl", params(&[("require_secure_transport", "1")])),
            ],
        );
        let f = run(&CHECK, &s);
        let got: Vec<_> = f
            .iter()
            .map(|f| (f.resource_id.as_str(), f.status))
            .collect();
        assert_eq!(
            got,
            [
                ("pg-on", Status::Pass),
                ("pg-off", Status::Fail),
                ("my-on", Status::Pass),
                ("my-wrong", Status::Fail),
                ("sql-on", Status::Pass),
                ("maria-none", Status::Fail),
            ]
        );
        assert_eq!(
            f[0].status_extended,
            "RDS Instance pg-on connections use SSL encryption."
        );
        assert_eq!(
            f[1].status_extended,
            "RDS Instance pg-off connections are not encrypted."
        );
    }

    #[test]
    fn any_group_enforcing_passes() {
        let s = snap(
            vec![db("pg", "postgres", &["plain", "ssl"])],
            &[
                ("plain", params(&[])),
                ("ssl", params(&[("rds.force_ssl", "1")])),
            ],
        );
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Pass]);
    }

    #[test]
    fn members_oracle_and_docdb_are_left_out() {
        let s = snap(
            vec![
                DbInstance {
                    cluster_id: Some("cl".into()),
                    ..db("member", "aurora-postgresql", &["g"])
                },
                db("ora", "oracle-ee", &["g"]),
                db("doc", "docdb", &["g"]),
            ],
            &[("g", params(&[]))],
        );
        assert!(run(&CHECK, &s).is_empty());
    }

    #[test]
    fn unreadable_group_is_error_not_fail() {
        let denied = ApiError::new("rds:DescribeDBParameters", "AccessDenied", "");
        let s = snap(
            vec![
                db("denied", "postgres", &["g"]),
                db("unasked", "postgres", &["other"]),
            ],
            &[("g", Fetched::Error(denied))],
        );
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Error, Status::Error]);
        assert!(
            f[0].status_extended.contains("AccessDenied"),
            "{}",
            f[0].status_extended
        );
    }

    #[test]
    fn clusters_pass_on_either_setting() {
        let mut s = snapshot();
        let r = region(&mut s);
        r.rds.instances = Fetched::Ok(vec![]);
        let with = |id: &str, engine: &str, g: Option<&str>| DbCluster {
            parameter_group: g.map(str::to_string),
            ..cluster(id, engine)
        };
        r.rds.clusters = Fetched::Ok(vec![
            with("pg", "aurora-postgresql", Some("pg-ssl")),
            with("my", "aurora-mysql", Some("my-ssl")),
            // require_secure_transport is ON/OFF on clusters; "1" is not what Prowler accepts.
            with("my-1", "aurora-mysql", Some("my-1")),
            with("plain", "aurora-mysql", Some("plain")),
            with("none", "mysql", None),
            with("denied", "aurora-mysql", Some("denied")),
            with("doc", "docdb", Some("plain")),
        ]);
        r.rds.cluster_parameters = [
            ("pg-ssl", params(&[("rds.force_ssl", "1")])),
            ("my-ssl", params(&[("require_secure_transport", "ON")])),
            ("my-1", params(&[("require_secure_transport", "1")])),
            ("plain", params(&[])),
            (
                "denied",
                Fetched::Error(ApiError::new(
                    "rds:DescribeDBClusterParameters",
                    "AccessDenied",
                    "",
                )),
            ),
        ]
        .into_iter()
        .map(|(g, p)| (g.to_string(), p))
        .collect();
        let f = run(&CHECK, &s);
        let got: Vec<_> = f
            .iter()
            .map(|f| (f.resource_id.as_str(), f.status))
            .collect();
        assert_eq!(
            got,
            [
                ("pg", Status::Pass),
                ("my", Status::Pass),
                ("my-1", Status::Fail),
                ("plain", Status::Fail),
                ("none", Status::Fail),
                ("denied", Status::Error),
            ]
        );
        assert_eq!(
            f[0].status_extended,
            "RDS Cluster pg connections use SSL encryption."
        );
        assert!(f[0].resource_arn.ends_with(":cluster:pg"));
    }

    #[test]
    fn error_when_instances_cannot_be_listed() {
        let mut s = snapshot();
        let r = region(&mut s);
        r.rds.instances =
            Fetched::Error(ApiError::new("rds:DescribeDBInstances", "AccessDenied", ""));
        r.rds.clusters = Fetched::Ok(vec![]);
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
