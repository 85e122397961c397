//! CloudWatch checks.
//!
//! The fifteen CIS monitoring checks share one mechanism, Prowler's
//! `check_cloudwatch_log_metric_filter` (`run_metric_filter_check`): a CloudTrail trail
//! delivers to a CloudWatch Logs log group, that log group has a metric filter whose
//! pattern contains every clause the check requires, and an alarm watches the filter's
//! metric (same region, same metric name, and same namespace when both name one). The
//! first compliant filter makes one PASS for the account; otherwise the last matching
//! filter without an alarm is the FAIL; with no matching filter at all, one FAIL for the
//! account.
//!
//! Prowler matches filter patterns with a regex per check, one positive lookahead per
//! required clause (`(?=.*\$\.eventName\s*=\s*.?CreateVpc\b)`), so the clauses may come
//! in any order. `Clause` and `pattern_matches` reproduce those regexes exactly
//! without a regex engine.

use kestrel_model::{cloudwatch::MetricAlarm, logs::MetricFilter, Finding, Status};

use crate::util::data;
use crate::{Check, Context};

pub mod cloudwatch_changes_to_network_acls_alarm_configured;
pub mod cloudwatch_changes_to_network_gateways_alarm_configured;
pub mod cloudwatch_changes_to_network_route_tables_alarm_configured;
pub mod cloudwatch_changes_to_vpcs_alarm_configured;
pub mod cloudwatch_log_metric_filter_and_alarm_for_aws_config_configuration_changes_enabled;
pub mod cloudwatch_log_metric_filter_and_alarm_for_cloudtrail_configuration_changes_enabled;
pub mod cloudwatch_log_metric_filter_authentication_failures;
pub mod cloudwatch_log_metric_filter_aws_organizations_changes;
pub mod cloudwatch_log_metric_filter_disable_or_scheduled_deletion_of_kms_cmk;
pub mod cloudwatch_log_metric_filter_for_s3_bucket_policy_changes;
pub mod cloudwatch_log_metric_filter_policy_changes;
pub mod cloudwatch_log_metric_filter_root_usage;
pub mod cloudwatch_log_metric_filter_security_group_changes;
pub mod cloudwatch_log_metric_filter_sign_in_without_mfa;
pub mod cloudwatch_log_metric_filter_unauthorized_api_calls;

pub const CHECKS: &[&Check] = &[
    &cloudwatch_changes_to_network_acls_alarm_configured::CHECK,
    &cloudwatch_changes_to_network_gateways_alarm_configured::CHECK,
    &cloudwatch_changes_to_network_route_tables_alarm_configured::CHECK,
    &cloudwatch_changes_to_vpcs_alarm_configured::CHECK,
    &cloudwatch_log_metric_filter_and_alarm_for_aws_config_configuration_changes_enabled::CHECK,
    &cloudwatch_log_metric_filter_and_alarm_for_cloudtrail_configuration_changes_enabled::CHECK,
    &cloudwatch_log_metric_filter_authentication_failures::CHECK,
    &cloudwatch_log_metric_filter_aws_organizations_changes::CHECK,
    &cloudwatch_log_metric_filter_disable_or_scheduled_deletion_of_kms_cmk::CHECK,
    &cloudwatch_log_metric_filter_for_s3_bucket_policy_changes::CHECK,
    &cloudwatch_log_metric_filter_policy_changes::CHECK,
    &cloudwatch_log_metric_filter_root_usage::CHECK,
    &cloudwatch_log_metric_filter_security_group_changes::CHECK,
    &cloudwatch_log_metric_filter_sign_in_without_mfa::CHECK,
    &cloudwatch_log_metric_filter_unauthorized_api_calls::CHECK,
];

/// The API actions every metric-filter check reads.
pub(crate) const METRIC_FILTER_NEEDS: &[&str] = &[
    "cloudtrail:DescribeTrails",
    "logs:DescribeMetricFilters",
    "cloudwatch:DescribeAlarms",
];

