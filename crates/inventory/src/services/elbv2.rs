//! Elastic Load Balancing v2 (regional): load balancers and their access-log setting.

use kestrel_model::elbv2::{
    Elbv2, LoadBalancer, DESCRIBE_LOAD_BALANCERS, DESCRIBE_LOAD_BALANCER_ATTRIBUTES,
};
use kestrel_model::ApiError;

use crate::collection::{fan_out, Collection};
use crate::services::Service;

crate::sdk_client!(
    aws_sdk_elasticloadbalancingv2,
    "ELASTIC_LOAD_BALANCING_V2",
    "elastic_load_balancing_v2"
);

pub const SERVICE: Service = Service {
    label: "elbv2",
    actions: &[DESCRIBE_LOAD_BALANCERS, DESCRIBE_LOAD_BALANCER_ATTRIBUTES],
    collect: crate::regional!(collect => elbv2),
    after: None,
};

async fn collect(ctx: &Collection, region: &str) -> Elbv2 {
    Elbv2 {
        load_balancers: load_balancers(ctx, region).await.into(),
    }
}

async fn load_balancers(ctx: &Collection, region: &str) -> Result<Vec<LoadBalancer>, ApiError> {
    let c: aws_sdk_elasticloadbalancingv2::Client = ctx.clients.get(region);
    let mut list = ctx
        .list(
            DESCRIBE_LOAD_BALANCERS,
            |m| c.describe_load_balancers().set_marker(m).send(),
            |p| p.next_marker(),
            |p| {
                p.load_balancers()
                    .iter()
                    .map(|lb| LoadBalancer {
                        name: lb.load_balancer_name().unwrap_or_default().to_string(),
                        arn: lb.load_balancer_arn().unwrap_or_default().to_string(),
                        lb_type: lb
                            .r#type()
                            .map(|t| t.as_str().to_string())
                            .unwrap_or_default(),
                        availability_zones: lb
                            .availability_zones()
                            .iter()
                            .filter_map(|z| z.zone_name().map(str::to_string))
                            .collect(),
                        ..Default::default()
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await?;
    if ctx.needs(DESCRIBE_LOAD_BALANCER_ATTRIBUTES) {
        let attrs = fan_out(list.iter().map(|lb| {
            let c = &c;
            async move {
                let o = ctx
                    .call(DESCRIBE_LOAD_BALANCER_ATTRIBUTES, || {
                        c.describe_load_balancer_attributes()
                            .load_balancer_arn(&lb.arn)
                            .send()
                    })
                    .await?;
                Ok(o.attributes()
                    .iter()
                    .filter_map(|a| Some((a.key()?.to_string(), a.value()?.to_string())))
                    .collect::<std::collections::BTreeMap<_, _>>())
            }
        }))
        .await;
        for (lb, a) in list.iter_mut().zip(attrs) {
            let a: Result<_, ApiError> = a;
            lb.access_logs_enabled = a
                .as_ref()
                .map(|m| m.get("access_logs.s3.enabled").map(String::as_str) == Some("true"))
                .map_err(Clone::clone)
                .into();
            lb.attributes = a.into();
        }
    }
    Ok(list)
}
