//! CloudTrail checks, and how they see trails.
//!
//! `regional[r].cloudtrail.trails` is DescribeTrails in region `r`, so a multi-region (or
//! organization) trail appears once per region, as shadow copies. Prowler keys trails by
//! ARN, so each trail is judged once and reported in its home region; `trails` does
//! the same.

use kestrel_model::{cloudtrail::Trail, Finding, Status};
use serde_json::Value;

use crate::util::data;
use crate::{Check, Context};

pub mod cloudtrail_kms_encryption_enabled;
pub mod cloudtrail_log_file_validation_enabled;
pub mod cloudtrail_logs_s3_bucket_access_logging_enabled;
pub mod cloudtrail_multi_region_enabled;
pub mod cloudtrail_s3_dataevents_read_enabled;
pub mod cloudtrail_s3_dataevents_write_enabled;

pub const CHECKS: &[&Check] = &[
    &cloudtrail_kms_encryption_enabled::CHECK,
    &cloudtrail_log_file_validation_enabled::CHECK,
    &cloudtrail_logs_s3_bucket_access_logging_enabled::CHECK,
    &cloudtrail_multi_region_enabled::CHECK,
    &cloudtrail_s3_dataevents_read_enabled::CHECK,
    &cloudtrail_s3_dataevents_write_enabled::CHECK,
];

/// The trails of the scanned regions, each once.
pub(crate) struct Trails<'a> {
    /// In first-seen order; the copy listed in the trail's home region when there is one.
    pub trails: Vec<&'a Trail>,
    /// Regions whose DescribeTrails failed (an ERROR finding was emitted for each).
    pub failed_regions: Vec<&'a str>,
}

impl Trails<'_> {
    /// Every region's trail list was read.
    pub fn complete(&self) -> bool {
        self.failed_regions.is_empty()
    }
}

/// Every trail once (by ARN) across the scanned regions. A region whose listing failed
/// gets an ERROR finding and is recorded in `failed_regions`.
pub(crate) fn trails<'a>(
    ctx: &Context<'a>,
    check_id: &str,
    emit: &mut dyn FnMut(Finding),
) -> Trails<'a> {
    let mut out = Trails {
        trails: Vec::new(),
        failed_regions: Vec::new(),
    };
    for (region, r) in ctx.regions() {
        let Some(listed) = data(
            &r.cloudtrail.trails,
            check_id,
            region,
            ctx.account_id(),
            &trail_arn_template(ctx, region),
            emit,
        ) else {
            out.failed_regions.push(region);
            continue;
        };
        for t in listed.iter().filter(|t| !t.name.is_empty()) {
            match out.trails.iter_mut().find(|seen| seen.arn == t.arn) {
                Some(seen) if t.home_region == region => *seen = t,
                Some(_) => {}
                None => out.trails.push(t),
            }
        }
    }
    out
}

/// Prowler's placeholder ARN for account-level CloudTrail findings in a region.
pub(crate) fn trail_arn_template(ctx: &Context, region: &str) -> String {
    format!(
        "arn:{}:cloudtrail:{region}:{}:trail",
        ctx.partition(),
        ctx.account_id()
    )
}

/// `Multiregion` or `Single region`, as Prowler starts its trail messages.
pub(crate) fn scope(trail: &Trail) -> &'static str {
    if trail.is_multi_region {
        "Multiregion"
    } else {
        "Single region"
    }
}

/// Which S3 object-level events a check needs recorded.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum S3Access {
    Read,
    Write,
}

/// How a trail records S3 object-level events for all buckets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SelectorKind {
    Classic,
    Advanced,
}

/// One entry per selector that records S3 object-level events for every bucket, as
/// Prowler counts them: a classic selector of the right read/write type with an
/// `AWS::S3::Object` data resource on `arn:<partition>:s3`, `…:s3:::` or `…:s3:::*/*`
/// (one entry per such data resource), or an advanced selector with a
/// `resources.type` field selector whose first value is `AWS::S3::Object`.
///
/// Advanced selectors are read in the AWS JSON shape (`{"Name", "FieldSelectors":
/// [{"Field", "Equals", …}]}`); a bare array is taken as the field selectors.
pub(crate) fn s3_object_selectors(
    selectors: &kestrel_model::cloudtrail::EventSelectors,
    partition: &str,
    access: S3Access,
) -> Vec<SelectorKind> {
    let mut found = Vec::new();
    let all_buckets = [
        format!("arn:{partition}:s3"),
        format!("arn:{partition}:s3:::"),
        format!("arn:{partition}:s3:::*/*"),
    ];
    for sel in &selectors.basic {
        let wanted = match access {
            S3Access::Read => "ReadOnly",
            S3Access::Write => "WriteOnly",
        };
        if sel.read_write_type != wanted && sel.read_write_type != "All" {
            continue;
        }
        for res in &sel.data_resources {
            if res.resource_type == "AWS::S3::Object"
                && res.values.iter().any(|v| all_buckets.contains(v))
            {
                found.push(SelectorKind::Classic);
            }
        }
    }
    for adv in &selectors.advanced {
        let fields = match adv {
            Value::Array(a) => Some(a),
            v => v.get("FieldSelectors").and_then(Value::as_array),
        };
        for f in fields.into_iter().flatten() {
            let is_type = f.get("Field").and_then(Value::as_str) == Some("resources.type");
            let first = f
                .get("Equals")
                .and_then(Value::as_array)
                .and_then(|e| e.first())
                .and_then(Value::as_str);
            if is_type && first == Some("AWS::S3::Object") {
                found.push(SelectorKind::Advanced);
            }
        }
    }
    found
}