/// One clause a metric filter's pattern must contain. Each is Prowler's lookahead
/// `(?=.*\$\.<field>\s*<op>\s*.?<value>)`: the selector, optional whitespace, the
/// operator, optional whitespace, at most one other character (usually a quote), then
/// the value, case-sensitive.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Clause {
    /// `$.eventSource = <value>`.
    Source(&'static str),
    /// `$.eventName = <value>`, ending at a word boundary (`\b`), so `CreateRoute` is
    /// not satisfied by `CreateRouteTable`.
    Event(&'static str),
    /// `$.<field> = <value>`.
    Is(&'static str, &'static str),
    /// `$.<field> != <value>`.
    IsNot(&'static str, &'static str),
    /// Literal text, e.g. `$.userIdentity.invokedBy NOT EXISTS`.
    Text(&'static str),
}

/// The pattern contains every clause, in any order.
pub(crate) fn pattern_matches(pattern: &str, clauses: &[Clause]) -> bool {
    clauses.iter().all(|c| match *c {
        Clause::Source(v) => comparison_in(pattern, "eventSource", "=", v, false),
        Clause::Event(v) => comparison_in(pattern, "eventName", "=", v, true),
        Clause::Is(f, v) => comparison_in(pattern, f, "=", v, false),
        Clause::IsNot(f, v) => comparison_in(pattern, f, "!=", v, false),
        Clause::Text(t) => pattern.contains(t),
    })
}

/// Python's `\w`: a Unicode letter or digit, or `_`.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// `\$\.<field>\s*<op>\s*.?<value>` (then `\b` when `whole_word`) occurs in `pattern`.
fn comparison_in(pattern: &str, field: &str, op: &str, value: &str, whole_word: bool) -> bool {
    let selector = format!("$.{field}");
    pattern.match_indices(&selector).any(|(at, _)| {
        let rest = pattern[at + selector.len()..].trim_start();
        let Some(rest) = rest.strip_prefix(op) else {
            return false;
        };
        let rest = rest.trim_start();
        // `.?`: the value right here, or after one character of any kind.
        let skip_one = rest.chars().next().map(|c| &rest[c.len_utf8()..]);
        [Some(rest), skip_one].into_iter().flatten().any(|s| {
            s.strip_prefix(value)
                .is_some_and(|after| !whole_word || !after.chars().next().is_some_and(is_word_char))
        })
    })
}

/// `arn:…:logs:<region>:<account>:log-group:<name>:*` → (region, name).
fn log_group_of(arn: &str) -> Option<(&str, &str)> {
    let parts: Vec<&str> = arn.split(':').collect();
    match parts.as_slice() {
        [_, _, _, region, _, "log-group", name, ..] if !name.is_empty() => Some((region, name)),
        _ => None,
    }
}

/// The alarm watches one of the filter's metrics: same metric name, and the same
/// namespace unless one side has none (the alarm is already in the filter's region).
fn alarm_watches(alarm: &MetricAlarm, filter: &MetricFilter) -> bool {
    filter.metrics.iter().any(|(name, namespace)| {
        alarm.metric_name.as_deref() == Some(name.as_str())
            && (namespace.is_empty()
                || alarm
                    .namespace
                    .as_deref()
                    .is_none_or(|n| n.is_empty() || n == namespace))
    })
}

/// What decided the check.
struct Verdict<'a> {
    passed: bool,
    region: &'a str,
    filter: &'a MetricFilter,
}

/// Prowler's `check_cloudwatch_log_metric_filter` for one check: see the module docs.
///
/// Missing data never turns into a PASS or a FAIL: a region whose trails, metric filters
/// or (when a filter matched there) alarms could not be read gets an ERROR finding, and
/// then only a PASS found elsewhere is reported.
pub(crate) fn run_metric_filter_check(
    ctx: &Context,
    emit: &mut dyn FnMut(Finding),
    check_id: &str,
    clauses: &[Clause],
) {
    let account = ctx.account_id();
    let partition = ctx.partition();
    let group_arn = |region: &str| format!("arn:{partition}:logs:{region}:{account}:log-group");
    let mut complete = true;

    // 1. The log groups trails deliver to, as (region, name).
    let mut groups: Vec<(String, String)> = Vec::new();
    for (region, r) in ctx.regions() {
        let trail_arn = format!("arn:{partition}:cloudtrail:{region}:{account}:trail");
        let Some(trails) = data(
            &r.cloudtrail.trails,
            check_id,
            region,
            account,
            &trail_arn,
            emit,
        ) else {
            complete = false;
            continue;
        };
        for t in trails {
            let Some((g_region, g_name)) = t
                .cloudwatch_logs_log_group_arn
                .as_deref()
                .and_then(log_group_of)
            else {
                continue;
            };
            let g = (g_region.to_string(), g_name.to_string());
            if !groups.contains(&g) {
                groups.push(g);
            }
        }
    }

    // 2. Their matching metric filters, and 3. an alarm on a filter's metric.
    let mut verdict: Option<Verdict> = None;
    'regions: for (region, r) in ctx.regions() {
        if !groups.iter().any(|(g_region, _)| g_region == region) {
            continue;
        }
        let Some(filters) = data(
            &r.logs.metric_filters,
            check_id,
            region,
            account,
            &group_arn(region),
            emit,
        ) else {
            complete = false;
            continue;
        };
        let matching: Vec<&MetricFilter> = filters
            .iter()
            .filter(|f| {
                groups
                    .iter()
                    .any(|(g_region, g_name)| g_region == region && *g_name == f.log_group_name)
                    && pattern_matches(&f.pattern, clauses)
            })
            .collect();
        if matching.is_empty() {
            continue;
        }
        let Some(alarms) = data(
            &r.cloudwatch.alarms,
            check_id,
            region,
            account,
            &format!("arn:{partition}:cloudwatch:{region}:{account}:alarm"),
            emit,
        ) else {
            complete = false;
            continue;
        };
        for filter in matching {
            let passed = alarms.iter().any(|a| alarm_watches(a, filter));
            verdict = Some(Verdict {
                passed,
                region,
                filter,
            });
            if passed {
                break 'regions;
            }
        }
    }

    match verdict {
        Some(v) if v.passed || complete => {
            let group = &v.filter.log_group_name;
            let (status, text) = if v.passed {
                (
                    Status::Pass,
                    format!(
                        "CloudWatch log group {group} found with metric filter {} and alarms set.",
                        v.filter.name
                    ),
                )
            } else {
                (
                    Status::Fail,
                    format!(
                        "CloudWatch log group {group} found with metric filter {} but no alarms associated.",
                        v.filter.name
                    ),
                )
            };
            let arn = format!("{}:{group}:*", group_arn(v.region));
            emit(Finding::new(check_id, status, v.region, group, &arn, text));
        }
        None if complete => {
            let region = ctx.global_region();
            emit(Finding::new(
                check_id,
                Status::Fail,
                region,
                account,
                &group_arn(region),
                "No CloudWatch log groups found with metric filters or alarms associated.",
            ));
        }
        // Incomplete data and no PASS: the ERROR findings already say why.
        _ => {}
    }
}

