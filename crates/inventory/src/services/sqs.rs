//! SQS (regional): queues, their access policies and encryption settings.

use aws_sdk_sqs::types::QueueAttributeName;
use kestrel_model::sqs::{Sqs, GET_QUEUE_ATTRIBUTES, LIST_QUEUES};
use kestrel_model::{ApiError, Fetched, ResourceWithPolicy};

use crate::collection::{fan_out, when, Collection};
use crate::services::Service;

crate::sdk_client!(aws_sdk_sqs, "SQS", "sqs");

pub const SERVICE: Service = Service {
    label: "sqs",
    actions: &[LIST_QUEUES, GET_QUEUE_ATTRIBUTES],
    collect: crate::regional!(collect => sqs),
    after: None,
};

async fn collect(ctx: &Collection, region: &str) -> Sqs {
    Sqs {
        queues: queues(ctx, region).await.into(),
    }
}

async fn queues(ctx: &Collection, region: &str) -> Result<Vec<ResourceWithPolicy>, ApiError> {
    let c: aws_sdk_sqs::Client = ctx.clients.get(region);
    let urls = ctx
        .list(
            LIST_QUEUES,
            |t| c.list_queues().set_next_token(t).send(),
            |p| p.next_token(),
            |p| p.queue_urls().to_vec(),
        )
        .await?;
    let want_policy = ctx.needs(GET_QUEUE_ATTRIBUTES);
    let list = fan_out(urls.iter().map(|url| {
        let c = &c;
        async move {
            let name = url.rsplit('/').next().unwrap_or_default().to_string();
            let acct = match url.rsplit('/').nth(1) {
                Some(a) => a.to_string(),
                None => ctx.wait_account_id().await,
            };
            let mut q = ResourceWithPolicy {
                arn: format!("arn:{}:sqs:{region}:{acct}:{name}", ctx.partition),
                name,
                ..Default::default()
            };
            let got = when(want_policy, async {
                let o = ctx
                    .call(GET_QUEUE_ATTRIBUTES, || {
                        c.get_queue_attributes()
                            .queue_url(url)
                            .attribute_names(QueueAttributeName::Policy)
                            .attribute_names(QueueAttributeName::KmsMasterKeyId)
                            .attribute_names(QueueAttributeName::SqsManagedSseEnabled)
                            .send()
                    })
                    .await?;
                let attrs = o.attributes();
                let policy = attrs
                    .and_then(|a| a.get(&QueueAttributeName::Policy))
                    .and_then(|p| serde_json::from_str(p).ok());
                let kept = attrs
                    .into_iter()
                    .flatten()
                    .filter(|(k, _)| **k != QueueAttributeName::Policy)
                    .map(|(k, v)| (k.as_str().to_string(), v.clone()))
                    .collect();
                Ok((policy, kept))
            })
            .await;
            (q.policy, q.attributes) = match got {
                Fetched::Ok((policy, attributes)) => (Fetched::Ok(policy), Fetched::Ok(attributes)),
                Fetched::Error(e) => (Fetched::Error(e.clone()), Fetched::Error(e)),
                Fetched::NotCollected => (Fetched::NotCollected, Fetched::NotCollected),
            };
            q
        }
    }))
    .await;
    Ok(list)
}
