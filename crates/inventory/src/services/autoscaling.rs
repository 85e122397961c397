//! EC2 Auto Scaling (regional): groups and their Availability Zones.

use kestrel_model::autoscaling::{AutoScaling, Group, DESCRIBE_AUTO_SCALING_GROUPS};

use crate::collection::Collection;
use crate::services::Service;

crate::sdk_client!(aws_sdk_autoscaling, "AUTO_SCALING", "auto_scaling");

pub const SERVICE: Service = Service {
    label: "autoscaling",
    actions: &[DESCRIBE_AUTO_SCALING_GROUPS],
    collect: crate::regional!(collect => autoscaling),
    after: None,
};

async fn collect(ctx: &Collection, region: &str) -> AutoScaling {
    let c: aws_sdk_autoscaling::Client = ctx.clients.get(region);
    let groups = ctx
        .list(
            DESCRIBE_AUTO_SCALING_GROUPS,
            |t| c.describe_auto_scaling_groups().set_next_token(t).send(),
            |p| p.next_token(),
            |p| {
                p.auto_scaling_groups()
                    .iter()
                    .map(|g| Group {
                        name: g.auto_scaling_group_name().unwrap_or_default().to_string(),
                        arn: g.auto_scaling_group_arn().unwrap_or_default().to_string(),
                        availability_zones: g.availability_zones().to_vec(),
                        tags: g
                            .tags()
                            .iter()
                            .filter_map(|t| {
                                Some((
                                    t.key()?.to_string(),
                                    t.value().unwrap_or_default().to_string(),
                                ))
                            })
                            .collect(),
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await;
    AutoScaling {
        groups: groups.into(),
    }
}
