//! AWS WAF v2: web ACLs of the REGIONAL scope in each region, and of the CLOUDFRONT
//! scope in the global region, each with whether it logs.

use aws_sdk_wafv2::types::Scope;
use kestrel_model::wafv2::{
    Wafv2, WebAcl, GET_CLOUDFRONT_LOGGING_CONFIGURATION, GET_LOGGING_CONFIGURATION,
    LIST_CLOUDFRONT_WEB_ACLS, LIST_WEB_ACLS,
};
use kestrel_model::{Action, ApiError, Fetched};

use crate::collection::{fan_out, Collection};
use crate::services::Service;

crate::sdk_client!(aws_sdk_wafv2, "WAFV2", "wafv2");

pub const SERVICE: Service = Service {
    label: "wafv2",
    actions: &[LIST_WEB_ACLS, GET_LOGGING_CONFIGURATION],
    collect: crate::regional!(regional => wafv2),
    after: None,
};

/// CloudFront's web ACLs live in the global region's CLOUDFRONT scope.
pub const CLOUDFRONT_SCOPE: Service = Service {
    label: "wafv2-cloudfront",
    actions: &[
        LIST_CLOUDFRONT_WEB_ACLS,
        GET_CLOUDFRONT_LOGGING_CONFIGURATION,
    ],
    collect: crate::global!(global => wafv2_cloudfront),
    after: None,
};

/// ListWebACLs' largest page.
const PAGE: i32 = 100;

async fn regional(ctx: &Collection, region: &str) -> Wafv2 {
    Wafv2 {
        web_acls: web_acls(ctx, region, Scope::Regional, REGIONAL)
            .await
            .into(),
    }
}

async fn global(ctx: &Collection) -> Wafv2 {
    // Only the commercial partition has CloudFront web ACLs.
    if ctx.partition != "aws" {
        return Wafv2 {
            web_acls: kestrel_model::Fetched::Ok(Vec::new()),
        };
    }
    Wafv2 {
        web_acls: web_acls(ctx, ctx.global_region(), Scope::Cloudfront, CLOUDFRONT)
            .await
            .into(),
    }
}

/// Each scope's (list, logging) actions.
const REGIONAL: (Action, Action) = (LIST_WEB_ACLS, GET_LOGGING_CONFIGURATION);
const CLOUDFRONT: (Action, Action) = (
    LIST_CLOUDFRONT_WEB_ACLS,
    GET_CLOUDFRONT_LOGGING_CONFIGURATION,
);

async fn web_acls(
    ctx: &Collection,
    region: &str,
    scope: Scope,
    (list_action, logging_action): (Action, Action),
) -> Result<Vec<WebAcl>, ApiError> {
    let c: aws_sdk_wafv2::Client = ctx.clients.get(region);
    let mut list = ctx
        .list(
            list_action,
            |m| {
                c.list_web_acls()
                    .scope(scope.clone())
                    .limit(PAGE)
                    .set_next_marker(m)
                    .send()
            },
            // WAF may return a marker on the last page too: a short page ends the list,
            // so fewer than a hundred ACLs take one call.
            |p| {
                p.next_marker()
                    .filter(|_| p.web_acls().len() == PAGE as usize)
            },
            |p| {
                p.web_acls()
                    .iter()
                    .map(|a| WebAcl {
                        id: a.id().unwrap_or_default().to_string(),
                        name: a.name().unwrap_or_default().to_string(),
                        arn: a.arn().unwrap_or_default().to_string(),
                        ..Default::default()
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await?;
    if ctx.needs(logging_action) {
        let logging = fan_out(list.iter().map(|a| {
            let c = &c;
            async move {
                match ctx
                    .call(logging_action, || {
                        c.get_logging_configuration().resource_arn(&a.arn).send()
                    })
                    .await
                {
                    Ok(o) => Fetched::Ok(
                        o.logging_configuration()
                            .is_some_and(|l| !l.log_destination_configs().is_empty()),
                    ),
                    Err(e) if e.code == "WAFNonexistentItemException" => Fetched::Ok(false),
                    Err(e) => Fetched::Error(e),
                }
            }
        }))
        .await;
        for (a, l) in list.iter_mut().zip(logging) {
            a.logging = l;
        }
    }
    Ok(list)
}
