//! Organizations (global): the organization the account belongs to and its delegated
//! administrators. (Listing an organization's accounts for a multi-account scan is
//! `crate::org`.)

use kestrel_model::organizations::{
    DelegatedAdministrator, Organization, Organizations, DESCRIBE_ORGANIZATION,
    LIST_DELEGATED_ADMINISTRATORS,
};
use kestrel_model::ApiError;

use crate::collection::{when, Collection};
use crate::services::Service;

crate::sdk_client!(aws_sdk_organizations, "ORGANIZATIONS", "organizations");

pub const SERVICE: Service = Service {
    label: "organizations",
    actions: &[DESCRIBE_ORGANIZATION, LIST_DELEGATED_ADMINISTRATORS],
    collect: crate::global!(collect => organizations),
    after: None,
};

/// The account is in no organization.
const NOT_IN_USE: &str = "AWSOrganizationsNotInUseException";

async fn collect(ctx: &Collection) -> Organizations {
    let c: aws_sdk_organizations::Client = ctx.clients.get(ctx.global_region());
    let (organization, delegated_administrators) = futures::join!(
        when(ctx.needs(DESCRIBE_ORGANIZATION), organization(ctx, &c)),
        when(
            ctx.needs(LIST_DELEGATED_ADMINISTRATORS),
            delegated_administrators(ctx, &c)
        ),
    );
    Organizations {
        organization,
        delegated_administrators,
    }
}

async fn organization(
    ctx: &Collection,
    c: &aws_sdk_organizations::Client,
) -> Result<Option<Organization>, ApiError> {
    match ctx
        .call(DESCRIBE_ORGANIZATION, || c.describe_organization().send())
        .await
    {
        Ok(o) => Ok(o.organization().map(|o| Organization {
            id: o.id().unwrap_or_default().to_string(),
            arn: o.arn().unwrap_or_default().to_string(),
            master_account_id: o.master_account_id().unwrap_or_default().to_string(),
            feature_set: o
                .feature_set()
                .map(|f| f.as_str().to_string())
                .unwrap_or_default(),
        })),
        Err(e) if e.code == NOT_IN_USE => Ok(None),
        Err(e) => Err(e),
    }
}

async fn delegated_administrators(
    ctx: &Collection,
    c: &aws_sdk_organizations::Client,
) -> Result<Vec<DelegatedAdministrator>, ApiError> {
    let list = ctx
        .list(
            LIST_DELEGATED_ADMINISTRATORS,
            |t| c.list_delegated_administrators().set_next_token(t).send(),
            |p| p.next_token(),
            |p| {
                p.delegated_administrators()
                    .iter()
                    .map(|d| DelegatedAdministrator {
                        id: d.id().unwrap_or_default().to_string(),
                        arn: d.arn().unwrap_or_default().to_string(),
                        name: d.name().unwrap_or_default().to_string(),
                        email: d.email().unwrap_or_default().to_string(),
                        status: d
                            .status()
                            .map(|s| s.as_str().to_string())
                            .unwrap_or_default(),
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await;
    match list {
        // Not in an organization: nobody is a delegated administrator.
        Err(e) if e.code == NOT_IN_USE => Ok(Vec::new()),
        other => other,
    }
}
