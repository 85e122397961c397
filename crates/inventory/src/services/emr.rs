//! Amazon EMR (regional): clusters not yet terminated (with the master's public DNS
//! name) and the account's Block Public Access configuration.

use aws_sdk_emr::types::ClusterState;
use kestrel_model::emr::{
    Cluster, Emr, DESCRIBE_CLUSTER, GET_BLOCK_PUBLIC_ACCESS_CONFIGURATION, LIST_CLUSTERS,
};
use kestrel_model::ApiError;

use crate::collection::{fan_out, when, Collection};
use crate::services::Service;

crate::sdk_client!(aws_sdk_emr, "EMR", "emr");

pub const SERVICE: Service = Service {
    label: "emr",
    actions: &[
        LIST_CLUSTERS,
        DESCRIBE_CLUSTER,
        GET_BLOCK_PUBLIC_ACCESS_CONFIGURATION,
    ],
    collect: crate::regional!(collect => emr),
    after: None,
};

async fn collect(ctx: &Collection, region: &str) -> Emr {
    let c: aws_sdk_emr::Client = ctx.clients.get(region);
    let (clusters, block_public_access) = futures::join!(
        when(ctx.needs(LIST_CLUSTERS), clusters(ctx, &c)),
        when(ctx.needs(GET_BLOCK_PUBLIC_ACCESS_CONFIGURATION), async {
            let o = ctx
                .call(GET_BLOCK_PUBLIC_ACCESS_CONFIGURATION, || {
                    c.get_block_public_access_configuration().send()
                })
                .await?;
            Ok(o.block_public_access_configuration()
                .and_then(|b| b.block_public_security_group_rules())
                .unwrap_or(false))
        }),
    );
    Emr {
        clusters,
        block_public_access,
    }
}

async fn clusters(ctx: &Collection, c: &aws_sdk_emr::Client) -> Result<Vec<Cluster>, ApiError> {
    // Terminated clusters stay listed for two months; no check judges them.
    let live = [
        ClusterState::Starting,
        ClusterState::Bootstrapping,
        ClusterState::Running,
        ClusterState::Waiting,
        ClusterState::Terminating,
    ];
    let mut list = ctx
        .list(
            LIST_CLUSTERS,
            |m| {
                c.list_clusters()
                    .set_cluster_states(Some(live.to_vec()))
                    .set_marker(m)
                    .send()
            },
            |p| p.marker(),
            |p| {
                p.clusters()
                    .iter()
                    .map(|k| Cluster {
                        id: k.id().unwrap_or_default().to_string(),
                        name: k.name().unwrap_or_default().to_string(),
                        arn: k.cluster_arn().unwrap_or_default().to_string(),
                        state: k
                            .status()
                            .and_then(|s| s.state())
                            .map(|s| s.as_str().to_string())
                            .unwrap_or_default(),
                        ..Default::default()
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await?;
    if ctx.needs(DESCRIBE_CLUSTER) {
        let described = fan_out(list.iter().map(|k| async move {
            ctx.call(DESCRIBE_CLUSTER, || {
                c.describe_cluster().cluster_id(&k.id).send()
            })
            .await
        }))
        .await;
        for (k, d) in list.iter_mut().zip(described) {
            match d {
                Ok(o) => {
                    let cl = o.cluster();
                    k.master_public_dns = kestrel_model::Fetched::Ok(
                        cl.and_then(|c| c.master_public_dns_name())
                            .filter(|n| !n.is_empty())
                            .map(str::to_string),
                    );
                    k.tags = cl
                        .map(|c| c.tags())
                        .unwrap_or_default()
                        .iter()
                        .filter_map(|t| {
                            Some((
                                t.key()?.to_string(),
                                t.value().unwrap_or_default().to_string(),
                            ))
                        })
                        .collect();
                }
                Err(e) => k.master_public_dns = kestrel_model::Fetched::Error(e),
            }
        }
    }
    Ok(list)
}