#[cfg(test)]
pub(crate) mod testdata {
    use kestrel_model::{
        cloudtrail::Trail, cloudwatch::MetricAlarm, logs::MetricFilter, Fetched, Snapshot,
    };

    use crate::testkit::{region, snapshot};

    pub const GROUP: &str = "CloudTrail/DefaultLogGroup";

    /// A trail delivering to `GROUP` in us-east-1, a metric filter on it with this
    /// pattern (metric `m` in namespace `CISBenchmark`), and an alarm on `m` if `alarm`.
    pub fn snapshot_with(pattern: &str, alarm: bool) -> Snapshot {
        let mut s = snapshot();
        let r = region(&mut s);
        r.cloudtrail.trails = Fetched::Ok(vec![Trail {
            name: "main".into(),
            arn: "arn:aws:cloudtrail:us-east-1:123456789012:trail/main".into(),
            home_region: "us-east-1".into(),
            is_multi_region: true,
            cloudwatch_logs_log_group_arn: Some(format!(
                "arn:aws:logs:us-east-1:123456789012:log-group:{GROUP}:*"
            )),
            ..Default::default()
        }]);
        r.logs.metric_filters = Fetched::Ok(vec![MetricFilter {
            name: "cis".into(),
            log_group_name: GROUP.into(),
            pattern: pattern.into(),
            metrics: vec![("m".into(), "CISBenchmark".into())],
        }]);
        r.cloudwatch.alarms = Fetched::Ok(if alarm {
            vec![MetricAlarm {
                name: "cis-alarm".into(),
                arn: "arn:aws:cloudwatch:us-east-1:123456789012:alarm:cis-alarm".into(),
                metric_name: Some("m".into()),
                namespace: Some("CISBenchmark".into()),
                actions_enabled: true,
                alarm_actions: vec!["arn:aws:sns:us-east-1:123456789012:alerts".into()],
            }]
        } else {
            vec![]
        });
        s
    }
}

#[cfg(test)]
mod tests {
    use super::testdata::{snapshot_with, GROUP};
    use super::*;
    use crate::testkit::{region, snapshot, NOW};
    use crate::Settings;
    use kestrel_model::{ApiError, Fetched, Regional, Snapshot};

    const CLAUSES: &[Clause] = &[
        Clause::Source("ec2.amazonaws.com"),
        Clause::Event("CreateRoute"),
        Clause::Event("DeleteRoute"),
    ];
    const PATTERN: &str = "{ ($.eventSource = ec2.amazonaws.com) && (($.eventName = CreateRoute) || ($.eventName = DeleteRoute)) }";

