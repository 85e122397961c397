//! Lambda (regional): functions and their resource policies.

use kestrel_model::lambda::{
    Lambda, LambdaFunction, GET_FUNCTION_URL_CONFIG, GET_POLICY, LIST_FUNCTIONS,
};
use kestrel_model::ApiError;

use crate::collection::{fan_out, when, Collection};
use crate::services::Service;

crate::sdk_client!(aws_sdk_lambda, "LAMBDA", "lambda");

pub const SERVICE: Service = Service {
    label: "lambda",
    actions: &[LIST_FUNCTIONS, GET_POLICY, GET_FUNCTION_URL_CONFIG],
    collect: crate::regional!(collect => lambda),
    after: None,
};

async fn collect(ctx: &Collection, region: &str) -> Lambda {
    Lambda {
        functions: functions(ctx, region).await.into(),
    }
}

async fn functions(ctx: &Collection, region: &str) -> Result<Vec<LambdaFunction>, ApiError> {
    let c: aws_sdk_lambda::Client = ctx.clients.get(region);
    let mut list = ctx
        .list(
            LIST_FUNCTIONS,
            |m| c.list_functions().set_marker(m).send(),
            |p| p.next_marker(),
            |p| {
                p.functions()
                    .iter()
                    .map(|f| LambdaFunction {
                        name: f.function_name().unwrap_or_default().to_string(),
                        arn: f.function_arn().unwrap_or_default().to_string(),
                        runtime: f.runtime().map(|r| r.as_str().to_string()),
                        vpc_id: f
                            .vpc_config()
                            .and_then(|v| v.vpc_id())
                            .filter(|v| !v.is_empty())
                            .map(str::to_string),
                        vpc_security_group_ids: f
                            .vpc_config()
                            .map(|v| v.security_group_ids().to_vec())
                            .unwrap_or_default(),
                        vpc_subnet_ids: f
                            .vpc_config()
                            .map(|v| v.subnet_ids().to_vec())
                            .unwrap_or_default(),
                        ..Default::default()
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await?;
    // Policies and function URLs: one call each per function, all at once.
    let (with_policy, with_url) = (ctx.needs(GET_POLICY), ctx.needs(GET_FUNCTION_URL_CONFIG));
    let c = &c;
    let (pols, urls) = futures::join!(
        fan_out(list.iter().map(|f| {
            when(with_policy, async move {
                match ctx
                    .call(GET_POLICY, || c.get_policy().function_name(&f.name).send())
                    .await
                {
                    Ok(o) => Ok(o.policy().and_then(|p| serde_json::from_str(p).ok())),
                    Err(e) if e.code == "ResourceNotFoundException" => Ok(None),
                    Err(e) => Err(e),
                }
            })
        })),
        fan_out(list.iter().map(|f| {
            when(with_url, async move {
                match ctx
                    .call(GET_FUNCTION_URL_CONFIG, || {
                        c.get_function_url_config().function_name(&f.name).send()
                    })
                    .await
                {
                    Ok(o) => Ok(Some(o.auth_type().as_str().to_string())),
                    Err(e) if e.code == "ResourceNotFoundException" => Ok(None),
                    Err(e) => Err(e),
                }
            })
        })),
    );
    for ((f, p), u) in list.iter_mut().zip(pols).zip(urls) {
        f.policy = p;
        f.url_auth_type = u;
    }
    Ok(list)
}
