//! CloudWatch Logs (regional): metric filters.

use kestrel_model::logs::{Logs, MetricFilter, DESCRIBE_METRIC_FILTERS};

use crate::collection::Collection;
use crate::services::Service;

crate::sdk_client!(aws_sdk_cloudwatchlogs, "CLOUDWATCH_LOGS", "cloudwatch_logs");

pub const SERVICE: Service = Service {
    label: "logs",
    actions: &[DESCRIBE_METRIC_FILTERS],
    collect: crate::regional!(collect => logs),
    after: None,
};

async fn collect(ctx: &Collection, region: &str) -> Logs {
    let c: aws_sdk_cloudwatchlogs::Client = ctx.clients.get(region);
    let filters = ctx
        .list(
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
        )
        .await;
    Logs {
        metric_filters: filters.into(),
    }
}
