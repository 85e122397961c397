//! # rds_instance_non_default_port
//!
//! ## Description
//!
//! Checks that each RDS DB instance does not listen on its engine's well-known port: 3306
//! for MySQL, MariaDB and Aurora MySQL, 5432 for PostgreSQL and Aurora PostgreSQL, 1521 for
//! Oracle, 1433 for SQL Server, 50000 for Db2.
//!
//! ## Risk
//!
//! Scanners look for databases on their default ports first; a default port makes an
//! exposed instance easier to find and to attack with automated tools.
//!
//! ## Remediation
//!
//! Change the port (applications must follow) and update the security groups.
//!
//! `aws rds modify-db-instance --db-instance-identifier <id> --db-port-number <port>`
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ModifyInstance.Settings.html

use kestrel_model::{Finding, Severity, Status};

use crate::rds::each_instance;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds_instance_non_default_port",
        title: "RDS instance listens on a port other than its engine's default",
        service: "rds",
        subservice: "instance",
        severity: Severity::Low,
        resource_type: "AwsRdsDbInstance",
        categories: &[],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Network Reachability",
            "TTPs/Discovery",
        ],
        needs: &[kestrel_model::rds::DESCRIBE_DB_INSTANCES],
    },
    run,
};

/// Each default port and the engines (substrings of the engine name) that use it.
const DEFAULT_PORTS: [(i32, &[&str]); 5] = [
    (3306, &["mysql", "mariadb", "aurora-mysql"]),
    (5432, &["postgres", "aurora-postgresql"]),
    (1521, &["oracle"]),
    (1433, &["sqlserver"]),
    (50000, &["db2"]),
];

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    each_instance(CHECK.meta.id, scan, emit, |db, _| {
        let port = db.port.map_or("None".to_string(), |p| p.to_string());
        let engine = db.engine.to_lowercase();
        let default = DEFAULT_PORTS
            .iter()
            .any(|(p, engines)| Some(*p) == db.port && engines.iter().any(|e| engine.contains(e)));
        Some(if default {
            (
                Status::Fail,
                format!(
                    "RDS Instance {} is using the default port {port} for {}.",
                    db.id, db.engine
                ),
            )
        } else {
            (
                Status::Pass,
                format!(
                    "RDS Instance {} is not using the default port {port} for {}.",
                    db.id, db.engine
                ),
            )
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
    fn default_port_of_the_engine_fails() {
        let mut s = snapshot();
        region(&mut s).rds.instances = Fetched::Ok(vec![
            instance("pg-default"),
            DbInstance {
                port: Some(6543),
                ..instance("pg-moved")
            },
            DbInstance {
                engine: "mysql".into(),
                port: Some(5432),
                ..instance("mysql-on-pg-port")
            },
            DbInstance {
                engine: "sqlserver-se".into(),
                port: Some(1433),
                ..instance("mssql")
            },
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(
            statuses(&f),
            [Status::Fail, Status::Pass, Status::Pass, Status::Fail]
        );
        assert!(f[0]
            .status_extended
            .contains("default port 5432 for postgres"));
    }
}
