//! CloudFront (global): distributions, their real-time and standard logging.

use kestrel_model::cloudfront::{
    CloudFront, Distribution, GET_DISTRIBUTION_CONFIG, LIST_DISTRIBUTIONS,
};
use kestrel_model::ApiError;

use crate::collection::{fan_out, Collection};
use crate::services::Service;

crate::sdk_client!(aws_sdk_cloudfront, "CLOUDFRONT", "cloudfront");

pub const SERVICE: Service = Service {
    label: "cloudfront",
    actions: &[LIST_DISTRIBUTIONS, GET_DISTRIBUTION_CONFIG],
    collect: crate::global!(collect => cloudfront),
    after: None,
};

async fn collect(ctx: &Collection) -> CloudFront {
    CloudFront {
        distributions: distributions(ctx).await.into(),
    }
}

async fn distributions(ctx: &Collection) -> Result<Vec<Distribution>, ApiError> {
    let c: aws_sdk_cloudfront::Client = ctx.clients.get(ctx.global_region());
    let mut list = ctx
        .list(
            LIST_DISTRIBUTIONS,
            |m| c.list_distributions().set_marker(m).send(),
            |p| {
                p.distribution_list()
                    .and_then(|dl| dl.next_marker().filter(|_| dl.is_truncated()))
            },
            |p| {
                p.distribution_list()
                    .map(|dl| dl.items())
                    .unwrap_or_default()
                    .iter()
                    .map(|d| Distribution {
                        id: d.id().to_string(),
                        arn: d.arn().to_string(),
                        realtime_logging: d
                            .default_cache_behavior()
                            .and_then(|b| b.realtime_log_config_arn())
                            .is_some(),
                        ..Default::default()
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await?;
    if ctx.needs(GET_DISTRIBUTION_CONFIG) {
        let cfgs = fan_out(list.iter().map(|d| {
            let c = &c;
            async move {
                ctx.call(GET_DISTRIBUTION_CONFIG, || {
                    c.get_distribution_config().id(&d.id).send()
                })
                .await
                .map(|o| {
                    o.distribution_config()
                        .and_then(|cfg| cfg.logging())
                        .map(|l| l.enabled())
                        .unwrap_or(false)
                })
            }
        }))
        .await;
        for (d, r) in list.iter_mut().zip(cfgs) {
            d.logging_enabled = r.into();
        }
    }
    Ok(list)
}
