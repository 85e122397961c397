//! Secrets Manager (regional): secrets and their resource policies.

use kestrel_model::secretsmanager::{SecretsManager, GET_RESOURCE_POLICY, LIST_SECRETS};
use kestrel_model::{ApiError, ResourceWithPolicy};

use crate::collection::{fan_out, Collection};
use crate::services::Service;

crate::sdk_client!(aws_sdk_secretsmanager, "SECRETS_MANAGER", "secrets_manager");

pub const SERVICE: Service = Service {
    label: "secretsmanager",
    actions: &[LIST_SECRETS, GET_RESOURCE_POLICY],
    collect: crate::regional!(collect => secretsmanager),
    after: None,
};

async fn collect(ctx: &Collection, region: &str) -> SecretsManager {
    SecretsManager {
        secrets: secrets(ctx, region).await.into(),
    }
}

async fn secrets(ctx: &Collection, region: &str) -> Result<Vec<ResourceWithPolicy>, ApiError> {
    let c: aws_sdk_secretsmanager::Client = ctx.clients.get(region);
    let mut list = ctx
        .list(
            LIST_SECRETS,
            |t| c.list_secrets().set_next_token(t).send(),
            |p| p.next_token(),
            |p| {
                p.secret_list()
                    .iter()
                    .map(|s| ResourceWithPolicy {
                        name: s.name().unwrap_or_default().to_string(),
                        arn: s.arn().unwrap_or_default().to_string(),
                        tags: s
                            .tags()
                            .iter()
                            .filter_map(|t| {
                                Some((
                                    t.key()?.to_string(),
                                    t.value().unwrap_or_default().to_string(),
                                ))
                            })
                            .collect(),
                        attributes: kestrel_model::Fetched::Ok(
                            [(
                                "RotationEnabled".to_string(),
                                s.rotation_enabled().unwrap_or(false).to_string(),
                            )]
                            .into(),
                        ),
                        ..Default::default()
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await?;
    if ctx.needs(GET_RESOURCE_POLICY) {
        let pols = fan_out(list.iter().map(|s| {
            let c = &c;
            async move {
                let o = ctx
                    .call(GET_RESOURCE_POLICY, || {
                        c.get_resource_policy().secret_id(&s.arn).send()
                    })
                    .await?;
                Ok(o.resource_policy()
                    .and_then(|p| serde_json::from_str(p).ok()))
            }
        }))
        .await;
        for (s, p) in list.iter_mut().zip(pols) {
            s.policy = p.into();
        }
    }
    Ok(list)
}
