//! IAM (global): credential report, password policy, account summary, MFA devices,
//! users (with their policies), roles, groups, every entity's inline policies, policies (with default versions), who the
//! support/CloudShell policies are attached to, server certificates, SAML providers,
//! and centralized root access features.

use std::collections::BTreeMap;
use std::time::Duration;

use aws_sdk_iam::types::PolicyScopeType;
use kestrel_model::iam::*;
use kestrel_model::{ApiError, Fetched};

use crate::collection::{fan_out, when, Collection};
use crate::services::Service;

crate::sdk_client!(aws_sdk_iam, "IAM", "iam");

pub const SERVICE: Service = Service {
    label: "iam",
    actions: &[
        GENERATE_CREDENTIAL_REPORT,
        GET_CREDENTIAL_REPORT,
        GET_ACCOUNT_PASSWORD_POLICY,
        GET_ACCOUNT_SUMMARY,
        LIST_VIRTUAL_MFA_DEVICES,
        LIST_USERS,
        LIST_ATTACHED_USER_POLICIES,
        LIST_USER_POLICIES,
        GET_USER_POLICY,
        LIST_MFA_DEVICES,
        LIST_USER_TAGS,
        LIST_ROLES,
        LIST_ROLE_POLICIES,
        GET_ROLE_POLICY,
        LIST_GROUPS,
        LIST_GROUP_POLICIES,
        GET_GROUP_POLICY,
        LIST_ATTACHED_GROUP_POLICIES,
        GET_GROUP,
        LIST_POLICIES,
        GET_POLICY_VERSION,
        LIST_POLICY_TAGS,
        LIST_ENTITIES_FOR_POLICY,
        LIST_SERVER_CERTIFICATES,
        LIST_SAML_PROVIDERS,
        LIST_ORGANIZATIONS_FEATURES,
    ],
    collect: crate::global!(collect => iam),
    after: None,
};

/// The AWS-managed policies whose attachments checks look at.
pub const WATCHED_POLICIES: [&str; 2] = [
    "arn:aws:iam::aws:policy/AWSSupportAccess",
    "arn:aws:iam::aws:policy/AWSCloudShellFullAccess",
];

async fn collect(ctx: &Collection) -> Iam {
    let c: aws_sdk_iam::Client = ctx.clients.get(ctx.global_region());
    // Everything at once: the credential report's generate → read chain and the
    // list → per-item chains overlap with the single calls.
    let (
        credential_report,
        password_policy,
        account_summary,
        virtual_mfa_devices,
        users,
        roles,
        groups,
        policies,
        policy_entities,
        server_certificates,
        saml_providers,
        organizations_features,
    ) = futures::join!(
        when(ctx.needs(GET_CREDENTIAL_REPORT), credential_report(ctx, &c)),
        when(
            ctx.needs(GET_ACCOUNT_PASSWORD_POLICY),
            password_policy(ctx, &c)
        ),
        when(ctx.needs(GET_ACCOUNT_SUMMARY), account_summary(ctx, &c)),
        when(ctx.needs(LIST_VIRTUAL_MFA_DEVICES), virtual_mfa(ctx, &c)),
        when(ctx.needs(LIST_USERS), users(ctx, &c)),
        when(ctx.needs(LIST_ROLES), roles(ctx, &c)),
        when(ctx.needs(LIST_GROUPS), groups(ctx, &c)),
        when(ctx.needs(LIST_POLICIES), policies(ctx, &c)),
        entities(ctx, &c),
        when(
            ctx.needs(LIST_SERVER_CERTIFICATES),
            server_certificates(ctx, &c)
        ),
        when(ctx.needs(LIST_SAML_PROVIDERS), saml(ctx, &c)),
        when(
            ctx.needs(LIST_ORGANIZATIONS_FEATURES),
            org_features(ctx, &c)
        ),
    );
    let inline_policies = inline_policies(ctx, &c, &users, &groups, &roles).await;
    Iam {
        credential_report,
        password_policy,
        account_summary,
        virtual_mfa_devices,
        users,
        roles,
        groups,
        inline_policies,
        policies,
        policy_entities,
        server_certificates,
        saml_providers,
        organizations_features,
    }
}

