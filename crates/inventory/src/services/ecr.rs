//! Amazon ECR (regional): repositories, their scanning and tag settings, and whether
//! each has a lifecycle policy.

use kestrel_model::ecr::{Ecr, Repository, DESCRIBE_REPOSITORIES, GET_LIFECYCLE_POLICY};
use kestrel_model::{ApiError, Fetched};

use crate::collection::{fan_out, Collection};
use crate::services::Service;

crate::sdk_client!(aws_sdk_ecr, "ECR", "ecr");

pub const SERVICE: Service = Service {
    label: "ecr",
    actions: &[DESCRIBE_REPOSITORIES, GET_LIFECYCLE_POLICY],
    collect: crate::regional!(collect => ecr),
    after: None,
};

async fn collect(ctx: &Collection, region: &str) -> Ecr {
    Ecr {
        repositories: repositories(ctx, region).await.into(),
    }
}

async fn repositories(ctx: &Collection, region: &str) -> Result<Vec<Repository>, ApiError> {
    let c: aws_sdk_ecr::Client = ctx.clients.get(region);
    let mut list = ctx
        .list(
            DESCRIBE_REPOSITORIES,
            |t| c.describe_repositories().set_next_token(t).send(),
            |p| p.next_token(),
            |p| {
                p.repositories()
                    .iter()
                    .map(|r| Repository {
                        name: r.repository_name().unwrap_or_default().to_string(),
                        arn: r.repository_arn().unwrap_or_default().to_string(),
                        scan_on_push: r
                            .image_scanning_configuration()
                            .is_some_and(|s| s.scan_on_push()),
                        tag_mutability: r
                            .image_tag_mutability()
                            .map_or("MUTABLE", |m| m.as_str())
                            .to_string(),
                        ..Default::default()
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await?;
    if ctx.needs(GET_LIFECYCLE_POLICY) {
        let policies = fan_out(list.iter().map(|r| {
            let c = &c;
            async move {
                match ctx
                    .call(GET_LIFECYCLE_POLICY, || {
                        c.get_lifecycle_policy().repository_name(&r.name).send()
                    })
                    .await
                {
                    Ok(o) => Fetched::Ok(o.lifecycle_policy_text().is_some_and(|t| !t.is_empty())),
                    Err(e) if e.code == "LifecyclePolicyNotFoundException" => Fetched::Ok(false),
                    Err(e) => Fetched::Error(e),
                }
            }
        }))
        .await;
        for (r, p) in list.iter_mut().zip(policies) {
            r.lifecycle_policy = p;
        }
    }
    Ok(list)
}
