//! Classic Load Balancers (regional): listeners, zones, and the access-log and
//! cross-zone attributes.

use kestrel_model::elb::{
    Attributes, Elb, LoadBalancer, DESCRIBE_LOAD_BALANCERS, DESCRIBE_LOAD_BALANCER_ATTRIBUTES,
};
use kestrel_model::ApiError;

use crate::collection::{fan_out, Collection};
use crate::services::Service;

crate::sdk_client!(
    aws_sdk_elasticloadbalancing,
    "ELASTIC_LOAD_BALANCING",
    "elastic_load_balancing"
);

pub const SERVICE: Service = Service {
    label: "elb",
    actions: &[DESCRIBE_LOAD_BALANCERS, DESCRIBE_LOAD_BALANCER_ATTRIBUTES],
    collect: crate::regional!(collect => elb),
    after: None,
};

async fn collect(ctx: &Collection, region: &str) -> Elb {
    Elb {
        load_balancers: load_balancers(ctx, region).await.into(),
    }
}

async fn load_balancers(ctx: &Collection, region: &str) -> Result<Vec<LoadBalancer>, ApiError> {
    let c: aws_sdk_elasticloadbalancing::Client = ctx.clients.get(region);
    let descriptions = ctx
        .list(
            DESCRIBE_LOAD_BALANCERS,
            |m| c.describe_load_balancers().set_marker(m).send(),
            |p| p.next_marker(),
            |p| p.load_balancer_descriptions().to_vec(),
        )
        .await?;
    ctx.wait_account_id().await;
    let mut list: Vec<LoadBalancer> = descriptions
        .iter()
        .map(|lb| {
            let name = lb.load_balancer_name().unwrap_or_default().to_string();
            LoadBalancer {
                arn: format!(
                    "arn:{}:elasticloadbalancing:{region}:{}:loadbalancer/{name}",
                    ctx.partition,
                    ctx.account_id()
                ),
                name,
                listener_protocols: lb
                    .listener_descriptions()
                    .iter()
                    .filter_map(|l| l.listener().map(|l| l.protocol().to_string()))
                    .collect(),
                availability_zones: lb.availability_zones().to_vec(),
                ..Default::default()
            }
        })
        .collect();
    if ctx.needs(DESCRIBE_LOAD_BALANCER_ATTRIBUTES) {
        let attrs = fan_out(list.iter().map(|lb| {
            let c = &c;
            async move {
                let o = ctx
                    .call(DESCRIBE_LOAD_BALANCER_ATTRIBUTES, || {
                        c.describe_load_balancer_attributes()
                            .load_balancer_name(&lb.name)
                            .send()
                    })
                    .await?;
                let a = o.load_balancer_attributes();
                Ok(Attributes {
                    access_logs: a.and_then(|a| a.access_log()).is_some_and(|l| l.enabled()),
                    cross_zone: a
                        .and_then(|a| a.cross_zone_load_balancing())
                        .is_some_and(|z| z.enabled()),
                })
            }
        }))
        .await;
        for (lb, a) in list.iter_mut().zip(attrs) {
            lb.attributes = a.into();
        }
    }
    Ok(list)
}