async fn credential_report(
    ctx: &Collection,
    c: &aws_sdk_iam::Client,
) -> Result<Vec<BTreeMap<String, String>>, ApiError> {
    // Ask for a report, then read it; while it is being generated the read answers
    // ReportInProgress (or ReportNotPresent just after the request): poll with backoff.
    let generated = ctx
        .call(GENERATE_CREDENTIAL_REPORT, || {
            c.generate_credential_report().send()
        })
        .await?;
    let mut wait = Duration::from_millis(100);
    let mut polls = 0;
    if generated.state().map(|s| s.as_str()) != Some("COMPLETE") {
        tokio::time::sleep(wait).await;
    }
    let out = loop {
        match ctx
            .call(GET_CREDENTIAL_REPORT, || c.get_credential_report().send())
            .await
        {
            Ok(out) => break out,
            Err(e)
                if polls < 20
                    && matches!(e.code.as_str(), "ReportInProgress" | "ReportNotPresent") =>
            {
                polls += 1;
                wait = (wait * 2).min(Duration::from_secs(2));
                tokio::time::sleep(wait).await;
            }
            Err(e) => return Err(e),
        }
    };
    let text = out
        .content()
        .map(|b| String::from_utf8_lossy(b.as_ref()).into_owned())
        .unwrap_or_default();
    crate::decode::credential_report(&text).map_err(|reason| {
        ApiError::new(
            GET_CREDENTIAL_REPORT.name,
            "MalformedCredentialReport",
            &reason,
        )
    })
}

/// An IAM tag list as the snapshot keeps it.
fn tags(list: &[aws_sdk_iam::types::Tag]) -> kestrel_model::Tags {
    list.iter()
        .map(|t| (t.key().to_string(), t.value().to_string()))
        .collect()
}

async fn password_policy(
    ctx: &Collection,
    c: &aws_sdk_iam::Client,
) -> Result<Option<PasswordPolicy>, ApiError> {
    match ctx
        .call(GET_ACCOUNT_PASSWORD_POLICY, || {
            c.get_account_password_policy().send()
        })
        .await
    {
        Ok(out) => Ok(out.password_policy().map(|p| PasswordPolicy {
            minimum_password_length: p.minimum_password_length().map(i64::from),
            require_symbols: p.require_symbols(),
            require_numbers: p.require_numbers(),
            require_uppercase_characters: p.require_uppercase_characters(),
            require_lowercase_characters: p.require_lowercase_characters(),
            allow_users_to_change_password: p.allow_users_to_change_password(),
            expire_passwords: p.expire_passwords(),
            max_password_age: p.max_password_age().map(i64::from),
            password_reuse_prevention: p.password_reuse_prevention().map(i64::from),
            hard_expiry: p.hard_expiry(),
        })),
        Err(e) if e.code == "NoSuchEntity" => Ok(None),
        Err(e) => Err(e),
    }
}

async fn account_summary(
    ctx: &Collection,
    c: &aws_sdk_iam::Client,
) -> Result<BTreeMap<String, i64>, ApiError> {
    let out = ctx
        .call(GET_ACCOUNT_SUMMARY, || c.get_account_summary().send())
        .await?;
    Ok(out
        .summary_map()
        .map(|m| {
            m.iter()
                .map(|(k, v)| (k.as_str().to_string(), i64::from(*v)))
                .collect()
        })
        .unwrap_or_default())
}

async fn virtual_mfa(
    ctx: &Collection,
    c: &aws_sdk_iam::Client,
) -> Result<Vec<VirtualMfaDevice>, ApiError> {
    ctx.list(
        LIST_VIRTUAL_MFA_DEVICES,
        |m| c.list_virtual_mfa_devices().set_marker(m).send(),
        |p| p.marker().filter(|_| p.is_truncated()),
        |p| {
            p.virtual_mfa_devices()
                .iter()
                .map(|d| VirtualMfaDevice {
                    serial_number: d.serial_number().to_string(),
                    user_arn: d.user().map(|u| u.arn().to_string()),
                })
                .collect::<Vec<_>>()
        },
    )
    .await
}

