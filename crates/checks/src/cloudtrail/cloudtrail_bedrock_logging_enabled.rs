//! # cloudtrail_bedrock_logging_enabled
//!
//! ## Description
//!
//! Checks that at least one logging CloudTrail trail records Amazon Bedrock API calls:
//! control-plane calls through management events, or Bedrock data events through
//! advanced event selectors.
//!
//! As in Prowler: a classic selector passes when it includes management events with
//! write (or all) operations; an advanced selector passes when it selects management
//! events (not read-only, and any Bedrock event source if sources are named) or data
//! events of a Bedrock resource type. Each passing trail is reported once in its home
//! region; otherwise one FAIL for the account.
//!
//! ## Risk
//!
//! Without these records there is no trace of who created, changed or invoked models,
//! agents, guardrails and knowledge bases, for investigations or for spotting misuse.
//!
//! ## Remediation
//!
//! Log management events on a trail (they include Bedrock control-plane calls), and add
//! advanced event selectors for the Bedrock data events that matter (model invocations,
//! agents, knowledge bases).
//!
//! `aws cloudtrail put-event-selectors --trail-name <trail> --advanced-event-selectors
//! '[{"FieldSelectors":[{"Field":"eventCategory","Equals":["Data"]},{"Field":"resources.type","Equals":["AWS::Bedrock::Model"]}]}]'`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/bedrock/latest/userguide/logging-using-cloudtrail.html
//! - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html

use kestrel_model::cloudtrail::EventSelectors;
use kestrel_model::{Finding, Severity, Status};
use serde_json::Value;

use crate::cloudtrail::{trail_arn_template, trails};
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudtrail_bedrock_logging_enabled",
        title: "CloudTrail logs Amazon Bedrock API calls for security auditing",
        service: "cloudtrail",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsCloudTrailTrail",
        categories: &["logging", "forensics-ready", "gen-ai"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices"],
        needs: &[
            kestrel_model::cloudtrail::DESCRIBE_TRAILS,
            kestrel_model::cloudtrail::GET_TRAIL_STATUS,
            kestrel_model::cloudtrail::GET_EVENT_SELECTORS,
            kestrel_model::cloudtrail::LIST_TAGS,
        ],
    },
    run,
};

const BEDROCK_RESOURCE_TYPES: &[&str] = &[
    "AWS::Bedrock::AgentAlias",
    "AWS::Bedrock::FlowAlias",
    "AWS::Bedrock::Guardrail",
    "AWS::Bedrock::InlineAgent",
    "AWS::Bedrock::KnowledgeBase",
    "AWS::Bedrock::Model",
    "AWS::Bedrock::Prompt",
];

const BEDROCK_EVENT_SOURCES: &[&str] = &[
    "bedrock.amazonaws.com",
    "bedrock-agent.amazonaws.com",
    "bedrock-runtime.amazonaws.com",
    "bedrock-agent-runtime.amazonaws.com",
    "bedrock-data-automation.amazonaws.com",
    "bedrock-data-automation-runtime.amazonaws.com",
];

/// How a trail logs Bedrock calls.
enum Match {
    ClassicManagement,
    AdvancedManagement,
    AdvancedData,
}

/// A field selector's operator values (an empty list is an absent operator: AWS requires
/// at least one value).
fn values<'a>(sel: &'a Value, op: &str) -> Option<Vec<&'a str>> {
    let v: Vec<&str> = sel
        .get(op)?
        .as_array()?
        .iter()
        .filter_map(Value::as_str)
        .collect();
    (!v.is_empty()).then_some(v)
}

/// A field-selector operator's test of a value against the operator's list.
type Operator = fn(&str, &[&str]) -> bool;