    fn findings(s: &Snapshot) -> Vec<Finding> {
        let settings = Settings::default();
        let ctx = Context::new(s, &settings, NOW);
        let mut out = Vec::new();
        run_metric_filter_check(&ctx, &mut |f| out.push(f), "cloudwatch_x", CLAUSES);
        out
    }

    fn statuses(s: &Snapshot) -> Vec<Status> {
        findings(s).iter().map(|f| f.status).collect()
    }

    fn denied(op: &str) -> ApiError {
        ApiError::new(op, "AccessDenied", "")
    }

    #[test]
    fn clauses_match_in_any_order_with_quotes_spaces_and_newlines() {
        assert!(pattern_matches(PATTERN, CLAUSES));
        let reordered = "{($.eventName=\"DeleteRoute\")||\n ($.eventName = \"CreateRoute\") && ($.eventSource=ec2.amazonaws.com)}";
        assert!(pattern_matches(reordered, CLAUSES));
    }

    #[test]
    fn clauses_are_exact() {
        // An event name must end at a word boundary.
        let longer = PATTERN.replace("CreateRoute)", "CreateRouteTable)");
        assert!(!pattern_matches(&longer, CLAUSES));
        // Case-sensitive, and the operator matters.
        assert!(!pattern_matches(&PATTERN.to_lowercase(), CLAUSES));
        let ne = PATTERN.replace("eventName = DeleteRoute", "eventName != DeleteRoute");
        assert!(!pattern_matches(&ne, CLAUSES));
        // At most one character between the operator and the value.
        let two = PATTERN.replace("= DeleteRoute", "= 'xDeleteRoute");
        assert!(!pattern_matches(&two, CLAUSES));
        assert!(pattern_matches(
            "{ $.additionalEventData.MFAUsed != \"Yes\" }",
            &[Clause::IsNot("additionalEventData.MFAUsed", "Yes")]
        ));
        assert!(!pattern_matches(
            "{ $.additionalEventData.MFAUsed = \"Yes\" }",
            &[Clause::IsNot("additionalEventData.MFAUsed", "Yes")]
        ));
    }

