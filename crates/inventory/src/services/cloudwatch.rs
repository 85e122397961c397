//! CloudWatch (regional): metric alarms.

use kestrel_model::cloudwatch::{CloudWatch, MetricAlarm, DESCRIBE_ALARMS};

use crate::collection::Collection;
use crate::services::Service;

crate::sdk_client!(aws_sdk_cloudwatch, "CLOUDWATCH", "cloudwatch");

pub const SERVICE: Service = Service {
    label: "cloudwatch",
    actions: &[DESCRIBE_ALARMS],
    collect: crate::regional!(collect => cloudwatch),
    after: None,
};

async fn collect(ctx: &Collection, region: &str) -> CloudWatch {
    let c: aws_sdk_cloudwatch::Client = ctx.clients.get(region);
    let alarms = ctx
        .list(
            DESCRIBE_ALARMS,
            |t| c.describe_alarms().set_next_token(t).send(),
            |p| p.next_token(),
            |p| {
                p.metric_alarms()
                    .iter()
                    .map(|a| MetricAlarm {
                        name: a.alarm_name().unwrap_or_default().to_string(),
                        arn: a.alarm_arn().unwrap_or_default().to_string(),
                        metric_name: a.metric_name().map(str::to_string),
                        namespace: a.namespace().map(str::to_string),
                        actions_enabled: a.actions_enabled().unwrap_or(false),
                        alarm_actions: a.alarm_actions().to_vec(),
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await;
    CloudWatch {
        alarms: alarms.into(),
    }
}
