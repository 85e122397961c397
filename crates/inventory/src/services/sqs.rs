//! SQS (regional): queues and their access policies.

use aws_sdk_sqs::types::QueueAttributeName;
use kestrel_model::sqs::{Sqs, GET_QUEUE_ATTRIBUTES, LIST_QUEUES};
use kestrel_model::{ApiError, ResourceWithPolicy};

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
            q.policy = when(want_policy, async {
                let o = ctx
                    .call(GET_QUEUE_ATTRIBUTES, || {
                        c.get_queue_attributes()
                            .queue_url(url)
                            .attribute_names(QueueAttributeName::Policy)
                            .send()
                    })
                    .await?;
                Ok(o.attributes()
                    .and_then(|a| a.get(&QueueAttributeName::Policy))
                    .and_then(|p| serde_json::from_str(p).ok()))
            })
            .await;
            q
        }
    }))
    .await;
    Ok(list)
}
