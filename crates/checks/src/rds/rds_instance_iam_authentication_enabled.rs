//! # rds_instance_iam_authentication_enabled
//!
//! ## Description
//!
//! Checks that each RDS DB instance of an engine that supports it (MySQL, MariaDB,
//! PostgreSQL and their Aurora variants) accepts IAM database authentication. Other engines
//! (Oracle, SQL Server, Db2) are not assessed.
//!
//! ## Risk
//!
//! With only database passwords, credentials are long-lived, shared and stored in
//! applications; IAM authentication gives short-lived tokens tied to an identity whose use
//! is logged and can be revoked centrally.
//!
//! ## Remediation
//!
//! Enable IAM database authentication, then grant rds-db:connect to the identities that
//! need it.
//!
//! `aws rds modify-db-instance --db-instance-identifier <id>
//! --enable-iam-database-authentication --apply-immediately`
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/UsingWithRDS.IAMDBAuth.html

use kestrel_model::{Finding, Severity, Status};

use crate::rds::{cluster_id, each_instance};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "rds_instance_iam_authentication_enabled",
        title: "RDS instance has IAM database authentication enabled",
        service: "rds",
        subservice: "instance",
        severity: Severity::Medium,
        resource_type: "AwsRdsDbInstance",
        categories: &["identity-access"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "TTPs/Credential Access",
        ],
        needs: &[kestrel_model::rds::DESCRIBE_DB_INSTANCES],
    },
    run,
};

/// Engines with IAM database authentication (matched as substrings of the engine name, as
/// Prowler does: `aurora-postgresql` contains `postgres`).
const IAM_AUTH_ENGINES: [&str; 3] = ["postgres", "mysql", "mariadb"];

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    each_instance(CHECK.meta.id, scan, emit, |db, _| {
        if !IAM_AUTH_ENGINES.iter().any(|e| db.engine.contains(e)) {
            return None;
        }
        let level = match cluster_id(db) {
            Some(c) => format!(" at cluster {c} level"),
            None => String::new(),
        };
        Some(if db.iam_auth {
            (
                Status::Pass,
                format!(
                    "RDS Instance {} has IAM authentication enabled{level}.",
                    db.id
                ),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "RDS Instance {} does not have IAM authentication enabled{level}.",
                    db.id
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
    fn pass_fail_and_engines_without_iam_auth_left_out() {
        let mut s = snapshot();
        region(&mut s).rds.instances = Fetched::Ok(vec![
            DbInstance {
                iam_auth: true,
                ..instance("db-1")
            },
            DbInstance {
                engine: "aurora-mysql".into(),
                cluster_id: Some("c-1".into()),
                ..instance("db-2")
            },
            DbInstance {
                engine: "sqlserver-ex".into(),
                ..instance("db-3")
            },
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert!(f[1].status_extended.ends_with("at cluster c-1 level."));
    }
}
