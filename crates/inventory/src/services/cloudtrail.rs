//! CloudTrail (regional): trails (shadow copies included), their logging status (and last
//! CloudWatch Logs delivery), event selectors and tags. A trail's status and selectors
//! are asked in its home region only and copied to its shadow copies once every region
//! is in.

use std::collections::BTreeMap;

use kestrel_model::cloudtrail::{
    CloudTrail, DataResource, EventSelector, EventSelectors, Trail, DESCRIBE_TRAILS,
    GET_EVENT_SELECTORS, GET_TRAIL_STATUS, LIST_TAGS,
};
use kestrel_model::{ApiError, Fetched, Snapshot};

use crate::collection::{fan_out, when, Collection};
use crate::services::Service;

crate::sdk_client!(aws_sdk_cloudtrail, "CLOUDTRAIL", "cloudtrail");

pub const SERVICE: Service = Service {
    label: "cloudtrail",
    actions: &[
        DESCRIBE_TRAILS,
        GET_TRAIL_STATUS,
        GET_EVENT_SELECTORS,
        LIST_TAGS,
    ],
    collect: crate::regional!(collect => cloudtrail),
    after: Some(share_trail_details),
};

async fn collect(ctx: &Collection, region: &str) -> CloudTrail {
    CloudTrail {
        trails: trails(ctx, region).await.into(),
    }
}

async fn trails(ctx: &Collection, region: &str) -> Result<Vec<Trail>, ApiError> {
    let c: aws_sdk_cloudtrail::Client = ctx.clients.get(region);
    let out = ctx
        .call(DESCRIBE_TRAILS, || {
            c.describe_trails().include_shadow_trails(true).send()
        })
        .await?;
    let mut list: Vec<Trail> = out
        .trail_list()
        .iter()
        .map(|t| Trail {
            name: t.name().unwrap_or_default().to_string(),
            arn: t.trail_arn().unwrap_or_default().to_string(),
            home_region: t.home_region().unwrap_or(region).to_string(),
            is_multi_region: t.is_multi_region_trail().unwrap_or(false),
            is_organization_trail: t.is_organization_trail().unwrap_or(false),
            log_file_validation_enabled: t.log_file_validation_enabled().unwrap_or(false),
            kms_key_id: t.kms_key_id().map(str::to_string),
            s3_bucket_name: t.s3_bucket_name().map(str::to_string),
            cloudwatch_logs_log_group_arn: t.cloud_watch_logs_log_group_arn().map(str::to_string),
            ..Default::default()
        })
        .collect();
    // Status and selectors are asked in the trail's home region only; shadow copies in
    // other regions get them afterwards (`share_trail_details`): one call per trail. A
    // multi-region trail homed outside the scanned regions still applies to them: one
    // scanned region asks its home region for it (its tags too).
    let status = ctx.needs(GET_TRAIL_STATUS);
    let selectors = ctx.needs(GET_EVENT_SELECTORS);
    let scanned = ctx.regions();
    let outside = |t: &Trail| {
        t.home_region != region
            && !scanned.contains(&t.home_region)
            && ctx.speaks_for_unscanned(region)
    };
    let details = fan_out(list.iter().map(|t| {
        let home_client: Option<aws_sdk_cloudtrail::Client> =
            outside(t).then(|| ctx.clients.get(&t.home_region));
        let c = &c;
        async move {
            if t.home_region != region && home_client.is_none() {
                return (Fetched::NotCollected, Fetched::NotCollected, None);
            }
            let c = home_client.as_ref().unwrap_or(c);
            let tags = async {
                if home_client.is_none() || !ctx.needs(LIST_TAGS) {
                    return None;
                }
                let o = ctx
                    .call(LIST_TAGS, || c.list_tags().resource_id_list(&t.arn).send())
                    .await
                    .ok()?;
                Some(tags_of(&o).into_iter().flat_map(|(_, tags)| tags).collect())
            };
            let (s, e, tags) = futures::join!(
                when(status, async {
                    let o = ctx.call(GET_TRAIL_STATUS, || c.get_trail_status().name(&t.arn).send()).await?;
                    Ok((
                        o.is_logging().unwrap_or(false),
                        o.latest_cloud_watch_logs_delivery_time().map(|d| d.to_string()),
                    ))
                }),
                when(selectors, async {
                    let o = ctx.call(GET_EVENT_SELECTORS, || c.get_event_selectors().trail_name(&t.arn).send()).await?;
                    Ok(EventSelectors {
                        basic: o
                            .event_selectors()
                            .iter()
                            .map(|e| EventSelector {
                                read_write_type: e.read_write_type().map(|r| r.as_str().to_string()).unwrap_or_else(|| "All".into()),
                                include_management_events: e.include_management_events().unwrap_or(true),
                                data_resources: e
                                    .data_resources()
                                    .iter()
                                    .map(|d| DataResource {
                                        resource_type: d.r#type().unwrap_or_default().to_string(),
                                        values: d.values().to_vec(),
                                    })
                                    .collect(),
                            })
                            .collect(),
                        advanced: o
                            .advanced_event_selectors()
                            .iter()
                            .map(|a| {
                                serde_json::json!({
                                    "Name": a.name(),
                                    "FieldSelectors": a.field_selectors().iter().map(|f| serde_json::json!({
                                        "Field": f.field(),
                                        "Equals": f.equals(),
                                        "StartsWith": f.starts_with(),
                                        "NotEquals": f.not_equals(),
                                        "EndsWith": f.ends_with(),
                                        "NotStartsWith": f.not_starts_with(),
                                        "NotEndsWith": f.not_ends_with(),
                                    })).collect::<Vec<_>>(),
                                })
                            })
                            .collect(),
                    })
                }),
                tags,
            );
            (s, e, tags)
        }
    }));
    // Tags need only the trail ARNs: asked while the status and selectors are.
    let home: Vec<String> = list
        .iter()
        .filter(|t| t.home_region == region)
        .map(|t| t.arn.clone())
        .collect();
    let tags = async {
        if !ctx.needs(LIST_TAGS) || home.is_empty() {
            return None;
        }
        // Tags are decoration: a failure leaves them empty rather than failing checks.
        let o = ctx
            .call(LIST_TAGS, || {
                c.list_tags()
                    .set_resource_id_list(Some(home.clone()))
                    .send()
            })
            .await
            .ok()?;
        Some(tags_of(&o))
    };
    let (details, tags) = futures::join!(details, tags);
    for (t, (s, e, own_tags)) in list.iter_mut().zip(details) {
        if let Fetched::Ok((_, delivered)) = &s {
            t.latest_cloudwatch_logs_delivery = delivered.clone();
        }
        t.is_logging = s.map(|(logging, _)| logging);
        t.event_selectors = e;
        if let Some(own) = own_tags {
            t.tags = own;
        }
    }
    for (arn, tags) in tags.unwrap_or_default() {
        if let Some(t) = list.iter_mut().find(|t| t.arn == arn) {
            t.tags = tags;
        }
    }
    Ok(list)
}