    #[test]
    fn pass_with_filter_and_alarm() {
        let f = findings(&snapshot_with(PATTERN, true));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].status, Status::Pass);
        assert_eq!(f[0].region, "us-east-1");
        assert_eq!(f[0].resource_id, GROUP);
        assert_eq!(
            f[0].resource_arn,
            format!("arn:aws:logs:us-east-1:123456789012:log-group:{GROUP}:*")
        );
        assert_eq!(
            f[0].status_extended,
            format!("CloudWatch log group {GROUP} found with metric filter cis and alarms set.")
        );
    }

    #[test]
    fn fail_with_filter_but_no_alarm() {
        let f = findings(&snapshot_with(PATTERN, false));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].status, Status::Fail);
        assert_eq!(f[0].resource_id, GROUP);
        assert!(f[0].status_extended.ends_with("but no alarms associated."));
    }

    #[test]
    fn fail_for_the_account_without_a_matching_filter() {
        let f = findings(&snapshot_with("{ $.eventName = CreateRoute }", true));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].status, Status::Fail);
        assert_eq!(f[0].resource_id, "123456789012");
        assert_eq!(
            f[0].resource_arn,
            "arn:aws:logs:us-east-1:123456789012:log-group"
        );
        assert_eq!(
            f[0].status_extended,
            "No CloudWatch log groups found with metric filters or alarms associated."
        );
    }

    #[test]
    fn the_filter_must_be_on_a_trail_log_group() {
        let mut s = snapshot_with(PATTERN, true);
        if let Fetched::Ok(trails) = &mut region(&mut s).cloudtrail.trails {
            trails[0].cloudwatch_logs_log_group_arn = None;
        }
        assert_eq!(statuses(&s), [Status::Fail]);
        assert_eq!(findings(&s)[0].resource_id, "123456789012");
        // Same name, but the trail's log group is in another region.
        let mut s = snapshot_with(PATTERN, true);
        if let Fetched::Ok(trails) = &mut region(&mut s).cloudtrail.trails {
            trails[0].cloudwatch_logs_log_group_arn = Some(format!(
                "arn:aws:logs:eu-west-1:123456789012:log-group:{GROUP}:*"
            ));
        }
        assert_eq!(findings(&s)[0].resource_id, "123456789012");
    }

    #[test]
    fn the_alarm_must_watch_the_filter_metric() {
        let mut s = snapshot_with(PATTERN, true);
        if let Fetched::Ok(alarms) = &mut region(&mut s).cloudwatch.alarms {
            alarms[0].namespace = Some("Other".into());
        }
        assert_eq!(statuses(&s), [Status::Fail]);
        if let Fetched::Ok(alarms) = &mut region(&mut s).cloudwatch.alarms {
            alarms[0].namespace = None;
            alarms[0].metric_name = Some("n".into());
        }
        assert_eq!(statuses(&s), [Status::Fail]);
        if let Fetched::Ok(alarms) = &mut region(&mut s).cloudwatch.alarms {
            alarms[0].metric_name = Some("m".into());
        }
        assert_eq!(statuses(&s), [Status::Pass]);
    }

    #[test]
    fn works_across_regions() {
        // The trail is listed in us-east-1 but delivers to a log group in eu-west-1.
        let mut s = snapshot_with(PATTERN, true);
        let home = s.regional.remove("us-east-1").unwrap();
        let mut local = Regional {
            cloudtrail: kestrel_model::cloudtrail::CloudTrail {
                trails: home.cloudtrail.trails.clone(),
            },
            ..Default::default()
        };
        if let Fetched::Ok(trails) = &mut local.cloudtrail.trails {
            trails[0].cloudwatch_logs_log_group_arn = Some(format!(
                "arn:aws:logs:eu-west-1:123456789012:log-group:{GROUP}:*"
            ));
        }
        let remote = Regional {
            cloudtrail: kestrel_model::cloudtrail::CloudTrail {
                trails: Fetched::Ok(vec![]),
            },
            ..home
        };
        s.regional.insert("us-east-1".into(), local);
        s.regional.insert("eu-west-1".into(), remote);
        s.regions.push("eu-west-1".into());
        let f = findings(&s);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].status, Status::Pass);
        assert_eq!(f[0].region, "eu-west-1");
    }

    #[test]
    fn missing_data_is_an_error_never_a_pass_or_fail() {
        let mut s = snapshot_with(PATTERN, true);
        region(&mut s).cloudtrail.trails = Fetched::Error(denied("cloudtrail:DescribeTrails"));
        assert_eq!(statuses(&s), [Status::Error]);

        let mut s = snapshot_with(PATTERN, true);
        region(&mut s).logs.metric_filters = Fetched::Error(denied("logs:DescribeMetricFilters"));
        assert_eq!(statuses(&s), [Status::Error]);

        let mut s = snapshot_with(PATTERN, true);
        region(&mut s).cloudwatch.alarms = Fetched::NotCollected;
        assert_eq!(statuses(&s), [Status::Error]);

        // Alarms are only needed where a filter matched.
        let mut s = snapshot_with("{ $.eventName = Nothing }", true);
        region(&mut s).cloudwatch.alarms = Fetched::Error(denied("cloudwatch:DescribeAlarms"));
        assert_eq!(statuses(&s), [Status::Fail]);
    }

    #[test]
    fn a_pass_elsewhere_still_counts_when_a_region_is_unreadable() {
        let mut s = snapshot_with(PATTERN, true);
        s.regions.push("eu-west-1".into());
        s.regional.insert(
            "eu-west-1".into(),
            Regional {
                cloudtrail: kestrel_model::cloudtrail::CloudTrail {
                    trails: Fetched::Error(denied("cloudtrail:DescribeTrails")),
                },
                ..Default::default()
            },
        );
        assert_eq!(statuses(&s), [Status::Error, Status::Pass]);
        // …but a FAIL is withheld.
        let mut s2 = s.clone();
        if let Fetched::Ok(alarms) = &mut region(&mut s2).cloudwatch.alarms {
            alarms.clear();
        }
        assert_eq!(statuses(&s2), [Status::Error]);
    }

    #[test]
    fn no_trails_at_all_is_a_fail() {
        let mut s = snapshot();
        let r = region(&mut s);
        r.cloudtrail.trails = Fetched::Ok(vec![]);
        assert_eq!(statuses(&s), [Status::Fail]);
    }

    #[test]
    fn log_group_arns_parse() {
        assert_eq!(
            log_group_of("arn:aws:logs:eu-west-1:1:log-group:a/b:*"),
            Some(("eu-west-1", "a/b"))
        );
        assert_eq!(
            log_group_of("arn:aws:logs:eu-west-1:1:log-group:a"),
            Some(("eu-west-1", "a"))
        );
        assert_eq!(log_group_of("arn:aws:logs:eu-west-1:1:stream"), None);
    }
}
