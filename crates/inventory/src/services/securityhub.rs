//! Security Hub (regional): the hub, its enabled standards and integrations.

use kestrel_model::securityhub::{
    Hub, SecurityHub, DESCRIBE_HUB, GET_ENABLED_STANDARDS, LIST_ENABLED_PRODUCTS_FOR_IMPORT,
};
use kestrel_model::ApiError;

use crate::collection::{when, Collection};
use crate::services::Service;

crate::sdk_client!(aws_sdk_securityhub, "SECURITYHUB", "securityhub");

pub const SERVICE: Service = Service {
    label: "securityhub",
    actions: &[
        DESCRIBE_HUB,
        GET_ENABLED_STANDARDS,
        LIST_ENABLED_PRODUCTS_FOR_IMPORT,
    ],
    collect: crate::regional!(collect => securityhub),
    after: None,
};

async fn collect(ctx: &Collection, region: &str) -> SecurityHub {
    SecurityHub {
        hub: hub(ctx, region).await.into(),
    }
}

async fn hub(ctx: &Collection, region: &str) -> Result<Option<Hub>, ApiError> {
    let c: aws_sdk_securityhub::Client = ctx.clients.get(region);
    let mut hub = match ctx.call(DESCRIBE_HUB, || c.describe_hub().send()).await {
        Ok(o) => Hub {
            arn: o.hub_arn().unwrap_or_default().to_string(),
            subscribed_at: o.subscribed_at().map(str::to_string),
            ..Default::default()
        },
        Err(e) if e.code == "InvalidAccessException" || e.code == "ResourceNotFoundException" => {
            return Ok(None)
        }
        Err(e) => return Err(e),
    };
    let (standards, integrations) = futures::join!(
        when(ctx.needs(GET_ENABLED_STANDARDS), async {
            let o = ctx
                .call(GET_ENABLED_STANDARDS, || c.get_enabled_standards().send())
                .await?;
            Ok(o.standards_subscriptions()
                .iter()
                .filter_map(|s| s.standards_arn().map(str::to_string))
                .collect())
        }),
        when(ctx.needs(LIST_ENABLED_PRODUCTS_FOR_IMPORT), async {
            let o = ctx
                .call(LIST_ENABLED_PRODUCTS_FOR_IMPORT, || {
                    c.list_enabled_products_for_import().send()
                })
                .await?;
            Ok(o.product_subscriptions().to_vec())
        }),
    );
    hub.standards = standards;
    hub.integrations = integrations;
    Ok(Some(hub))
}
