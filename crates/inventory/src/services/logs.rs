//! CloudWatch Logs (regional): metric filters, log groups and resource policies.

use kestrel_model::logs::{
    LogGroup, Logs, MetricFilter, DESCRIBE_LOG_GROUPS, DESCRIBE_METRIC_FILTERS,
    DESCRIBE_RESOURCE_POLICIES,
};

use crate::collection::{when, Collection};
use crate::services::Service;

crate::sdk_client!(aws_sdk_cloudwatchlogs, "CLOUDWATCH_LOGS", "cloudwatch_logs");

pub const SERVICE: Service = Service {
    label: "logs",
    actions: &[
        DESCRIBE_METRIC_FILTERS,
        DESCRIBE_LOG_GROUPS,
        DESCRIBE_RESOURCE_POLICIES,
    ],
    collect: crate::regional!(collect => logs),
    after: None,
};

async fn collect(ctx: &Collection, region: &str) -> Logs {
    let c: aws_sdk_cloudwatchlogs::Client = ctx.clients.get(region);
    let filters = when(
        ctx.needs(DESCRIBE_METRIC_FILTERS),
        ctx.list(
            DESCRIBE_METRIC_FILTERS,
            |t| c.describe_metric_filters().set_next_token(t).send(),
            |p| p.next_token(),
            |p| {
                p.metric_filters()
                    .iter()
                    .map(|f| MetricFilter {
                        name: f.filter_name().unwrap_or_default().to_string(),
                        log_group_name: f.log_group_name().unwrap_or_default().to_string(),
                        pattern: f.filter_pattern().unwrap_or_default().to_string(),
                        metrics: f
                            .metric_transformations()
                            .iter()
                            .map(|m| {
                                (
                                    m.metric_name().to_string(),
                                    m.metric_namespace().to_string(),
                                )
                            })
                            .collect(),
                    })
                    .collect::<Vec<_>>()
            },
        ),
    );
    let groups = when(
        ctx.needs(DESCRIBE_LOG_GROUPS),
        ctx.list(
            DESCRIBE_LOG_GROUPS,
            |t| c.describe_log_groups().set_next_token(t).send(),
            |p| p.next_token(),
            |p| {
                p.log_groups()
                    .iter()
                    .map(|g| LogGroup {
                        name: g.log_group_name().unwrap_or_default().to_string(),
                        arn: g.arn().unwrap_or_default().to_string(),
                        retention_in_days: g.retention_in_days(),
                        kms_key_id: g.kms_key_id().map(str::to_string),
                    })
                    .collect::<Vec<_>>()
            },
        ),
    );
    let policies = when(
        ctx.needs(DESCRIBE_RESOURCE_POLICIES),
        ctx.list(
            DESCRIBE_RESOURCE_POLICIES,
            |t| c.describe_resource_policies().set_next_token(t).send(),
            |p| p.next_token(),
            |p| {
                p.resource_policies()
                    .iter()
                    .filter_map(|r| r.policy_document().and_then(crate::decode::policy))
                    .collect::<Vec<_>>()
            },
        ),
    );
    let (metric_filters, log_groups, resource_policies) = futures::join!(filters, groups, policies);
    Logs {
        metric_filters,
        log_groups,
        resource_policies,
    }
}
