//! API Gateway (regional): REST APIs (v1) and HTTP/WebSocket APIs (v2), with their
//! stages. IAM names every API Gateway read `apigateway:GET`.

use kestrel_model::apigateway::{ApiGateway, HttpApi, HttpStage, RestApi, RestStage, GET};
use kestrel_model::ApiError;

use crate::collection::{fan_out, Collection};
use crate::services::Service;

crate::sdk_client!(aws_sdk_apigateway, "API_GATEWAY", "api_gateway");
crate::sdk_client!(aws_sdk_apigatewayv2, "APIGATEWAYV2", "apigatewayv2");

pub const SERVICE: Service = Service {
    label: "apigateway",
    actions: &[GET],
    collect: crate::regional!(collect => apigateway),
    after: None,
};

async fn collect(ctx: &Collection, region: &str) -> ApiGateway {
    let (rest_apis, http_apis) = futures::join!(rest_apis(ctx, region), http_apis(ctx, region));
    ApiGateway {
        rest_apis: rest_apis.into(),
        http_apis: http_apis.into(),
    }
}

async fn rest_apis(ctx: &Collection, region: &str) -> Result<Vec<RestApi>, ApiError> {
    let c: aws_sdk_apigateway::Client = ctx.clients.get(region);
    let mut list = ctx
        .list(
            GET,
            |position| c.get_rest_apis().set_position(position).send(),
            |p| p.position(),
            |p| {
                p.items()
                    .iter()
                    .map(|a| {
                        let id = a.id().unwrap_or_default().to_string();
                        RestApi {
                            arn: format!(
                                "arn:{}:apigateway:{region}::/restapis/{id}",
                                ctx.partition
                            ),
                            id,
                            name: a.name().unwrap_or_default().to_string(),
                            stages: Vec::new(),
                            tags: a
                                .tags()
                                .map(|t| t.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                                .unwrap_or_default(),
                        }
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await?;
    let stages = fan_out(list.iter().map(|a| {
        let c = &c;
        async move {
            ctx.call(GET, || c.get_stages().rest_api_id(&a.id).send())
                .await
        }
    }))
    .await;
    for (a, s) in list.iter_mut().zip(stages) {
        a.stages = s?
            .item()
            .iter()
            .map(|st| {
                let name = st.stage_name().unwrap_or_default().to_string();
                RestStage {
                    arn: format!(
                        "arn:{}:apigateway:{region}::/restapis/{}/stages/{name}",
                        ctx.partition, a.id
                    ),
                    logging_level: st
                        .method_settings()
                        .and_then(|m| m.get("*/*"))
                        .and_then(|m| m.logging_level())
                        .map(str::to_string),
                    method_logging_levels: st
                        .method_settings()
                        .map(|m| {
                            m.values()
                                .filter_map(|v| v.logging_level().map(str::to_string))
                                .collect()
                        })
                        .unwrap_or_default(),
                    client_certificate_id: st.client_certificate_id().map(str::to_string),
                    web_acl_arn: st.web_acl_arn().map(str::to_string),
                    name,
                }
            })
            .collect();
    }
    Ok(list)
}

async fn http_apis(ctx: &Collection, region: &str) -> Result<Vec<HttpApi>, ApiError> {
    let c: aws_sdk_apigatewayv2::Client = ctx.clients.get(region);
    let mut list = ctx
        .list(
            GET,
            |t| c.get_apis().set_next_token(t).send(),
            |p| p.next_token(),
            |p| {
                p.items()
                    .iter()
                    .map(|a| {
                        let id = a.api_id().unwrap_or_default().to_string();
                        HttpApi {
                            arn: format!("arn:{}:apigateway:{region}::/apis/{id}", ctx.partition),
                            id,
                            name: a.name().unwrap_or_default().to_string(),
                            protocol: a
                                .protocol_type()
                                .map(|p| p.as_str().to_string())
                                .unwrap_or_default(),
                            stages: Vec::new(),
                            tags: a
                                .tags()
                                .map(|t| t.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                                .unwrap_or_default(),
                        }
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await?;
    let stages = fan_out(list.iter().map(|a| {
        let c = &c;
        async move { ctx.call(GET, || c.get_stages().api_id(&a.id).send()).await }
    }))
    .await;
    for (a, s) in list.iter_mut().zip(stages) {
        a.stages = s?
            .items()
            .iter()
            .map(|st| HttpStage {
                name: st.stage_name().unwrap_or_default().to_string(),
                access_log_destination: st
                    .access_log_settings()
                    .and_then(|l| l.destination_arn())
                    .map(str::to_string),
            })
            .collect();
    }
    Ok(list)
}
