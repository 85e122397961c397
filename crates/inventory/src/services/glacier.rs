//! S3 Glacier (regional): vaults and their access policies.

use kestrel_model::glacier::{Glacier, GET_VAULT_ACCESS_POLICY, LIST_VAULTS};
use kestrel_model::{ApiError, ResourceWithPolicy};

use crate::collection::{fan_out, Collection};
use crate::services::Service;

crate::sdk_client!(aws_sdk_glacier, "GLACIER", "glacier");

pub const SERVICE: Service = Service {
    label: "glacier",
    actions: &[LIST_VAULTS, GET_VAULT_ACCESS_POLICY],
    collect: crate::regional!(collect => glacier),
    after: None,
};

async fn collect(ctx: &Collection, region: &str) -> Glacier {
    Glacier {
        vaults: vaults(ctx, region).await.into(),
    }
}

async fn vaults(ctx: &Collection, region: &str) -> Result<Vec<ResourceWithPolicy>, ApiError> {
    let c: aws_sdk_glacier::Client = ctx.clients.get(region);
    let mut list = ctx
        .list(
            LIST_VAULTS,
            |m| c.list_vaults().account_id("-").set_marker(m).send(),
            |p| p.marker(),
            |p| {
                p.vault_list()
                    .iter()
                    .map(|v| ResourceWithPolicy {
                        name: v.vault_name().unwrap_or_default().to_string(),
                        arn: v.vault_arn().unwrap_or_default().to_string(),
                        ..Default::default()
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await?;
    if ctx.needs(GET_VAULT_ACCESS_POLICY) {
        let pols = fan_out(list.iter().map(|v| {
            let c = &c;
            async move {
                match ctx
                    .call(GET_VAULT_ACCESS_POLICY, || {
                        c.get_vault_access_policy()
                            .account_id("-")
                            .vault_name(&v.name)
                            .send()
                    })
                    .await
                {
                    Ok(o) => Ok(o
                        .policy()
                        .and_then(|p| p.policy())
                        .and_then(|p| serde_json::from_str(p).ok())),
                    Err(e) if e.code == "ResourceNotFoundException" => Ok(None),
                    Err(e) => Err(e),
                }
            }
        }))
        .await;
        for (v, p) in list.iter_mut().zip(pols) {
            v.policy = p.into();
        }
    }
    Ok(list)
}
