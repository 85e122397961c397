//! RDS checks (DB instances and clusters).

use crate::Check;

pub mod rds_cluster_multi_az;
pub mod rds_instance_minor_version_upgrade_enabled;
pub mod rds_instance_multi_az;
pub mod rds_instance_no_public_access;
pub mod rds_instance_storage_encrypted;

pub const CHECKS: &[&Check] = &[
    &rds_cluster_multi_az::CHECK,
    &rds_instance_minor_version_upgrade_enabled::CHECK,
    &rds_instance_multi_az::CHECK,
    &rds_instance_no_public_access::CHECK,
    &rds_instance_storage_encrypted::CHECK,
];

/// Prowler's RDS service leaves out DocumentDB, which the RDS APIs also list.
pub fn engine_in_scope(engine: &str) -> bool {
    engine != "docdb"
}

#[cfg(test)]
pub(crate) mod tests {
    use kestrel_model::rds::DbInstance;

    pub fn instance(id: &str) -> DbInstance {
        DbInstance {
            id: id.into(),
            arn: format!("arn:aws:rds:us-east-1:123456789012:db:{id}"),
            engine: "postgres".into(),
            port: Some(5432),
            ..Default::default()
        }
    }
}
