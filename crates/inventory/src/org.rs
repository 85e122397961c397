//! AWS Organizations for multi-account runs: the ACTIVE accounts of the organization
//! (optionally only under some OUs), and an account's metadata (name, email, OU path,
//! tags) for the reports (`-O/--organizations-role`).

use kestrel_model::{ApiError, Tags};

use crate::collection::paginate;
use crate::{api_error, Clients};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OrgAccount {
    pub id: String,
    pub arn: String,
    pub name: String,
    pub email: String,
    pub status: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AccountMetadata {
    pub name: String,
    pub email: String,
    pub organization_id: String,
    pub organization_arn: String,
    pub ou_id: Option<String>,
    /// `Root/Production/WebServices`.
    pub ou_path: Option<String>,
    pub tags: Tags,
}

const REGION: &str = "us-east-1";

fn account(a: &aws_sdk_organizations::types::Account) -> OrgAccount {
    OrgAccount {
        id: a.id().unwrap_or_default().to_string(),
        arn: a.arn().unwrap_or_default().to_string(),
        name: a.name().unwrap_or_default().to_string(),
        email: a.email().unwrap_or_default().to_string(),
        status: a
            .status()
            .map(|s| s.as_str().to_string())
            .unwrap_or_default(),
    }
}

/// ACTIVE accounts, of the whole organization or under the given OUs (recursively).
pub async fn list_accounts(clients: &Clients, ous: &[String]) -> Result<Vec<OrgAccount>, ApiError> {
    let c: aws_sdk_organizations::Client = clients.get(REGION);
    let c = &c;
    let mut out = Vec::new();
    if ous.is_empty() {
        out = paginate(
            "organizations:ListAccounts",
            |token| async move {
                c.list_accounts()
                    .set_next_token(token)
                    .send()
                    .await
                    .map_err(|e| api_error("organizations:ListAccounts", e))
            },
            |p| p.next_token(),
            |p| p.accounts().iter().map(account).collect::<Vec<_>>(),
        )
        .await?;
    } else {
        let mut pending: Vec<String> = ous.to_vec();
        // An OU is walked once, however often an answer names it.
        let mut seen = std::collections::BTreeSet::new();
        while let Some(parent) = pending.pop() {
            if !seen.insert(parent.clone()) {
                continue;
            }
            let parent = &parent;
            out.extend(
                paginate(
                    "organizations:ListAccountsForParent",
                    |token| async move {
                        c.list_accounts_for_parent()
                            .parent_id(parent)
                            .set_next_token(token)
                            .send()
                            .await
                            .map_err(|e| api_error("organizations:ListAccountsForParent", e))
                    },
                    |p| p.next_token(),
                    |p| p.accounts().iter().map(account).collect::<Vec<_>>(),
                )
                .await?,
            );
            pending.extend(
                paginate(
                    "organizations:ListOrganizationalUnitsForParent",
                    |token| async move {
                        c.list_organizational_units_for_parent()
                            .parent_id(parent)
                            .set_next_token(token)
                            .send()
                            .await
                            .map_err(|e| {
                                api_error("organizations:ListOrganizationalUnitsForParent", e)
                            })
                    },
                    |p| p.next_token(),
                    |p| {
                        p.organizational_units()
                            .iter()
                            .filter_map(|o| o.id().map(str::to_string))
                            .collect::<Vec<_>>()
                    },
                )
                .await?,
            );
        }
    }
    out.retain(|a| a.status == "ACTIVE");
    out.sort_by(|a, b| a.id.cmp(&b.id));
    out.dedup_by(|a, b| a.id == b.id);
    Ok(out)
}

/// Name, email, organization, OU path and tags of one account.
pub async fn account_metadata(
    clients: &Clients,
    account_id: &str,
) -> Result<AccountMetadata, ApiError> {
    let c: aws_sdk_organizations::Client = clients.get(REGION);
    let described = c
        .describe_account()
        .account_id(account_id)
        .send()
        .await
        .map_err(|e| api_error("organizations:DescribeAccount", e))?;
    let org = c
        .describe_organization()
        .send()
        .await
        .map_err(|e| api_error("organizations:DescribeOrganization", e))?;
    let mut meta = AccountMetadata::default();
    if let Some(a) = described.account() {
        meta.name = a.name().unwrap_or_default().to_string();
        meta.email = a.email().unwrap_or_default().to_string();
    }
    if let Some(o) = org.organization() {
        meta.organization_id = o.id().unwrap_or_default().to_string();
        meta.organization_arn = o.arn().unwrap_or_default().to_string();
    }
    // Walk up to the root: account → OU → … → root.
    let mut names = Vec::new();
    let mut child = account_id.to_string();
    for _ in 0..6 {
        let parents = c
            .list_parents()
            .child_id(&child)
            .send()
            .await
            .map_err(|e| api_error("organizations:ListParents", e))?;
        let Some(p) = parents.parents().first() else {
            break;
        };
        let id = p.id().unwrap_or_default().to_string();
        let is_root = p.r#type().map(|t| t.as_str() == "ROOT").unwrap_or(true);
        if meta.ou_id.is_none() && !is_root {
            meta.ou_id = Some(id.clone());
        }
        if is_root {
            names.push("Root".to_string());
            break;
        }
        let ou = c
            .describe_organizational_unit()
            .organizational_unit_id(&id)
            .send()
            .await
            .map_err(|e| api_error("organizations:DescribeOrganizationalUnit", e))?;
        names.push(
            ou.organizational_unit()
                .and_then(|o| o.name())
                .unwrap_or(&id)
                .to_string(),
        );
        child = id;
    }
    if !names.is_empty() {
        names.reverse();
        meta.ou_path = Some(names.join("/"));
    }
    let c = &c;
    meta.tags = paginate(
        "organizations:ListTagsForResource",
        |token| async move {
            c.list_tags_for_resource()
                .resource_id(account_id)
                .set_next_token(token)
                .send()
                .await
                .map_err(|e| api_error("organizations:ListTagsForResource", e))
        },
        |p| p.next_token(),
        |p| {
            p.tags()
                .iter()
                .map(|t| (t.key().to_string(), t.value().to_string()))
                .collect::<Vec<_>>()
        },
    )
    .await?
    .into_iter()
    .collect();
    Ok(meta)
}