async fn users(ctx: &Collection, c: &aws_sdk_iam::Client) -> Result<Vec<User>, ApiError> {
    let mut list = ctx
        .list(
            LIST_USERS,
            |m| c.list_users().set_marker(m).send(),
            |p| p.marker().filter(|_| p.is_truncated()),
            |p| {
                p.users()
                    .iter()
                    .map(|u| User {
                        name: u.user_name().to_string(),
                        arn: u.arn().to_string(),
                        create_date: u.create_date().to_string(),
                        password_last_used: u.password_last_used().map(|d| d.to_string()),
                        ..Default::default()
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await?;
    let attached = ctx.needs(LIST_ATTACHED_USER_POLICIES);
    let inline = ctx.needs(LIST_USER_POLICIES);
    let want_tags = ctx.needs(LIST_USER_TAGS);
    let want_mfa = ctx.needs(LIST_MFA_DEVICES);
    let details = fan_out(list.iter().map(|u| async move {
        futures::join!(
            when(attached, user_attached(ctx, c, &u.name)),
            when(inline, user_inline(ctx, c, &u.name)),
            when(want_mfa, async {
                ctx.list(
                    LIST_MFA_DEVICES,
                    |m| c.list_mfa_devices().user_name(&u.name).set_marker(m).send(),
                    |p| p.marker().filter(|_| p.is_truncated()),
                    |p| {
                        p.mfa_devices()
                            .iter()
                            .map(|d| d.serial_number().to_string())
                            .collect::<Vec<_>>()
                    },
                )
                .await
            }),
            when(want_tags, async {
                let o = ctx
                    .call(LIST_USER_TAGS, || {
                        c.list_user_tags().user_name(&u.name).send()
                    })
                    .await?;
                Ok(tags(o.tags()))
            }),
        )
    }))
    .await;
    for (u, (a, i, m, t)) in list.iter_mut().zip(details) {
        u.attached_policies = a;
        u.inline_policies = i;
        u.mfa_devices = m;
        // Tags only decorate findings: a failure leaves them empty.
        if let Fetched::Ok(t) = t {
            u.tags = t;
        }
    }
    Ok(list)
}

async fn user_attached(
    ctx: &Collection,
    c: &aws_sdk_iam::Client,
    user: &str,
) -> Result<Vec<AttachedPolicy>, ApiError> {
    ctx.list(
        LIST_ATTACHED_USER_POLICIES,
        |m| {
            c.list_attached_user_policies()
                .user_name(user)
                .set_marker(m)
                .send()
        },
        |p| p.marker().filter(|_| p.is_truncated()),
        |p| {
            p.attached_policies()
                .iter()
                .map(|p| AttachedPolicy {
                    name: p.policy_name().unwrap_or_default().to_string(),
                    arn: p.policy_arn().unwrap_or_default().to_string(),
                })
                .collect::<Vec<_>>()
        },
    )
    .await
}

async fn user_inline(
    ctx: &Collection,
    c: &aws_sdk_iam::Client,
    user: &str,
) -> Result<Vec<String>, ApiError> {
    ctx.list(
        LIST_USER_POLICIES,
        |m| c.list_user_policies().user_name(user).set_marker(m).send(),
        |p| p.marker().filter(|_| p.is_truncated()),
        |p| p.policy_names().to_vec(),
    )
    .await
}

async fn roles(ctx: &Collection, c: &aws_sdk_iam::Client) -> Result<Vec<Role>, ApiError> {
    ctx.list(
        LIST_ROLES,
        |m| c.list_roles().set_marker(m).send(),
        |p| p.marker().filter(|_| p.is_truncated()),
        |p| {
            p.roles()
                .iter()
                .map(|r| Role {
                    name: r.role_name().to_string(),
                    arn: r.arn().to_string(),
                    create_date: r.create_date().to_string(),
                    assume_role_policy: r
                        .assume_role_policy_document()
                        .and_then(crate::decode::policy),
                    tags: Default::default(),
                })
                .collect::<Vec<_>>()
        },
    )
    .await
}

/// Groups, each with its attached managed policies and its members when a check needs
/// them.
async fn groups(ctx: &Collection, c: &aws_sdk_iam::Client) -> Result<Vec<Group>, ApiError> {
    let mut list = ctx
        .list(
            LIST_GROUPS,
            |m| c.list_groups().set_marker(m).send(),
            |p| p.marker().filter(|_| p.is_truncated()),
            |p| {
                p.groups()
                    .iter()
                    .map(|g| Group {
                        name: g.group_name().to_string(),
                        arn: g.arn().to_string(),
                        ..Default::default()
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await?;
    let (attached, members) = (
        ctx.needs(LIST_ATTACHED_GROUP_POLICIES),
        ctx.needs(GET_GROUP),
    );
    let details = fan_out(list.iter().map(|g| async move {
        futures::join!(
            when(
                attached,
                ctx.list(
                    LIST_ATTACHED_GROUP_POLICIES,
                    |m| {
                        c.list_attached_group_policies()
                            .group_name(&g.name)
                            .set_marker(m)
                            .send()
                    },
                    |p| p.marker().filter(|_| p.is_truncated()),
                    |p| {
                        p.attached_policies()
                            .iter()
                            .map(|p| AttachedPolicy {
                                name: p.policy_name().unwrap_or_default().to_string(),
                                arn: p.policy_arn().unwrap_or_default().to_string(),
                            })
                            .collect::<Vec<_>>()
                    },
                )
            ),
            when(
                members,
                ctx.list(
                    GET_GROUP,
                    |m| c.get_group().group_name(&g.name).set_marker(m).send(),
                    |p| p.marker().filter(|_| p.is_truncated()),
                    |p| {
                        p.users()
                            .iter()
                            .map(|u| u.user_name().to_string())
                            .collect::<Vec<_>>()
                    },
                )
            ),
        )
    }))
    .await;
    for (g, (a, u)) in list.iter_mut().zip(details) {
        g.attached_policies = a;
        g.users = u;
    }
    Ok(list)
}

/// Which entity an inline policy belongs to.
#[derive(Clone, Copy)]
enum Holder {
    User,
    Group,
    Role,
}

/// The inline policies, with their documents, of every user, group and role whose kind
/// a selected check reads (users' policy names are reused from their listing). After
/// the entity lists: one list call per entity, one get per policy.
async fn inline_policies(
    ctx: &Collection,
    c: &aws_sdk_iam::Client,
    users: &Fetched<Vec<User>>,
    groups: &Fetched<Vec<Group>>,
    roles: &Fetched<Vec<Role>>,
) -> BTreeMap<String, Fetched<Vec<InlinePolicy>>> {
    // (kind, name, ARN, the policy names already listed)
    type Entity<'a> = (Holder, &'a str, &'a str, Option<&'a Fetched<Vec<String>>>);
    let mut holders: Vec<Entity> = Vec::new();
    if let (true, Fetched::Ok(list)) = (ctx.needs(GET_USER_POLICY), users) {
        holders.extend(list.iter().map(|u| {
            let known = matches!(u.inline_policies, Fetched::Ok(_)).then_some(&u.inline_policies);
            (Holder::User, u.name.as_str(), u.arn.as_str(), known)
        }));
    }
    if let (true, Fetched::Ok(list)) = (ctx.needs(GET_GROUP_POLICY), groups) {
        holders.extend(
            list.iter()
                .map(|g| (Holder::Group, g.name.as_str(), g.arn.as_str(), None)),
        );
    }
    if let (true, Fetched::Ok(list)) = (ctx.needs(GET_ROLE_POLICY), roles) {
        holders.extend(
            list.iter()
                .map(|r| (Holder::Role, r.name.as_str(), r.arn.as_str(), None)),
        );
    }
    let got = fan_out(holders.iter().map(|&(kind, name, _, known)| async move {
        let names = match known {
            Some(Fetched::Ok(n)) => n.clone(),
            _ => inline_names(ctx, c, kind, name).await?,
        };
        let docs = fan_out(names.iter().map(|p| inline_document(ctx, c, kind, name, p))).await;
        Ok::<_, ApiError>(
            names
                .into_iter()
                .zip(docs)
                .map(|(name, document)| InlinePolicy {
                    name,
                    document: document.into(),
                })
                .collect(),
        )
    }))
    .await;
    holders
        .iter()
        .zip(got)
        .map(|(&(_, _, arn, _), r)| (arn.to_string(), r.into()))
        .collect()
}

async fn inline_names(
    ctx: &Collection,
    c: &aws_sdk_iam::Client,
    kind: Holder,
    entity: &str,
) -> Result<Vec<String>, ApiError> {
    match kind {
        Holder::User => user_inline(ctx, c, entity).await,
        Holder::Group => {
            ctx.list(
                LIST_GROUP_POLICIES,
                |m| {
                    c.list_group_policies()
                        .group_name(entity)
                        .set_marker(m)
                        .send()
                },
                |p| p.marker().filter(|_| p.is_truncated()),
                |p| p.policy_names().to_vec(),
            )
            .await
        }
        Holder::Role => {
            ctx.list(
                LIST_ROLE_POLICIES,
                |m| {
                    c.list_role_policies()
                        .role_name(entity)
                        .set_marker(m)
                        .send()
                },
                |p| p.marker().filter(|_| p.is_truncated()),
                |p| p.policy_names().to_vec(),
            )
            .await
        }
    }
}

async fn inline_document(
    ctx: &Collection,
    c: &aws_sdk_iam::Client,
    kind: Holder,
    entity: &str,
    policy: &str,
) -> Result<serde_json::Value, ApiError> {
    let (action, text) = match kind {
        Holder::User => {
            let o = ctx
                .call(GET_USER_POLICY, || {
                    c.get_user_policy()
                        .user_name(entity)
                        .policy_name(policy)
                        .send()
                })
                .await?;
            (GET_USER_POLICY, o.policy_document().to_string())
        }
        Holder::Group => {
            let o = ctx
                .call(GET_GROUP_POLICY, || {
                    c.get_group_policy()
                        .group_name(entity)
                        .policy_name(policy)
                        .send()
                })
                .await?;
            (GET_GROUP_POLICY, o.policy_document().to_string())
        }
        Holder::Role => {
            let o = ctx
                .call(GET_ROLE_POLICY, || {
                    c.get_role_policy()
                        .role_name(entity)
                        .policy_name(policy)
                        .send()
                })
                .await?;
            (GET_ROLE_POLICY, o.policy_document().to_string())
        }
    };
    crate::decode::policy(&text).ok_or_else(|| crate::collection::unreadable(action.name))
}

/// Customer-managed policies, and AWS-managed ones that are attached somewhere.
async fn policies(ctx: &Collection, c: &aws_sdk_iam::Client) -> Result<Vec<Policy>, ApiError> {
    // Both lists at once, then each policy's document and tags at once.
    let (local, aws) = futures::join!(
        policy_list(ctx, c, PolicyScopeType::Local, false),
        policy_list(ctx, c, PolicyScopeType::Aws, true),
    );
    let mut list = local?;
    list.extend(aws?);
    let want_docs = ctx.needs(GET_POLICY_VERSION);
    let want_tags = ctx.needs(LIST_POLICY_TAGS);
    let details = fan_out(list.iter().map(|p| async move {
        futures::join!(
            async {
                if want_docs {
                    Some(policy_document(ctx, c, p).await)
                } else {
                    None
                }
            },
            async {
                if want_tags && p.scope == "Local" {
                    let o = ctx
                        .call(LIST_POLICY_TAGS, || {
                            c.list_policy_tags().policy_arn(&p.arn).send()
                        })
                        .await;
                    o.ok().map(|o| tags(o.tags()))
                } else {
                    None
                }
            },
        )
    }))
    .await;
    for (p, (doc, tags)) in list.iter_mut().zip(details) {
        if let Some(doc) = doc {
            p.document = doc;
        }
        if let Some(tags) = tags {
            p.tags = tags;
        }
    }
    Ok(list)
}

/// Customer-managed policies (`Local`), or AWS-managed ones attached somewhere.
async fn policy_list(
    ctx: &Collection,
    c: &aws_sdk_iam::Client,
    scope: PolicyScopeType,
    only_attached: bool,
) -> Result<Vec<Policy>, ApiError> {
    let label = if scope == PolicyScopeType::Aws {
        "AWS"
    } else {
        "Local"
    };
    ctx.list(
        LIST_POLICIES,
        |m| {
            c.list_policies()
                .scope(scope.clone())
                .only_attached(only_attached)
                .set_marker(m)
                .send()
        },
        |p| p.marker().filter(|_| p.is_truncated()),
        |p| {
            p.policies()
                .iter()
                .map(|p| Policy {
                    name: p.policy_name().unwrap_or_default().to_string(),
                    arn: p.arn().unwrap_or_default().to_string(),
                    scope: label.into(),
                    attachment_count: p.attachment_count().map(i64::from).unwrap_or(0),
                    default_version_id: p.default_version_id().unwrap_or_default().to_string(),
                    ..Default::default()
                })
                .collect::<Vec<_>>()
        },
    )
    .await
}

async fn policy_document(
    ctx: &Collection,
    c: &aws_sdk_iam::Client,
    p: &Policy,
) -> Fetched<serde_json::Value> {
    let out = ctx
        .call(GET_POLICY_VERSION, || {
            c.get_policy_version()
                .policy_arn(&p.arn)
                .version_id(&p.default_version_id)
                .send()
        })
        .await;
    match out {
        Ok(o) => match o
            .policy_version()
            .and_then(|v| v.document())
            .and_then(crate::decode::policy)
        {
            Some(doc) => Fetched::Ok(doc),
            None => Fetched::Error(ApiError::new(
                GET_POLICY_VERSION.name,
                "InvalidDocument",
                "unreadable policy document",
            )),
        },
        Err(e) => Fetched::Error(e),
    }
}

async fn entities(
    ctx: &Collection,
    c: &aws_sdk_iam::Client,
) -> BTreeMap<String, Fetched<PolicyEntities>> {
    if !ctx.needs(LIST_ENTITIES_FOR_POLICY) {
        return BTreeMap::new();
    }
    let arns: Vec<String> = WATCHED_POLICIES
        .iter()
        .map(|a| a.replacen("arn:aws:", &format!("arn:{}:", ctx.partition), 1))
        .collect();
    let results = fan_out(arns.iter().map(|arn| async move {
        let r = ctx
            .call(LIST_ENTITIES_FOR_POLICY, || {
                c.list_entities_for_policy().policy_arn(arn).send()
            })
            .await;
        let fetched = match r {
            Ok(o) => Fetched::Ok(PolicyEntities {
                users: o
                    .policy_users()
                    .iter()
                    .filter_map(|u| u.user_name().map(str::to_string))
                    .collect(),
                groups: o
                    .policy_groups()
                    .iter()
                    .filter_map(|g| g.group_name().map(str::to_string))
                    .collect(),
                roles: o
                    .policy_roles()
                    .iter()
                    .filter_map(|r| r.role_name().map(str::to_string))
                    .collect(),
            }),
            // The policy does not exist in this partition/emulator: attached to nothing.
            Err(e) if e.code == "NoSuchEntity" => Fetched::Ok(PolicyEntities::default()),
            Err(e) => Fetched::Error(e),
        };
        (arn.clone(), fetched)
    }))
    .await;
    results.into_iter().collect()
}

async fn server_certificates(
    ctx: &Collection,
    c: &aws_sdk_iam::Client,
) -> Result<Vec<ServerCertificate>, ApiError> {
    let out = ctx
        .call(LIST_SERVER_CERTIFICATES, || {
            c.list_server_certificates().send()
        })
        .await?;
    Ok(out
        .server_certificate_metadata_list()
        .iter()
        .map(|m| ServerCertificate {
            name: m.server_certificate_name().to_string(),
            arn: m.arn().to_string(),
            id: m.server_certificate_id().to_string(),
            expiration: m.expiration().map(|d| d.to_string()),
        })
        .collect())
}

async fn saml(ctx: &Collection, c: &aws_sdk_iam::Client) -> Result<Vec<String>, ApiError> {
    let out = ctx
        .call(LIST_SAML_PROVIDERS, || c.list_saml_providers().send())
        .await?;
    Ok(out
        .saml_provider_list()
        .iter()
        .filter_map(|p| p.arn().map(str::to_string))
        .collect())
}

async fn org_features(ctx: &Collection, c: &aws_sdk_iam::Client) -> Result<Vec<String>, ApiError> {
    match ctx
        .call(LIST_ORGANIZATIONS_FEATURES, || {
            c.list_organizations_features().send()
        })
        .await
    {
        Ok(out) => Ok(out
            .enabled_features()
            .iter()
            .map(|f| f.as_str().to_string())
            .collect()),
        // Not in an organization, or trusted access not enabled: no features.
        Err(e)
            if e.code == "OrganizationNotFoundException"
                || e.code == "ServiceAccessNotEnabledException" =>
        {
            Ok(Vec::new())
        }
        Err(e) => Err(e),
    }
}