/// cloudtrail_s3_dataevents_read_enabled / _write_enabled: a PASS per trail selector
/// that records S3 object-level events of that kind for all buckets; with none, one
/// FAIL for the account when it has buckets (or unused services are scanned). Trails
/// whose selectors could not be read are ERRORs and withhold the FAIL.
pub(crate) fn run_s3_dataevents(
    ctx: &Context,
    emit: &mut dyn FnMut(Finding),
    check_id: &str,
    access: S3Access,
) {
    let all = trails(ctx, check_id, emit);
    let mut decided = all.complete();
    let mut passed = false;
    for t in &all.trails {
        let Some(selectors) = data(
            &t.event_selectors,
            check_id,
            &t.home_region,
            &t.name,
            &t.arn,
            emit,
        ) else {
            decided = false;
            continue;
        };
        for kind in s3_object_selectors(selectors, ctx.partition(), access) {
            let which = match kind {
                SelectorKind::Classic => "a classic",
                SelectorKind::Advanced => "an advanced",
            };
            let text = format!(
                "Trail {} from home region {} has {which} data event selector to record all S3 object-level API operations.",
                t.name, t.home_region
            );
            emit(
                Finding::new(
                    check_id,
                    Status::Pass,
                    &t.home_region,
                    &t.name,
                    &t.arn,
                    text,
                )
                .with_tags(&t.tags),
            );
            passed = true;
        }
    }
    if passed || !decided {
        return;
    }
    let region = ctx.global_region();
    if !ctx.settings.scan_unused_services {
        let Some(buckets) = data(
            &ctx.snapshot.s3.buckets,
            check_id,
            region,
            ctx.account_id(),
            "",
            emit,
        ) else {
            return;
        };
        if buckets.is_empty() {
            return;
        }
    }
    emit(Finding::new(
        check_id,
        Status::Fail,
        region,
        ctx.account_id(),
        &trail_arn_template(ctx, region),
        "No CloudTrail trails have a data event to record all S3 object-level API operations.",
    ));
}

#[cfg(test)]
pub(crate) mod testdata {
    use kestrel_model::{
        cloudtrail::DataResource, cloudtrail::EventSelector, cloudtrail::EventSelectors,
        cloudtrail::Trail, s3::Bucket, Fetched, Snapshot,
    };

    use crate::testkit::{region, snapshot};

    /// A logging trail `name` with home region `home`.
    pub fn trail(name: &str, home: &str, multi: bool) -> Trail {
        Trail {
            name: name.into(),
            arn: format!("arn:aws:cloudtrail:{home}:123456789012:trail/{name}"),
            home_region: home.into(),
            is_multi_region: multi,
            s3_bucket_name: Some("trail-logs".into()),
            is_logging: Fetched::Ok(true),
            ..Default::default()
        }
    }

    /// A classic selector of this read/write type on all buckets' objects.
    pub fn selector(read_write_type: &str) -> EventSelectors {
        EventSelectors {
            basic: vec![EventSelector {
                read_write_type: read_write_type.into(),
                include_management_events: true,
                data_resources: vec![DataResource {
                    resource_type: "AWS::S3::Object".into(),
                    values: vec!["arn:aws:s3".into()],
                }],
            }],
            advanced: vec![],
        }
    }

    /// One trail `main` with these selectors (None: no selectors at all), and one
    /// bucket or none.
    pub fn dataevents_snapshot(selectors: Option<EventSelectors>, with_bucket: bool) -> Snapshot {
        let mut s = snapshot();
        let mut t = trail("main", "us-east-1", true);
        t.event_selectors = Fetched::Ok(selectors.unwrap_or_default());
        region(&mut s).cloudtrail.trails = Fetched::Ok(vec![t]);
        let buckets = if with_bucket {
            vec![Bucket {
                name: "b".into(),
                region: "us-east-1".into(),
                ..Default::default()
            }]
        } else {
            vec![]
        };
        s.s3.buckets = Fetched::Ok(buckets);
        s
    }
}

