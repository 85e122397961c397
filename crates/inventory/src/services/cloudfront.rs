//! CloudFront (global): distributions with their origins, viewer certificate and
//! settings; the configuration only GetDistributionConfig tells (standard logging,
//! default root object); whether S3 origins' buckets exist; standard logging v2
//! (CloudWatch Logs deliveries in the global region).

use std::collections::{BTreeMap, BTreeSet};

use kestrel_model::cloudfront::{
    CloudFront, Config, Distribution, Origin, DESCRIBE_DELIVERIES, DESCRIBE_DELIVERY_SOURCES,
    GET_DISTRIBUTION_CONFIG, HEAD_ORIGIN_BUCKET, LIST_DISTRIBUTIONS,
};
use kestrel_model::{ApiError, Fetched};

use crate::collection::{fan_out, Collection};
use crate::services::Service;

crate::sdk_client!(aws_sdk_cloudfront, "CLOUDFRONT", "cloudfront");

pub const SERVICE: Service = Service {
    label: "cloudfront",
    actions: &[
        LIST_DISTRIBUTIONS,
        GET_DISTRIBUTION_CONFIG,
        HEAD_ORIGIN_BUCKET,
        DESCRIBE_DELIVERY_SOURCES,
        DESCRIBE_DELIVERIES,
    ],
    collect: crate::global!(collect => cloudfront),
    after: None,
};

async fn collect(ctx: &Collection) -> CloudFront {
    CloudFront {
        distributions: distributions(ctx).await.into(),
    }
}

// `ViewerCertificate::certificate` is deprecated in the API but still answered, and it
// is the field Prowler reads.
#[allow(deprecated)]
fn summary(d: &aws_sdk_cloudfront::types::DistributionSummary) -> Distribution {
    let behavior = d.default_cache_behavior();
    let cert = d.viewer_certificate();
    Distribution {
        id: d.id().to_string(),
        arn: d.arn().to_string(),
        realtime_logging: behavior
            .and_then(|b| b.realtime_log_config_arn())
            .is_some_and(|a| !a.is_empty()),
        viewer_protocol_policy: behavior
            .map(|b| b.viewer_protocol_policy().as_str().to_string())
            .unwrap_or_default(),
        web_acl_id: d.web_acl_id().to_string(),
        origins: d
            .origins()
            .map(|o| o.items())
            .unwrap_or_default()
            .iter()
            .map(|o| {
                let custom = o.custom_origin_config();
                Origin {
                    id: o.id().to_string(),
                    domain_name: o.domain_name().to_string(),
                    s3: o.s3_origin_config().is_some(),
                    origin_access_control_id: o
                        .origin_access_control_id()
                        .unwrap_or_default()
                        .to_string(),
                    protocol_policy: custom
                        .map(|c| c.origin_protocol_policy().as_str().to_string())
                        .unwrap_or_default(),
                    ssl_protocols: custom
                        .and_then(|c| c.origin_ssl_protocols())
                        .map(|p| p.items().iter().map(|s| s.as_str().to_string()).collect())
                        .unwrap_or_default(),
                    bucket_exists: Fetched::NotCollected,
                }
            })
            .collect(),
        origin_group_sizes: d
            .origin_groups()
            .map(|g| g.items())
            .unwrap_or_default()
            .iter()
            .map(|g| g.members().map_or(0, |m| m.quantity().max(0) as u32))
            .collect(),
        default_certificate: cert
            .and_then(|c| c.cloud_front_default_certificate())
            .unwrap_or(false),
        // The deprecated `Certificate` field mirrors the ACM or IAM id on AWS; any of
        // them names a custom certificate.
        certificate: cert
            .and_then(|c| {
                [
                    c.certificate(),
                    c.acm_certificate_arn(),
                    c.iam_certificate_id(),
                ]
                .into_iter()
                .flatten()
                .find(|s| !s.is_empty())
            })
            .unwrap_or_default()
            .to_string(),
        ssl_support_method: cert
            .and_then(|c| c.ssl_support_method())
            .map_or("static-ip", |m| m.as_str())
            .to_string(),
        minimum_protocol_version: cert
            .and_then(|c| c.minimum_protocol_version())
            .map(|v| v.as_str().to_string())
            .unwrap_or_default(),
        ..Default::default()
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
                    .map(summary)
                    .collect::<Vec<_>>()
            },
        )
        .await?;
    if list.is_empty() {
        return Ok(list);
    }
    let (configs, buckets, v2) = futures::join!(
        configs(ctx, &c, &list),
        origin_buckets(ctx, &list),
        logging_v2(ctx, &list)
    );
    for (d, cfg) in list.iter_mut().zip(configs) {
        d.config = cfg;
    }
    for o in list.iter_mut().flat_map(|d| d.origins.iter_mut()) {
        if let Some(exists) = buckets.get(o.bucket_name()).filter(|_| o.s3) {
            o.bucket_exists = exists.clone();
        }
    }
    for d in list.iter_mut() {
        d.logging_v2 = match &v2 {
            Fetched::Ok(flowing) => Fetched::Ok(flowing.contains(&d.arn)),
            Fetched::Error(e) => Fetched::Error(e.clone()),
            Fetched::NotCollected => Fetched::NotCollected,
        };
    }
    Ok(list)
}

