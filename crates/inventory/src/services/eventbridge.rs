//! EventBridge (regional): event buses and their policies.

use kestrel_model::eventbridge::{EventBridge, EventBus, LIST_EVENT_BUSES};

use crate::collection::Collection;
use crate::services::Service;

crate::sdk_client!(aws_sdk_eventbridge, "EVENTBRIDGE", "eventbridge");

pub const SERVICE: Service = Service {
    label: "eventbridge",
    actions: &[LIST_EVENT_BUSES],
    collect: crate::regional!(collect => eventbridge),
    after: None,
};

async fn collect(ctx: &Collection, region: &str) -> EventBridge {
    let c: aws_sdk_eventbridge::Client = ctx.clients.get(region);
    let buses = ctx
        .list(
            LIST_EVENT_BUSES,
            |t| c.list_event_buses().set_next_token(t).send(),
            |p| p.next_token(),
            |p| {
                p.event_buses()
                    .iter()
                    .map(|b| EventBus {
                        name: b.name().unwrap_or_default().to_string(),
                        arn: b.arn().unwrap_or_default().to_string(),
                        policy: b.policy().and_then(|p| serde_json::from_str(p).ok()),
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await;
    EventBridge {
        buses: buses.into(),
    }
}