/// Whether `value` satisfies one field selector (every operator it has).
fn selector_matches(value: &str, sel: &Value) -> bool {
    let ops: [(&str, Operator); 6] = [
        ("Equals", |v, l| l.contains(&v)),
        ("NotEquals", |v, l| !l.contains(&v)),
        ("StartsWith", |v, l| l.iter().any(|p| v.starts_with(p))),
        ("NotStartsWith", |v, l| l.iter().all(|p| !v.starts_with(p))),
        ("EndsWith", |v, l| l.iter().any(|p| v.ends_with(p))),
        ("NotEndsWith", |v, l| l.iter().all(|p| !v.ends_with(p))),
    ];
    ops.iter()
        .all(|(op, test)| values(sel, op).is_none_or(|l| test(value, &l)))
}

/// The field selectors of one advanced selector that name `field`.
fn field<'a>(fields: &'a [Value], name: &str) -> Vec<&'a Value> {
    fields
        .iter()
        .filter(|f| f.get("Field").and_then(Value::as_str) == Some(name))
        .collect()
}

/// Whether `value` satisfies every selector of a field, and there is at least one.
fn all_match(value: &str, sels: &[&Value]) -> bool {
    !sels.is_empty() && sels.iter().all(|s| selector_matches(value, s))
}

fn advanced_match(selector: &Value) -> Option<Match> {
    let fields: Vec<Value> = selector
        .get("FieldSelectors")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    let category = field(&fields, "eventCategory");
    if all_match("Management", &category) {
        let read_only = field(&fields, "readOnly");
        let read_only_restricted =
            !read_only.is_empty() && !read_only.iter().any(|s| selector_matches("false", s));
        let sources = field(&fields, "eventSource");
        let bedrock = sources.is_empty()
            || BEDROCK_EVENT_SOURCES
                .iter()
                .any(|src| all_match(src, &sources));
        if !read_only_restricted && bedrock {
            return Some(Match::AdvancedManagement);
        }
    }
    if all_match("Data", &category) {
        let types = field(&fields, "resources.type");
        if BEDROCK_RESOURCE_TYPES.iter().any(|t| all_match(t, &types)) {
            return Some(Match::AdvancedData);
        }
    }
    None
}

