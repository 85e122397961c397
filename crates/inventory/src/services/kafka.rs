//! Amazon MSK (regional): provisioned and serverless clusters with their encryption in
//! transit and monitoring level (all in ListClustersV2's answer).

use kestrel_model::kafka::{Cluster, Kafka, LIST_CLUSTERS_V2};

use crate::collection::Collection;
use crate::services::Service;

crate::sdk_client!(aws_sdk_kafka, "KAFKA", "kafka");

pub const SERVICE: Service = Service {
    label: "kafka",
    actions: &[LIST_CLUSTERS_V2],
    collect: crate::regional!(collect => kafka),
    after: None,
};

fn cluster(k: &aws_sdk_kafka::types::Cluster) -> Option<Cluster> {
    let base = Cluster {
        name: k.cluster_name().unwrap_or_default().to_string(),
        arn: k.cluster_arn().unwrap_or_default().to_string(),
        tags: k
            .tags()
            .map(|t| t.iter().map(|(a, b)| (a.clone(), b.clone())).collect())
            .unwrap_or_default(),
        ..Default::default()
    };
    if k.serverless().is_some() {
        return Some(Cluster {
            serverless: true,
            client_broker: "TLS".into(),
            in_cluster: true,
            enhanced_monitoring: "DEFAULT".into(),
            ..base
        });
    }
    // Neither provisioned nor serverless: a type this version does not know; skipped,
    // as in Prowler.
    let p = k.provisioned()?;
    let transit = p.encryption_info().and_then(|e| e.encryption_in_transit());
    Some(Cluster {
        client_broker: transit
            .and_then(|t| t.client_broker())
            .map_or("PLAINTEXT", |b| b.as_str())
            .to_string(),
        in_cluster: transit.and_then(|t| t.in_cluster()).unwrap_or(false),
        enhanced_monitoring: p
            .enhanced_monitoring()
            .map_or("DEFAULT", |m| m.as_str())
            .to_string(),
        ..base
    })
}

async fn collect(ctx: &Collection, region: &str) -> Kafka {
    let c: aws_sdk_kafka::Client = ctx.clients.get(region);
    let clusters = ctx
        .list(
            LIST_CLUSTERS_V2,
            |t| c.list_clusters_v2().set_next_token(t).send(),
            |p| p.next_token(),
            |p| {
                p.cluster_info_list()
                    .iter()
                    .filter_map(cluster)
                    .collect::<Vec<_>>()
            },
        )
        .await;
    Kafka {
        clusters: clusters.into(),
    }
}
