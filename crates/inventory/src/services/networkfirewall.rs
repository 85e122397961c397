//! AWS Network Firewall (regional): firewalls and their deletion protection.

use kestrel_model::networkfirewall::{
    Firewall, NetworkFirewall, DESCRIBE_FIREWALL, LIST_FIREWALLS,
};
use kestrel_model::{ApiError, Fetched};

use crate::collection::{fan_out, unreadable, Collection};
use crate::services::Service;

crate::sdk_client!(
    aws_sdk_networkfirewall,
    "NETWORK_FIREWALL",
    "network_firewall"
);

pub const SERVICE: Service = Service {
    label: "networkfirewall",
    actions: &[LIST_FIREWALLS, DESCRIBE_FIREWALL],
    collect: crate::regional!(collect => networkfirewall),
    after: None,
};

async fn collect(ctx: &Collection, region: &str) -> NetworkFirewall {
    NetworkFirewall {
        firewalls: firewalls(ctx, region).await.into(),
    }
}

async fn firewalls(ctx: &Collection, region: &str) -> Result<Vec<Firewall>, ApiError> {
    let c: aws_sdk_networkfirewall::Client = ctx.clients.get(region);
    let mut list = ctx
        .list(
            LIST_FIREWALLS,
            |t| c.list_firewalls().set_next_token(t).send(),
            |p| p.next_token(),
            |p| {
                p.firewalls()
                    .iter()
                    .map(|f| Firewall {
                        name: f.firewall_name().unwrap_or_default().to_string(),
                        arn: f.firewall_arn().unwrap_or_default().to_string(),
                        ..Default::default()
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await?;
    if ctx.needs(DESCRIBE_FIREWALL) {
        let described = fan_out(list.iter().map(|f| {
            let c = &c;
            async move {
                ctx.call(DESCRIBE_FIREWALL, || {
                    c.describe_firewall().firewall_arn(&f.arn).send()
                })
                .await
            }
        }))
        .await;
        for (f, d) in list.iter_mut().zip(described) {
            match d {
                Ok(o) if o.firewall().is_none() => {
                    f.deletion_protection =
                        Fetched::Error(unreadable("network-firewall:DescribeFirewall"))
                }
                Ok(o) => {
                    let fw = o.firewall();
                    f.deletion_protection = Fetched::Ok(fw.is_some_and(|w| w.delete_protection()));
                    f.tags = fw
                        .map(|w| w.tags())
                        .unwrap_or_default()
                        .iter()
                        .map(|t| (t.key().to_string(), t.value().to_string()))
                        .collect();
                }
                Err(e) => f.deletion_protection = Fetched::Error(e),
            }
        }
    }
    Ok(list)
}