/// The first selector of the trail that logs Bedrock calls (classic ones first, as
/// Prowler lists them).
fn bedrock_match(sel: &EventSelectors) -> Option<Match> {
    if sel.basic.iter().any(|b| {
        b.include_management_events && matches!(b.read_write_type.as_str(), "All" | "WriteOnly")
    }) {
        return Some(Match::ClassicManagement);
    }
    sel.advanced.iter().find_map(advanced_match)
}

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let all = trails(scan, id, emit);
    let mut decided = all.complete();
    let mut passed = false;
    for t in &all.trails {
        let Some(logging) = collected(&t.is_logging, id, &t.home_region, &t.name, &t.arn, emit)
        else {
            decided = false;
            continue;
        };
        if !logging {
            continue;
        }
        let Some(sel) = collected(
            &t.event_selectors,
            id,
            &t.home_region,
            &t.name,
            &t.arn,
            emit,
        ) else {
            decided = false;
            continue;
        };
        let Some(m) = bedrock_match(sel) else {
            continue;
        };
        let how = match m {
            Match::ClassicManagement => {
                "has management events enabled to log Amazon Bedrock control-plane API calls."
            }
            Match::AdvancedManagement => {
                "has an advanced management event selector to log Amazon Bedrock control-plane API calls."
            }
            Match::AdvancedData => {
                "has an advanced data event selector to log Amazon Bedrock API calls."
            }
        };
        let text = format!("Trail {} from home region {} {how}", t.name, t.home_region);
        emit(
            Finding::new(id, Status::Pass, &t.home_region, &t.name, &t.arn, text)
                .with_tags(&t.tags),
        );
        passed = true;
    }
    if passed || !decided {
        return;
    }
    let region = scan.global_region();
    emit(Finding::new(
        id,
        Status::Fail,
        region,
        scan.account_id(),
        &trail_arn_template(scan, region),
        "No CloudTrail trails are configured to log Amazon Bedrock API calls.",
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloudtrail::testdata::trail;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::cloudtrail::EventSelector;
    use kestrel_model::{ApiError, Fetched, Snapshot};
    use serde_json::json;

    fn snap(selectors: EventSelectors, logging: bool) -> Snapshot {
        let mut s = snapshot();
        let mut t = trail("main", "us-east-1", true);
        t.is_logging = Fetched::Ok(logging);
        t.event_selectors = Fetched::Ok(selectors);
        region(&mut s).cloudtrail.trails = Fetched::Ok(vec![t]);
        s
    }

    fn classic(rw: &str, management: bool) -> EventSelectors {
        EventSelectors {
            basic: vec![EventSelector {
                read_write_type: rw.into(),
                include_management_events: management,
                data_resources: vec![],
            }],
            advanced: vec![],
        }
    }

    fn advanced(fields: Value) -> EventSelectors {
        EventSelectors {
            basic: vec![],
            advanced: vec![json!({"Name": "s", "FieldSelectors": fields})],
        }
    }

    fn status(s: &EventSelectors) -> Status {
        run(&CHECK, &snap(s.clone(), true))[0].status
    }

    #[test]
    fn classic_management_events_with_writes_pass() {
        assert_eq!(status(&classic("All", true)), Status::Pass);
        assert_eq!(status(&classic("WriteOnly", true)), Status::Pass);
        assert_eq!(status(&classic("ReadOnly", true)), Status::Fail);
        assert_eq!(status(&classic("All", false)), Status::Fail);
        let f = run(&CHECK, &snap(classic("All", true), true));
        assert_eq!(
            f[0].status_extended,
            "Trail main from home region us-east-1 has management events enabled to log Amazon Bedrock control-plane API calls."
        );
    }

    #[test]
    fn advanced_selectors() {
        let mgmt = json!([{"Field": "eventCategory", "Equals": ["Management"]}]);
        assert_eq!(status(&advanced(mgmt)), Status::Pass);
        let read_only = json!([{"Field": "eventCategory", "Equals": ["Management"]},
                               {"Field": "readOnly", "Equals": ["true"]}]);
        assert_eq!(status(&advanced(read_only)), Status::Fail);
        let other_source = json!([{"Field": "eventCategory", "Equals": ["Management"]},
                                  {"Field": "eventSource", "Equals": ["s3.amazonaws.com"]}]);
        assert_eq!(status(&advanced(other_source)), Status::Fail);
        let bedrock_source = json!([{"Field": "eventCategory", "Equals": ["Management"]},
                                    {"Field": "eventSource", "StartsWith": ["bedrock"]}]);
        assert_eq!(status(&advanced(bedrock_source)), Status::Pass);
        let data = json!([{"Field": "eventCategory", "Equals": ["Data"]},
                          {"Field": "resources.type", "Equals": ["AWS::Bedrock::Model"]}]);
        assert_eq!(status(&advanced(data)), Status::Pass);
        let s3_data = json!([{"Field": "eventCategory", "Equals": ["Data"]},
                             {"Field": "resources.type", "Equals": ["AWS::S3::Object"]}]);
        assert_eq!(status(&advanced(s3_data)), Status::Fail);
    }

    #[test]
    fn trails_that_do_not_log_do_not_count() {
        let f = run(&CHECK, &snap(classic("All", true), false));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].resource_arn,
            "arn:aws:cloudtrail:us-east-1:123456789012:trail"
        );
    }

    #[test]
    fn unreadable_selectors_are_an_error_not_a_fail() {
        let mut s = snap(classic("All", true), true);
        if let Fetched::Ok(ts) = &mut region(&mut s).cloudtrail.trails {
            ts[0].event_selectors = Fetched::Error(ApiError::new(
                "cloudtrail:GetEventSelectors",
                "AccessDenied",
                "",
            ));
        }
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
