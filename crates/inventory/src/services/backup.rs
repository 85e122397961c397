//! AWS Backup (regional): backup plans and vaults.

use kestrel_model::backup::{Backup, Plan, Vault, LIST_BACKUP_PLANS, LIST_BACKUP_VAULTS};

use crate::collection::{when, Collection};
use crate::services::Service;

crate::sdk_client!(aws_sdk_backup, "BACKUP", "backup");

pub const SERVICE: Service = Service {
    label: "backup",
    actions: &[LIST_BACKUP_PLANS, LIST_BACKUP_VAULTS],
    collect: crate::regional!(collect => backup),
    after: None,
};

async fn collect(ctx: &Collection, region: &str) -> Backup {
    let c: aws_sdk_backup::Client = ctx.clients.get(region);
    let (plans, vaults) = futures::join!(
        when(
            ctx.needs(LIST_BACKUP_PLANS),
            ctx.list(
                LIST_BACKUP_PLANS,
                |t| c.list_backup_plans().set_next_token(t).send(),
                |p| p.next_token(),
                |p| {
                    p.backup_plans_list()
                        .iter()
                        .map(|b| Plan {
                            name: b.backup_plan_name().unwrap_or_default().to_string(),
                            arn: b.backup_plan_arn().unwrap_or_default().to_string(),
                        })
                        .collect::<Vec<_>>()
                },
            )
        ),
        when(
            ctx.needs(LIST_BACKUP_VAULTS),
            ctx.list(
                LIST_BACKUP_VAULTS,
                |t| c.list_backup_vaults().set_next_token(t).send(),
                |p| p.next_token(),
                |p| {
                    p.backup_vault_list()
                        .iter()
                        .map(|v| Vault {
                            name: v.backup_vault_name().unwrap_or_default().to_string(),
                            arn: v.backup_vault_arn().unwrap_or_default().to_string(),
                            encryption_key_arn: v
                                .encryption_key_arn()
                                .unwrap_or_default()
                                .to_string(),
                            ..Default::default()
                        })
                        .collect::<Vec<_>>()
                },
            )
        ),
    );
    Backup { plans, vaults }
}
