//! AWS Transfer Family (regional): servers and the protocols they accept.

use kestrel_model::transfer::{Server, Transfer, DESCRIBE_SERVER, LIST_SERVERS};
use kestrel_model::{ApiError, Fetched};

use crate::collection::{fan_out, unreadable, Collection};
use crate::services::Service;

crate::sdk_client!(aws_sdk_transfer, "TRANSFER", "transfer");

pub const SERVICE: Service = Service {
    label: "transfer",
    actions: &[LIST_SERVERS, DESCRIBE_SERVER],
    collect: crate::regional!(collect => transfer),
    after: None,
};

async fn collect(ctx: &Collection, region: &str) -> Transfer {
    Transfer {
        servers: servers(ctx, region).await.into(),
    }
}

async fn servers(ctx: &Collection, region: &str) -> Result<Vec<Server>, ApiError> {
    let c: aws_sdk_transfer::Client = ctx.clients.get(region);
    let mut list = ctx
        .list(
            LIST_SERVERS,
            |t| c.list_servers().set_next_token(t).send(),
            |p| p.next_token(),
            |p| {
                p.servers()
                    .iter()
                    .map(|s| Server {
                        id: s.server_id().unwrap_or_default().to_string(),
                        arn: s.arn().to_string(),
                        ..Default::default()
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await?;
    if ctx.needs(DESCRIBE_SERVER) {
        let described = fan_out(list.iter().map(|s| {
            let c = &c;
            async move {
                ctx.call(DESCRIBE_SERVER, || {
                    c.describe_server().server_id(&s.id).send()
                })
                .await
            }
        }))
        .await;
        for (s, d) in list.iter_mut().zip(described) {
            match d {
                Ok(o) if o.server().is_none() => {
                    s.protocols = Fetched::Error(unreadable("transfer:DescribeServer"))
                }
                Ok(o) => {
                    let srv = o.server();
                    s.protocols = Fetched::Ok(
                        srv.map(|v| v.protocols())
                            .unwrap_or_default()
                            .iter()
                            .map(|p| p.as_str().to_string())
                            .collect(),
                    );
                    s.tags = srv
                        .map(|v| v.tags())
                        .unwrap_or_default()
                        .iter()
                        .map(|t| (t.key().to_string(), t.value().to_string()))
                        .collect();
                }
                Err(e) => s.protocols = Fetched::Error(e),
            }
        }
    }
    Ok(list)
}
