//! AWS Config (regional): configuration recorders and their status.

use kestrel_model::config::{
    Config, ConfigRecorder, DESCRIBE_CONFIGURATION_RECORDERS,
    DESCRIBE_CONFIGURATION_RECORDER_STATUS,
};
use kestrel_model::ApiError;

use crate::collection::Collection;
use crate::services::Service;

crate::sdk_client!(aws_sdk_config, "CONFIG_SERVICE", "config_service");

pub const SERVICE: Service = Service {
    label: "config",
    actions: &[
        DESCRIBE_CONFIGURATION_RECORDERS,
        DESCRIBE_CONFIGURATION_RECORDER_STATUS,
    ],
    collect: crate::regional!(collect => config),
    after: None,
};

async fn collect(ctx: &Collection, region: &str) -> Config {
    Config {
        recorders: recorders(ctx, region).await.into(),
    }
}

async fn recorders(ctx: &Collection, region: &str) -> Result<Vec<ConfigRecorder>, ApiError> {
    let c: aws_sdk_config::Client = ctx.clients.get(region);
    let (recs, statuses) = futures::join!(
        ctx.call(DESCRIBE_CONFIGURATION_RECORDERS, || c
            .describe_configuration_recorders()
            .send()),
        ctx.call(DESCRIBE_CONFIGURATION_RECORDER_STATUS, || c
            .describe_configuration_recorder_status()
            .send()),
    );
    let recs = recs?;
    let statuses = statuses?;
    Ok(recs
        .configuration_recorders()
        .iter()
        .map(|r| {
            let name = r.name().unwrap_or_default().to_string();
            let status = statuses
                .configuration_recorders_status()
                .iter()
                .find(|s| s.name() == Some(name.as_str()));
            ConfigRecorder {
                all_supported: r
                    .recording_group()
                    .map(|g| g.all_supported())
                    .unwrap_or(false),
                include_global_resource_types: r
                    .recording_group()
                    .map(|g| g.include_global_resource_types())
                    .unwrap_or(false),
                recording: status.map(|s| s.recording()).unwrap_or(false),
                last_status: status
                    .and_then(|s| s.last_status())
                    .map(|s| s.as_str().to_string()),
                name,
            }
        })
        .collect())
}
