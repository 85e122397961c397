//! Amazon ECS (regional): every ACTIVE task definition revision with its containers,
//! and every cluster's services with their network configuration.

use kestrel_model::ecs::{
    Container, Ecs, Service as EcsService, TaskDefinition, TaskDefinitionDetails,
    DESCRIBE_SERVICES, DESCRIBE_TASK_DEFINITION, LIST_CLUSTERS, LIST_SERVICES,
    LIST_TASK_DEFINITIONS,
};
use kestrel_model::{ApiError, Tags};

use crate::collection::{fan_out, unreadable, when, Collection};
use crate::services::Service;

crate::sdk_client!(aws_sdk_ecs, "ECS", "ecs");

pub const SERVICE: Service = Service {
    label: "ecs",
    actions: &[
        LIST_TASK_DEFINITIONS,
        DESCRIBE_TASK_DEFINITION,
        LIST_CLUSTERS,
        LIST_SERVICES,
        DESCRIBE_SERVICES,
    ],
    collect: crate::regional!(collect => ecs),
    after: None,
};

/// DescribeServices takes at most ten services per call.
const SERVICES_PER_CALL: usize = 10;

async fn collect(ctx: &Collection, region: &str) -> Ecs {
    let c: aws_sdk_ecs::Client = ctx.clients.get(region);
    let (task_definitions, services) = futures::join!(
        when(ctx.needs(LIST_TASK_DEFINITIONS), task_definitions(ctx, &c)),
        when(ctx.needs(LIST_SERVICES), services(ctx, &c)),
    );
    Ecs {
        task_definitions,
        services,
    }
}

fn tags(tags: &[aws_sdk_ecs::types::Tag]) -> Tags {
    tags.iter()
        .filter_map(|t| {
            Some((
                t.key()?.to_string(),
                t.value().unwrap_or_default().to_string(),
            ))
        })
        .collect()
}

async fn task_definitions(
    ctx: &Collection,
    c: &aws_sdk_ecs::Client,
) -> Result<Vec<TaskDefinition>, ApiError> {
    let arns = ctx
        .list(
            LIST_TASK_DEFINITIONS,
            |t| c.list_task_definitions().set_next_token(t).send(),
            |p| p.next_token(),
            |p| p.task_definition_arns().to_vec(),
        )
        .await?;
    let mut list: Vec<TaskDefinition> = arns
        .into_iter()
        .map(|arn| {
            // arn:aws:ecs:<region>:<account>:task-definition/<family>:<revision>
            let tail = arn.rsplit('/').next().unwrap_or_default();
            let (family, revision) = tail.rsplit_once(':').unwrap_or((tail, ""));
            TaskDefinition {
                family: family.to_string(),
                revision: revision.to_string(),
                arn,
                ..Default::default()
            }
        })
        .collect();
    if ctx.needs(DESCRIBE_TASK_DEFINITION) {
        let details = fan_out(list.iter().map(|td| async move {
            let o = ctx
                .call(DESCRIBE_TASK_DEFINITION, || {
                    c.describe_task_definition()
                        .task_definition(&td.arn)
                        .include(aws_sdk_ecs::types::TaskDefinitionField::Tags)
                        .send()
                })
                .await?;
            let def = Some(
                o.task_definition()
                    .ok_or_else(|| unreadable("ecs:DescribeTaskDefinition"))?,
            );
            Ok(TaskDefinitionDetails {
                network_mode: def
                    .and_then(|d| d.network_mode())
                    .map_or("bridge", |m| m.as_str())
                    .to_string(),
                pid_mode: def
                    .and_then(|d| d.pid_mode())
                    .map(|m| m.as_str().to_string())
                    .unwrap_or_default(),
                containers: def
                    .map(|d| d.container_definitions())
                    .unwrap_or_default()
                    .iter()
                    .map(|k| Container {
                        name: k.name().unwrap_or_default().to_string(),
                        privileged: k.privileged().unwrap_or(false),
                        readonly_root_filesystem: k.readonly_root_filesystem().unwrap_or(false),
                        user: k.user().unwrap_or_default().to_string(),
                        log_driver: k
                            .log_configuration()
                            .map(|l| l.log_driver().as_str().to_string())
                            .unwrap_or_default(),
                        environment: k
                            .environment()
                            .iter()
                            .map(|e| {
                                (
                                    e.name().unwrap_or_default().to_string(),
                                    e.value().unwrap_or_default().to_string(),
                                )
                            })
                            .collect(),
                    })
                    .collect(),
                tags: tags(o.tags()),
            })
        }))
        .await;
        for (td, d) in list.iter_mut().zip(details) {
            td.details = d.into();
        }
    }
    Ok(list)
}

/// Every cluster's services, described ten at a time (Prowler asks one by one).
async fn services(ctx: &Collection, c: &aws_sdk_ecs::Client) -> Result<Vec<EcsService>, ApiError> {
    let clusters = ctx
        .list(
            LIST_CLUSTERS,
            |t| c.list_clusters().set_next_token(t).send(),
            |p| p.next_token(),
            |p| p.cluster_arns().to_vec(),
        )
        .await?;
    let per_cluster = fan_out(clusters.iter().map(|cluster| async move {
        let arns = ctx
            .list(
                LIST_SERVICES,
                |t| c.list_services().cluster(cluster).set_next_token(t).send(),
                |p| p.next_token(),
                |p| p.service_arns().to_vec(),
            )
            .await?;
        let batches = fan_out(arns.chunks(SERVICES_PER_CALL).map(|batch| async move {
            ctx.call(DESCRIBE_SERVICES, || {
                c.describe_services()
                    .cluster(cluster)
                    .set_services(Some(batch.to_vec()))
                    .include(aws_sdk_ecs::types::ServiceField::Tags)
                    .send()
            })
            .await
        }))
        .await;
        let cluster_name = cluster.rsplit('/').next().unwrap_or_default().to_string();
        let mut out = Vec::new();
        for b in batches {
            for s in b?.services() {
                out.push(EcsService {
                    name: s.service_name().unwrap_or_default().to_string(),
                    arn: s.service_arn().unwrap_or_default().to_string(),
                    cluster: cluster_name.clone(),
                    assign_public_ip: s
                        .network_configuration()
                        .and_then(|n| n.awsvpc_configuration())
                        .and_then(|a| a.assign_public_ip())
                        .is_some_and(|a| a.as_str() == "ENABLED"),
                    tags: tags(s.tags()),
                });
            }
        }
        Ok::<_, ApiError>(out)
    }))
    .await;
    let mut all = Vec::new();
    for r in per_cluster {
        all.extend(r?);
    }
    Ok(all)
}