async fn configs(
    ctx: &Collection,
    c: &aws_sdk_cloudfront::Client,
    list: &[Distribution],
) -> Vec<Fetched<Config>> {
    if !ctx.needs(GET_DISTRIBUTION_CONFIG) {
        return vec![Fetched::NotCollected; list.len()];
    }
    fan_out(list.iter().map(|d| async move {
        ctx.call(GET_DISTRIBUTION_CONFIG, || {
            c.get_distribution_config().id(&d.id).send()
        })
        .await
        .map(|o| {
            let cfg = o.distribution_config();
            Config {
                logging_enabled: cfg.and_then(|c| c.logging()).is_some_and(|l| l.enabled()),
                default_root_object: cfg
                    .and_then(|c| c.default_root_object())
                    .unwrap_or_default()
                    .to_string(),
            }
        })
        .into()
    }))
    .await
}

/// HeadBucket once per distinct S3-origin bucket. As Prowler reads the answer, only a
/// 404 means the bucket is gone; a refusal (403), a redirect (301) or a wrong-region
/// answer (400) is a bucket that exists elsewhere. Anything else (throttling, 5xx, no
/// answer) stays an error.
async fn origin_buckets(
    ctx: &Collection,
    list: &[Distribution],
) -> BTreeMap<String, Fetched<bool>> {
    if !ctx.needs(HEAD_ORIGIN_BUCKET) {
        return BTreeMap::new();
    }
    let names: BTreeSet<&str> = list
        .iter()
        .flat_map(|d| &d.origins)
        .filter(|o| o.s3)
        .map(|o| o.bucket_name())
        .collect();
    if names.is_empty() {
        return BTreeMap::new();
    }
    let s3: aws_sdk_s3::Client = ctx.clients.get(ctx.global_region());
    let answers = fan_out(names.iter().map(|name| {
        let s3 = &s3;
        async move {
            ctx.call(HEAD_ORIGIN_BUCKET, || s3.head_bucket().bucket(*name).send())
                .await
                .map_err(|mut e| {
                    // The call is HeadBucket, whatever IAM calls it.
                    e.operation = "s3:HeadBucket".into();
                    e
                })
        }
    }))
    .await;
    names
        .into_iter()
        .zip(answers)
        .map(|(name, r)| {
            let exists = match r {
                Ok(_) => Fetched::Ok(true),
                Err(e) if matches!(e.code.as_str(), "NotFound" | "NoSuchBucket") => {
                    Fetched::Ok(false)
                }
                Err(e)
                    if matches!(
                        e.code.as_str(),
                        "AccessDenied"
                            | "Forbidden"
                            | "HTTP301"
                            | "PermanentRedirect"
                            | "HTTP400"
                            | "AuthorizationHeaderMalformed"
                    ) =>
                {
                    Fetched::Ok(true)
                }
                Err(e) => Fetched::Error(e),
            };
            (name.to_string(), exists)
        })
        .collect()
}

/// The ARNs of distributions with standard logging v2 flowing: a CloudFront delivery
/// source naming the distribution that has at least one delivery (both listed in the
/// global region, where CloudFront's delivery sources live).
async fn logging_v2(ctx: &Collection, list: &[Distribution]) -> Fetched<BTreeSet<String>> {
    if !ctx.needs(DESCRIBE_DELIVERY_SOURCES) {
        return Fetched::NotCollected;
    }
    let logs: aws_sdk_cloudwatchlogs::Client = ctx.clients.get(ctx.global_region());
    let arns: BTreeSet<&str> = list.iter().map(|d| d.arn.as_str()).collect();
    let sources = ctx
        .list(
            DESCRIBE_DELIVERY_SOURCES,
            |t| logs.describe_delivery_sources().set_next_token(t).send(),
            |p| p.next_token(),
            |p| {
                p.delivery_sources()
                    .iter()
                    .filter(|s| s.service() == Some("cloudfront"))
                    .flat_map(|s| {
                        let name = s.name().unwrap_or_default().to_string();
                        s.resource_arns()
                            .iter()
                            .filter(|a| arns.contains(a.as_str()))
                            .map(move |a| (name.clone(), a.clone()))
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await;
    let mut by_name: BTreeMap<String, Vec<String>> = BTreeMap::new();
    match sources {
        Ok(s) => s
            .into_iter()
            .for_each(|(name, arn)| by_name.entry(name).or_default().push(arn)),
        Err(e) => return Fetched::Error(e),
    }
    let sources = by_name;
    if sources.is_empty() {
        return Fetched::Ok(BTreeSet::new());
    }
    let deliveries = ctx
        .list(
            DESCRIBE_DELIVERIES,
            |t| logs.describe_deliveries().set_next_token(t).send(),
            |p| p.next_token(),
            |p| {
                p.deliveries()
                    .iter()
                    .filter_map(|d| d.delivery_source_name().map(str::to_string))
                    .collect::<Vec<_>>()
            },
        )
        .await;
    match deliveries {
        Ok(names) => Fetched::Ok(
            names
                .iter()
                .filter_map(|n| sources.get(n))
                .flatten()
                .cloned()
                .collect(),
        ),
        Err(e) => Fetched::Error(e),
    }
}
