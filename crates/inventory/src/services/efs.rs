//! EFS (regional): file systems and their backup policies.

use kestrel_model::efs::{Efs, FileSystem, DESCRIBE_BACKUP_POLICY, DESCRIBE_FILE_SYSTEMS};

use crate::collection::{fan_out, Collection};
use crate::services::Service;

crate::sdk_client!(aws_sdk_efs, "EFS", "efs");

pub const SERVICE: Service = Service {
    label: "efs",
    actions: &[DESCRIBE_FILE_SYSTEMS, DESCRIBE_BACKUP_POLICY],
    collect: crate::regional!(collect => efs),
    after: None,
};

async fn collect(ctx: &Collection, region: &str) -> Efs {
    let c: aws_sdk_efs::Client = ctx.clients.get(region);
    let mut file_systems = ctx
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
                        backup_policy: Default::default(),
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
    if let Ok(list) = file_systems.as_mut() {
        if ctx.needs(DESCRIBE_BACKUP_POLICY) {
            let policies = fan_out(list.iter().map(|f| {
                let c = &c;
                async move {
                    let r = ctx
                        .call(DESCRIBE_BACKUP_POLICY, || {
                            c.describe_backup_policy().file_system_id(&f.id).send()
                        })
                        .await;
                    match r {
                        Ok(o) => Ok(o.backup_policy().map(|p| p.status().as_str().to_string())),
                        Err(e) if e.code == "PolicyNotFound" => Ok(None),
                        Err(e) => Err(e),
                    }
                }
            }))
            .await;
            for (f, p) in list.iter_mut().zip(policies) {
                f.backup_policy = p.into();
            }
        }
    }
    Efs {
        file_systems: file_systems.into(),
    }
}
