//! EFS (regional): file systems.

use kestrel_model::efs::{Efs, FileSystem, DESCRIBE_FILE_SYSTEMS};

use crate::collection::Collection;
use crate::services::Service;

crate::sdk_client!(aws_sdk_efs, "EFS", "efs");

pub const SERVICE: Service = Service {
    label: "efs",
    actions: &[DESCRIBE_FILE_SYSTEMS],
    collect: crate::regional!(collect => efs),
    after: None,
};

async fn collect(ctx: &Collection, region: &str) -> Efs {
    let c: aws_sdk_efs::Client = ctx.clients.get(region);
    let file_systems = ctx
        .list(
            DESCRIBE_FILE_SYSTEMS,
            |m| c.describe_file_systems().set_marker(m).send(),
            |p| p.next_marker(),
            |p| {
                p.file_systems()
                    .iter()
                    .map(|f| FileSystem {
                        id: f.file_system_id().to_string(),
                        arn: f.file_system_arn().unwrap_or_default().to_string(),
                        encrypted: f.encrypted().unwrap_or(false),
                        tags: f
                            .tags()
                            .iter()
                            .map(|t| (t.key().to_string(), t.value().to_string()))
                            .collect(),
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await;
    Efs {
        file_systems: file_systems.into(),
    }
}
