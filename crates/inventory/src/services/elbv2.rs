//! Elastic Load Balancing v2 (regional): load balancers, their attributes, and their
//! listeners (with, for HTTP listeners, whether a rule redirects to HTTPS).

use kestrel_model::elbv2::{
    Elbv2, Listener, LoadBalancer, DESCRIBE_LISTENERS, DESCRIBE_LOAD_BALANCERS,
    DESCRIBE_LOAD_BALANCER_ATTRIBUTES, DESCRIBE_RULES,
};
use kestrel_model::ApiError;

use crate::collection::{fan_out, when, Collection};
use crate::services::Service;

crate::sdk_client!(
    aws_sdk_elasticloadbalancingv2,
    "ELASTIC_LOAD_BALANCING_V2",
    "elastic_load_balancing_v2"
);

pub const SERVICE: Service = Service {
    label: "elbv2",
    actions: &[
        DESCRIBE_LOAD_BALANCERS,
        DESCRIBE_LOAD_BALANCER_ATTRIBUTES,
        DESCRIBE_LISTENERS,
        DESCRIBE_RULES,
    ],
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
    if ctx.needs(DESCRIBE_LISTENERS) {
        let listeners = fan_out(list.iter().map(|lb| listeners(ctx, &c, &lb.arn))).await;
        for (lb, l) in list.iter_mut().zip(listeners) {
            lb.listeners = l.into();
        }
    }
    Ok(list)
}

/// A load balancer's listeners; for each HTTP one, whether a rule redirects to HTTPS
/// (DescribeRules, when needed).
async fn listeners(
    ctx: &Collection,
    c: &aws_sdk_elasticloadbalancingv2::Client,
    lb: &str,
) -> Result<Vec<Listener>, ApiError> {
    let mut list = ctx
        .list(
            DESCRIBE_LISTENERS,
            |m| {
                c.describe_listeners()
                    .load_balancer_arn(lb)
                    .set_marker(m)
                    .send()
            },
            |p| p.next_marker(),
            |p| {
                p.listeners()
                    .iter()
                    .map(|l| Listener {
                        arn: l.listener_arn().unwrap_or_default().to_string(),
                        protocol: l
                            .protocol()
                            .map(|p| p.as_str().to_string())
                            .unwrap_or_default(),
                        ..Default::default()
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await?;
    let rules = ctx.needs(DESCRIBE_RULES);
    let redirects = fan_out(list.iter().map(|l| {
        when(rules && l.protocol == "HTTP", async move {
            let rules = ctx
                .list(
                    DESCRIBE_RULES,
                    |m| c.describe_rules().listener_arn(&l.arn).set_marker(m).send(),
                    |p| p.next_marker(),
                    |p| p.rules().to_vec(),
                )
                .await?;
            Ok(rules.iter().flat_map(|r| r.actions()).any(|a| {
                a.r#type().is_some_and(|t| t.as_str() == "redirect")
                    && a.redirect_config()
                        .and_then(|r| r.protocol())
                        .is_some_and(|p| p == "HTTPS")
            }))
        })
    }))
    .await;
    for (l, r) in list.iter_mut().zip(redirects) {
        l.redirects_to_https = r;
    }
    Ok(list)
}
