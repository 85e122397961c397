//! SNS (regional): topics, their access policies and encryption keys.

use kestrel_model::sns::{Sns, GET_TOPIC_ATTRIBUTES, LIST_TOPICS};
use kestrel_model::{ApiError, Fetched, ResourceWithPolicy};

use crate::collection::{fan_out, Collection};
use crate::services::Service;

crate::sdk_client!(aws_sdk_sns, "SNS", "sns");

pub const SERVICE: Service = Service {
    label: "sns",
    actions: &[LIST_TOPICS, GET_TOPIC_ATTRIBUTES],
    collect: crate::regional!(collect => sns),
    after: None,
};

async fn collect(ctx: &Collection, region: &str) -> Sns {
    Sns {
        topics: topics(ctx, region).await.into(),
    }
}

async fn topics(ctx: &Collection, region: &str) -> Result<Vec<ResourceWithPolicy>, ApiError> {
    let c: aws_sdk_sns::Client = ctx.clients.get(region);
    let mut list = ctx
        .list(
            LIST_TOPICS,
            |t| c.list_topics().set_next_token(t).send(),
            |p| p.next_token(),
            |p| {
                p.topics()
                    .iter()
                    .map(|t| {
                        let arn = t.topic_arn().unwrap_or_default().to_string();
                        ResourceWithPolicy {
                            name: arn.rsplit(':').next().unwrap_or_default().to_string(),
                            arn,
                            ..Default::default()
                        }
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await?;
    if ctx.needs(GET_TOPIC_ATTRIBUTES) {
        let pols = fan_out(list.iter().map(|t| {
            let c = &c;
            async move {
                let o = ctx
                    .call(GET_TOPIC_ATTRIBUTES, || {
                        c.get_topic_attributes().topic_arn(&t.arn).send()
                    })
                    .await?;
                let attrs = o.attributes();
                let policy = attrs
                    .and_then(|a| a.get("Policy"))
                    .and_then(|p| serde_json::from_str(p).ok());
                let kept = attrs
                    .into_iter()
                    .flatten()
                    .filter(|(k, _)| k.as_str() == "KmsMasterKeyId")
                    .map(|(k, v)| (k.clone(), v.clone()))
                    .collect();
                Ok::<_, ApiError>((policy, kept))
            }
        }))
        .await;
        for (t, got) in list.iter_mut().zip(pols) {
            match got {
                Ok((policy, attributes)) => {
                    t.policy = Fetched::Ok(policy);
                    t.attributes = Fetched::Ok(attributes);
                }
                Err(e) => {
                    t.policy = Fetched::Error(e.clone());
                    t.attributes = Fetched::Error(e);
                }
            }
        }
    }
    Ok(list)
}
