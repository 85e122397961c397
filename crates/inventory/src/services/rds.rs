//! RDS (regional): DB instances and clusters, their snapshots (with whether each is
//! public), event subscriptions, and the parameters that checks read from
//! their parameter groups (each group asked once, however many use it).

use std::collections::{BTreeMap, BTreeSet};

use kestrel_model::rds::{
    DbCluster, DbInstance, DbSnapshot, EventSubscription, Parameters, Rds, DESCRIBE_DB_CLUSTERS,
    DESCRIBE_DB_CLUSTER_PARAMETERS, DESCRIBE_DB_CLUSTER_SNAPSHOTS,
    DESCRIBE_DB_CLUSTER_SNAPSHOT_ATTRIBUTES, DESCRIBE_DB_INSTANCES, DESCRIBE_DB_PARAMETERS,
    DESCRIBE_DB_SNAPSHOTS, DESCRIBE_DB_SNAPSHOT_ATTRIBUTES, DESCRIBE_EVENT_SUBSCRIPTIONS,
    KEPT_PARAMETERS,
};
use kestrel_model::{ApiError, Fetched};

use crate::collection::{fan_out, when, Collection};
use crate::services::Service;

crate::sdk_client!(aws_sdk_rds, "RDS", "rds");

pub const SERVICE: Service = Service {
    label: "rds",
    actions: &[
        DESCRIBE_DB_INSTANCES,
        DESCRIBE_DB_CLUSTERS,
        DESCRIBE_DB_PARAMETERS,
        DESCRIBE_DB_CLUSTER_PARAMETERS,
        DESCRIBE_DB_SNAPSHOTS,
        DESCRIBE_DB_SNAPSHOT_ATTRIBUTES,
        DESCRIBE_DB_CLUSTER_SNAPSHOTS,
        DESCRIBE_DB_CLUSTER_SNAPSHOT_ATTRIBUTES,
        DESCRIBE_EVENT_SUBSCRIPTIONS,
    ],
    collect: crate::regional!(collect => rds),
    after: None,
};

async fn collect(ctx: &Collection, region: &str) -> Rds {
    let c: aws_sdk_rds::Client = ctx.clients.get(region);
    let instances = async {
        let list = when(ctx.needs(DESCRIBE_DB_INSTANCES), db_instances(ctx, &c)).await;
        // The groups of standalone instances: a cluster member's TLS setting is its
        // cluster's.
        let groups = match &list {
            Fetched::Ok(dbs) if ctx.needs(DESCRIBE_DB_PARAMETERS) => dbs
                .iter()
                .filter(|d| d.cluster_id.as_deref().unwrap_or_default().is_empty())
                .flat_map(|d| d.parameter_groups.iter().cloned())
                .collect(),
            _ => BTreeSet::new(),
        };
        let params = parameters(groups, |g| db_parameters(ctx, &c, g)).await;
        (list, params)
    };
    let clusters = async {
        let list = when(ctx.needs(DESCRIBE_DB_CLUSTERS), db_clusters(ctx, &c)).await;
        let groups = match &list {
            Fetched::Ok(cs) if ctx.needs(DESCRIBE_DB_CLUSTER_PARAMETERS) => cs
                .iter()
                .filter_map(|c| c.parameter_group.clone())
                .collect(),
            _ => BTreeSet::new(),
        };
        let params = parameters(groups, |g| cluster_parameters(ctx, &c, g)).await;
        (list, params)
    };
    let (
        (instances, db_parameters),
        (clusters, cluster_parameters),
        snapshots,
        cluster_snapshots,
        event_subscriptions,
    ) = futures::join!(
        instances,
        clusters,
        when(ctx.needs(DESCRIBE_DB_SNAPSHOTS), db_snapshots(ctx, &c)),
        when(
            ctx.needs(DESCRIBE_DB_CLUSTER_SNAPSHOTS),
            cluster_snapshots(ctx, &c)
        ),
        when(
            ctx.needs(DESCRIBE_EVENT_SUBSCRIPTIONS),
            event_subscriptions(ctx, &c)
        ),
    );
    Rds {
        instances,
        clusters,
        db_parameters,
        cluster_parameters,
        snapshots,
        cluster_snapshots,
        event_subscriptions,
    }
}

