//! Amazon EKS (regional): clusters and their endpoint, encryption, logging and version.

use kestrel_model::eks::{Cluster, ClusterDetails, Eks, DESCRIBE_CLUSTER, LIST_CLUSTERS};
use kestrel_model::ApiError;

use crate::collection::unreadable;

use crate::collection::{fan_out, Collection};
use crate::services::Service;

crate::sdk_client!(aws_sdk_eks, "EKS", "eks");

pub const SERVICE: Service = Service {
    label: "eks",
    actions: &[LIST_CLUSTERS, DESCRIBE_CLUSTER],
    collect: crate::regional!(collect => eks),
    after: None,
};

async fn collect(ctx: &Collection, region: &str) -> Eks {
    Eks {
        clusters: clusters(ctx, region).await.into(),
    }
}

async fn clusters(ctx: &Collection, region: &str) -> Result<Vec<Cluster>, ApiError> {
    let c: aws_sdk_eks::Client = ctx.clients.get(region);
    let names = ctx
        .list(
            LIST_CLUSTERS,
            |t| c.list_clusters().set_next_token(t).send(),
            |p| p.next_token(),
            |p| p.clusters().to_vec(),
        )
        .await?;
    ctx.wait_account_id().await;
    let mut list: Vec<Cluster> = names
        .into_iter()
        .map(|name| Cluster {
            arn: format!(
                "arn:{}:eks:{region}:{}:cluster/{name}",
                ctx.partition,
                ctx.account_id()
            ),
            name,
            ..Default::default()
        })
        .collect();
    if ctx.needs(DESCRIBE_CLUSTER) {
        let details = fan_out(list.iter().map(|k| {
            let c = &c;
            async move {
                let o = ctx
                    .call(DESCRIBE_CLUSTER, || {
                        c.describe_cluster().name(&k.name).send()
                    })
                    .await?;
                let Some(cl) = o.cluster() else {
                    return Err(unreadable("eks:DescribeCluster"));
                };
                let vpc = cl.resources_vpc_config();
                Ok(ClusterDetails {
                    version: cl.version().unwrap_or_default().to_string(),
                    endpoint_public_access: vpc.is_some_and(|v| v.endpoint_public_access()),
                    public_access_cidrs: vpc
                        .map(|v| v.public_access_cidrs().to_vec())
                        .unwrap_or_default(),
                    // An encryption config is envelope encryption of secrets with a KMS
                    // key (its resources list is deprecated: always secrets).
                    secrets_encrypted: !cl.encryption_config().is_empty(),
                    enabled_log_types: cl
                        .logging()
                        .map(|l| l.cluster_logging())
                        .unwrap_or_default()
                        .iter()
                        .filter(|s| s.enabled() == Some(true))
                        .flat_map(|s| s.types().iter().map(|t| t.as_str().to_string()))
                        .collect(),
                    tags: cl
                        .tags()
                        .map(|t| t.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                        .unwrap_or_default(),
                })
            }
        }))
        .await;
        for (k, d) in list.iter_mut().zip(details) {
            k.details = d.into();
        }
    }
    Ok(list)
}