/// (trail ARN, its tags) for each trail a ListTags answer covers.
fn tags_of(
    o: &aws_sdk_cloudtrail::operation::list_tags::ListTagsOutput,
) -> Vec<(String, kestrel_model::Tags)> {
    o.resource_tag_list()
        .iter()
        .map(|rt| {
            let tags: kestrel_model::Tags = rt
                .tags_list()
                .iter()
                .map(|x| {
                    (
                        x.key().to_string(),
                        x.value().unwrap_or_default().to_string(),
                    )
                })
                .collect();
            (rt.resource_id().unwrap_or_default().to_string(), tags)
        })
        .collect()
}

/// Copies a trail's status, selectors and tags from the copy they were asked for (its
/// home region's, or the one asked on behalf of an unscanned home region) to the others.
fn share_trail_details(snap: &mut Snapshot) {
    type Details = (
        Fetched<bool>,
        Option<String>,
        Fetched<EventSelectors>,
        kestrel_model::Tags,
    );
    let mut by_arn: BTreeMap<String, Details> = BTreeMap::new();
    for r in snap.regional.values() {
        if let Fetched::Ok(trails) = &r.cloudtrail.trails {
            for t in trails {
                if t.is_logging.is_collected() || t.event_selectors.is_collected() {
                    by_arn.insert(
                        t.arn.clone(),
                        (
                            t.is_logging.clone(),
                            t.latest_cloudwatch_logs_delivery.clone(),
                            t.event_selectors.clone(),
                            t.tags.clone(),
                        ),
                    );
                }
            }
        }
    }
    for r in snap.regional.values_mut() {
        if let Fetched::Ok(trails) = &mut r.cloudtrail.trails {
            for t in trails.iter_mut() {
                if !t.is_logging.is_collected() && !t.event_selectors.is_collected() {
                    if let Some((s, delivered, e, tags)) = by_arn.get(&t.arn) {
                        t.is_logging = s.clone();
                        t.latest_cloudwatch_logs_delivery = delivered.clone();
                        t.event_selectors = e.clone();
                        if t.tags.is_empty() {
                            t.tags = tags.clone();
                        }
                    }
                }
            }
        }
    }
}