async fn event_subscriptions(
    ctx: &Collection,
    c: &aws_sdk_rds::Client,
) -> Result<Vec<EventSubscription>, ApiError> {
    ctx.list(
        DESCRIBE_EVENT_SUBSCRIPTIONS,
        |m| c.describe_event_subscriptions().set_marker(m).send(),
        |p| p.marker(),
        |p| {
            p.event_subscriptions_list()
                .iter()
                .map(|e| EventSubscription {
                    id: e.cust_subscription_id().unwrap_or_default().to_string(),
                    arn: e.event_subscription_arn().unwrap_or_default().to_string(),
                    source_type: e.source_type().unwrap_or_default().to_string(),
                    categories: e.event_categories_list().to_vec(),
                    enabled: e.enabled().unwrap_or(false),
                })
                .collect::<Vec<_>>()
        },
    )
    .await
}

/// Whether a snapshot attribute list makes the snapshot public (`restore` lists `all`).
fn lists_all<'a>(mut values: impl Iterator<Item = &'a [String]>) -> bool {
    values.any(|v| v.iter().any(|a| a == "all"))
}

async fn db_snapshots(
    ctx: &Collection,
    c: &aws_sdk_rds::Client,
) -> Result<Vec<DbSnapshot>, ApiError> {
    let mut list = ctx
        .list(
            DESCRIBE_DB_SNAPSHOTS,
            |m| c.describe_db_snapshots().set_marker(m).send(),
            |p| p.marker(),
            |p| {
                p.db_snapshots()
                    .iter()
                    .map(|s| DbSnapshot {
                        id: s.db_snapshot_identifier().unwrap_or_default().to_string(),
                        arn: s.db_snapshot_arn().unwrap_or_default().to_string(),
                        engine: s.engine().unwrap_or_default().to_string(),
                        source_id: s.db_instance_identifier().unwrap_or_default().to_string(),
                        encrypted: s.encrypted().unwrap_or(false),
                        tags: tags(s.tag_list()),
                        ..Default::default()
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await?;
    if ctx.needs(DESCRIBE_DB_SNAPSHOT_ATTRIBUTES) {
        let public = fan_out(list.iter().map(|s| async move {
            let o = ctx
                .call(DESCRIBE_DB_SNAPSHOT_ATTRIBUTES, || {
                    c.describe_db_snapshot_attributes()
                        .db_snapshot_identifier(&s.id)
                        .send()
                })
                .await?;
            Ok(lists_all(
                o.db_snapshot_attributes_result()
                    .map(|r| r.db_snapshot_attributes())
                    .unwrap_or_default()
                    .iter()
                    .map(|a| a.attribute_values()),
            ))
        }))
        .await;
        for (s, p) in list.iter_mut().zip(public) {
            s.public = p.into();
        }
    }
    Ok(list)
}

async fn cluster_snapshots(
    ctx: &Collection,
    c: &aws_sdk_rds::Client,
) -> Result<Vec<DbSnapshot>, ApiError> {
    let mut list = ctx
        .list(
            DESCRIBE_DB_CLUSTER_SNAPSHOTS,
            |m| c.describe_db_cluster_snapshots().set_marker(m).send(),
            |p| p.marker(),
            |p| {
                p.db_cluster_snapshots()
                    .iter()
                    .map(|s| DbSnapshot {
                        id: s
                            .db_cluster_snapshot_identifier()
                            .unwrap_or_default()
                            .to_string(),
                        arn: s.db_cluster_snapshot_arn().unwrap_or_default().to_string(),
                        engine: s.engine().unwrap_or_default().to_string(),
                        source_id: s.db_cluster_identifier().unwrap_or_default().to_string(),
                        encrypted: s.storage_encrypted().unwrap_or(false),
                        tags: tags(s.tag_list()),
                        ..Default::default()
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await?;
    if ctx.needs(DESCRIBE_DB_CLUSTER_SNAPSHOT_ATTRIBUTES) {
        let public = fan_out(list.iter().map(|s| async move {
            let o = ctx
                .call(DESCRIBE_DB_CLUSTER_SNAPSHOT_ATTRIBUTES, || {
                    c.describe_db_cluster_snapshot_attributes()
                        .db_cluster_snapshot_identifier(&s.id)
                        .send()
                })
                .await?;
            Ok(lists_all(
                o.db_cluster_snapshot_attributes_result()
                    .map(|r| r.db_cluster_snapshot_attributes())
                    .unwrap_or_default()
                    .iter()
                    .map(|a| a.attribute_values()),
            ))
        }))
        .await;
        for (s, p) in list.iter_mut().zip(public) {
            s.public = p.into();
        }
    }
    Ok(list)
}

/// Each group's kept parameters, the groups asked concurrently.
async fn parameters<F, Fut>(
    groups: BTreeSet<String>,
    get: F,
) -> BTreeMap<String, Fetched<Parameters>>
where
    F: Fn(String) -> Fut,
    Fut: std::future::Future<Output = Result<Parameters, ApiError>>,
{
    let groups: Vec<String> = groups.into_iter().collect();
    let got = fan_out(groups.iter().cloned().map(&get)).await;
    groups
        .into_iter()
        .zip(got)
        .map(|(g, r)| (g, r.into()))
        .collect()
}

async fn db_instances(
    ctx: &Collection,
    c: &aws_sdk_rds::Client,
) -> Result<Vec<DbInstance>, ApiError> {
    ctx.list(
        DESCRIBE_DB_INSTANCES,
        |m| c.describe_db_instances().set_marker(m).send(),
        |p| p.marker(),
        |p| p.db_instances().iter().map(instance).collect::<Vec<_>>(),
    )
    .await
}

fn instance(d: &aws_sdk_rds::types::DbInstance) -> DbInstance {
    DbInstance {
        id: d.db_instance_identifier().unwrap_or_default().to_string(),
        arn: d.db_instance_arn().unwrap_or_default().to_string(),
        engine: d.engine().unwrap_or_default().to_string(),
        publicly_accessible: d.publicly_accessible().unwrap_or(false),
        storage_encrypted: d.storage_encrypted().unwrap_or(false),
        multi_az: d.multi_az().unwrap_or(false),
        auto_minor_version_upgrade: d.auto_minor_version_upgrade().unwrap_or(false),
        cluster_id: d.db_cluster_identifier().map(str::to_string),
        port: d.endpoint().and_then(|e| e.port()).or(d.db_instance_port()),
        endpoint_address: d.endpoint().and_then(|e| e.address()).map(str::to_string),
        vpc_id: d
            .db_subnet_group()
            .and_then(|g| g.vpc_id())
            .map(str::to_string),
        subnet_ids: d
            .db_subnet_group()
            .map(|g| {
                g.subnets()
                    .iter()
                    .filter(|s| s.subnet_status() == Some("Active"))
                    .filter_map(|s| s.subnet_identifier().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default(),
        security_group_ids: d
            .vpc_security_groups()
            .iter()
            .filter_map(|g| g.vpc_security_group_id().map(str::to_string))
            .collect(),
        tags: tags(d.tag_list()),
        backup_retention_period: d.backup_retention_period().unwrap_or(0),
        replica_source: d
            .read_replica_source_db_instance_identifier()
            .map(str::to_string),
        deletion_protection: d.deletion_protection().unwrap_or(false),
        enhanced_monitoring_arn: d.enhanced_monitoring_resource_arn().map(str::to_string),
        iam_auth: d.iam_database_authentication_enabled().unwrap_or(false),
        cloudwatch_logs: d.enabled_cloudwatch_logs_exports().to_vec(),
        copy_tags_to_snapshot: d.copy_tags_to_snapshot().unwrap_or(false),
        master_username: d.master_username().unwrap_or_default().to_string(),
        parameter_groups: d
            .db_parameter_groups()
            .iter()
            .filter_map(|g| g.db_parameter_group_name().map(str::to_string))
            .collect(),
    }
}

/// The kept parameters (with a value) of one parameter's page.
fn kept(params: &[aws_sdk_rds::types::Parameter]) -> Vec<(String, String)> {
    params
        .iter()
        .filter_map(|p| {
            let name = p.parameter_name()?;
            let value = p.parameter_value()?;
            KEPT_PARAMETERS
                .contains(&name)
                .then(|| (name.to_string(), value.to_string()))
        })
        .collect()
}

async fn db_parameters(
    ctx: &Collection,
    c: &aws_sdk_rds::Client,
    group: String,
) -> Result<Parameters, ApiError> {
    let list = ctx
        .list(
            DESCRIBE_DB_PARAMETERS,
            |m| {
                c.describe_db_parameters()
                    .db_parameter_group_name(&group)
                    .max_records(100)
                    .set_marker(m)
                    .send()
            },
            |p| p.marker(),
            |p| kept(p.parameters()),
        )
        .await?;
    Ok(list.into_iter().collect())
}

async fn cluster_parameters(
    ctx: &Collection,
    c: &aws_sdk_rds::Client,
    group: String,
) -> Result<Parameters, ApiError> {
    let list = ctx
        .list(
            DESCRIBE_DB_CLUSTER_PARAMETERS,
            |m| {
                c.describe_db_cluster_parameters()
                    .db_cluster_parameter_group_name(&group)
                    .max_records(100)
                    .set_marker(m)
                    .send()
            },
            |p| p.marker(),
            |p| kept(p.parameters()),
        )
        .await?;
    Ok(list.into_iter().collect())
}

fn tags(tags: &[aws_sdk_rds::types::Tag]) -> kestrel_model::Tags {
    tags.iter()
        .filter_map(|t| {
            Some((
                t.key()?.to_string(),
                t.value().unwrap_or_default().to_string(),
            ))
        })
        .collect()
}

async fn db_clusters(
    ctx: &Collection,
    c: &aws_sdk_rds::Client,
) -> Result<Vec<DbCluster>, ApiError> {
    ctx.list(
        DESCRIBE_DB_CLUSTERS,
        |m| c.describe_db_clusters().set_marker(m).send(),
        |p| p.marker(),
        |p| {
            p.db_clusters()
                .iter()
                .map(|d| DbCluster {
                    id: d.db_cluster_identifier().unwrap_or_default().to_string(),
                    arn: d.db_cluster_arn().unwrap_or_default().to_string(),
                    engine: d.engine().unwrap_or_default().to_string(),
                    multi_az: d.multi_az().unwrap_or(false),
                    storage_encrypted: d.storage_encrypted().unwrap_or(false),
                    tags: tags(d.tag_list()),
                    deletion_protection: d.deletion_protection().unwrap_or(false),
                    iam_auth: d.iam_database_authentication_enabled().unwrap_or(false),
                    copy_tags_to_snapshot: d.copy_tags_to_snapshot().unwrap_or(false),
                    backtrack_window: d.backtrack_window().unwrap_or(0),
                    master_username: d.master_username().unwrap_or_default().to_string(),
                    cloudwatch_logs: d.enabled_cloudwatch_logs_exports().to_vec(),
                    auto_minor_version_upgrade: d.auto_minor_version_upgrade().unwrap_or(false),
                    parameter_group: d.db_cluster_parameter_group().map(str::to_string),
                    resource_id: d.db_cluster_resource_id().unwrap_or_default().to_string(),
                    backup_retention_period: d.backup_retention_period().unwrap_or(0),
                })
                .collect::<Vec<_>>()
        },
    )
    .await
}
