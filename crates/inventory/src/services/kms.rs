//! KMS (regional): keys, their metadata, rotation status and key policy.

use kestrel_model::kms::{
    Kms, KmsKey, DESCRIBE_KEY, GET_KEY_POLICY, GET_KEY_ROTATION_STATUS, LIST_KEYS,
};
use kestrel_model::{ApiError, Fetched};

use crate::collection::{fan_out, when, Collection};
use crate::services::Service;

crate::sdk_client!(aws_sdk_kms, "KMS", "kms");

pub const SERVICE: Service = Service {
    label: "kms",
    actions: &[
        LIST_KEYS,
        DESCRIBE_KEY,
        GET_KEY_ROTATION_STATUS,
        GET_KEY_POLICY,
    ],
    collect: crate::regional!(collect => kms),
    after: None,
};

async fn collect(ctx: &Collection, region: &str) -> Kms {
    Kms {
        keys: keys(ctx, region).await.into(),
    }
}

async fn keys(ctx: &Collection, region: &str) -> Result<Vec<KmsKey>, ApiError> {
    let c: aws_sdk_kms::Client = ctx.clients.get(region);
    let ids = ctx
        .list(
            LIST_KEYS,
            |marker| c.list_keys().set_marker(marker).send(),
            |p| p.next_marker().filter(|_| p.truncated()),
            |p| {
                p.keys()
                    .iter()
                    .map(|k| {
                        (
                            k.key_id().unwrap_or_default().to_string(),
                            k.key_arn().unwrap_or_default().to_string(),
                        )
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await?;
    let rotation = ctx.needs(GET_KEY_ROTATION_STATUS);
    let policy = ctx.needs(GET_KEY_POLICY);
    let keys = fan_out(ids.iter().map(|(id, arn)| {
        let c = &c;
        async move {
            let mut key = KmsKey {
                id: id.clone(),
                arn: arn.clone(),
                ..Default::default()
            };
            match ctx
                .call(DESCRIBE_KEY, || c.describe_key().key_id(id).send())
                .await
            {
                Ok(o) => {
                    if let Some(m) = o.key_metadata() {
                        let s = |x: Option<&str>| x.unwrap_or_default().to_string();
                        key.manager = s(m.key_manager().map(|x| x.as_str()));
                        key.state = s(m.key_state().map(|x| x.as_str()));
                        key.spec = s(m.key_spec().map(|x| x.as_str()));
                        key.origin = s(m.origin().map(|x| x.as_str()));
                    }
                }
                Err(e) => {
                    key.rotation_enabled = Fetched::Error(e.clone());
                    key.policy = Fetched::Error(e);
                    return key;
                }
            }
            // Rotation exists only for enabled, symmetric customer keys (Prowler's scope).
            let rotatable = key.manager == "CUSTOMER"
                && key.state == "Enabled"
                && key.spec == "SYMMETRIC_DEFAULT";
            let (r, p) = futures::join!(
                when(rotation && rotatable, async {
                    let o = ctx
                        .call(GET_KEY_ROTATION_STATUS, || {
                            c.get_key_rotation_status().key_id(id).send()
                        })
                        .await?;
                    Ok(o.key_rotation_enabled())
                }),
                when(policy && key.manager == "CUSTOMER", async {
                    let o = ctx
                        .call(GET_KEY_POLICY, || {
                            c.get_key_policy().key_id(id).policy_name("default").send()
                        })
                        .await?;
                    Ok(o.policy().and_then(|p| serde_json::from_str(p).ok()))
                }),
            );
            key.rotation_enabled = r;
            key.policy = p;
            key
        }
    }))
    .await;
    Ok(keys)
}