#[cfg(test)]
mod tests {
    use super::testdata::trail;
    use super::*;
    use crate::testkit::{region, snapshot, NOW};
    use crate::Settings;
    use kestrel_model::{
        cloudtrail::DataResource, cloudtrail::EventSelector, cloudtrail::EventSelectors, ApiError,
        Fetched, Regional, Status,
    };
    use serde_json::json;

    #[test]
    fn shadow_copies_collapse_to_the_home_copy() {
        let mut s = snapshot();
        s.regions = vec!["eu-west-1".into(), "us-east-1".into()];
        let mut shadow = trail("org", "us-east-1", true);
        shadow.tags.insert("copy".into(), "shadow".into());
        let mut home = trail("org", "us-east-1", true);
        home.tags.insert("copy".into(), "home".into());
        s.regional.insert(
            "eu-west-1".into(),
            Regional {
                cloudtrail: kestrel_model::cloudtrail::CloudTrail {
                    trails: Fetched::Ok(vec![shadow]),
                },
                ..Default::default()
            },
        );
        region(&mut s).cloudtrail.trails =
            Fetched::Ok(vec![home, trail("local", "us-east-1", false)]);
        let settings = Settings::default();
        let ctx = Context::new(&s, &settings, NOW);
        let mut out = Vec::new();
        let t = trails(&ctx, "x", &mut |f| out.push(f));
        assert!(out.is_empty() && t.complete());
        let names: Vec<_> = t.trails.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["org", "local"]);
        assert_eq!(t.trails[0].tags["copy"], "home");
    }

    #[test]
    fn failed_listing_is_an_error_and_recorded() {
        let mut s = snapshot();
        region(&mut s).cloudtrail.trails = Fetched::Error(ApiError::new(
            "cloudtrail:DescribeTrails",
            "AccessDenied",
            "",
        ));
        let settings = Settings::default();
        let ctx = Context::new(&s, &settings, NOW);
        let mut out = Vec::new();
        let t = trails(&ctx, "x", &mut |f| out.push(f));
        assert!(!t.complete() && t.trails.is_empty());
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].status, Status::Error);
        assert_eq!(
            out[0].resource_arn,
            "arn:aws:cloudtrail:us-east-1:123456789012:trail"
        );
    }

    fn classic(rw: &str, values: &[&str]) -> EventSelectors {
        EventSelectors {
            basic: vec![EventSelector {
                read_write_type: rw.into(),
                include_management_events: true,
                data_resources: vec![DataResource {
                    resource_type: "AWS::S3::Object".into(),
                    values: values.iter().map(|v| v.to_string()).collect(),
                }],
            }],
            advanced: vec![],
        }
    }

    #[test]
    fn classic_selectors_need_all_buckets_and_the_right_type() {
        let read = S3Access::Read;
        let write = S3Access::Write;
        assert_eq!(
            s3_object_selectors(&classic("All", &["arn:aws:s3"]), "aws", read),
            [SelectorKind::Classic]
        );
        assert_eq!(
            s3_object_selectors(&classic("ReadOnly", &["arn:aws:s3:::"]), "aws", read).len(),
            1
        );
        assert!(
            s3_object_selectors(&classic("ReadOnly", &["arn:aws:s3"]), "aws", write).is_empty()
        );
        assert_eq!(
            s3_object_selectors(&classic("WriteOnly", &["arn:aws:s3:::*/*"]), "aws", write).len(),
            1
        );
        // One bucket only is not all buckets.
        assert!(s3_object_selectors(&classic("All", &["arn:aws:s3:::b/"]), "aws", read).is_empty());
        // The partition matters.
        assert!(s3_object_selectors(&classic("All", &["arn:aws:s3"]), "aws-cn", read).is_empty());
    }

    #[test]
    fn advanced_selectors_match_on_the_resource_type() {
        let sel = EventSelectors {
            basic: vec![],
            advanced: vec![json!({"Name": "S3", "FieldSelectors": [
                {"Field": "eventCategory", "Equals": ["Data"]},
                {"Field": "resources.type", "Equals": ["AWS::S3::Object"]}]})],
        };
        assert_eq!(
            s3_object_selectors(&sel, "aws", S3Access::Write),
            [SelectorKind::Advanced]
        );
        let bare = EventSelectors {
            basic: vec![],
            advanced: vec![
                json!([{"Field": "resources.type", "Equals": ["AWS::Lambda::Function"]}]),
            ],
        };
        assert!(s3_object_selectors(&bare, "aws", S3Access::Read).is_empty());
    }
}
