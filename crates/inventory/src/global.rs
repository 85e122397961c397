//! Global services: IAM, S3 (bucket listing and per-bucket settings), Organizations,
//! Account, CloudFront. Each is one progress unit.

use std::future::Future;

use kestrel_model::{
    account::AccountContacts, account::Contact, cloudfront::CloudFront, cloudfront::Distribution,
    iam::Iam, organizations::DelegatedAdministrator, organizations::Organization,
    organizations::Organizations, s3::S3, ApiError, Fetched, Snapshot,
};

use crate::{Ctx, Progress, Scope};

/// Runs `fut` only when `needed`; otherwise the data is "not collected".
pub async fn when<T>(needed: bool, fut: impl Future<Output = Result<T, ApiError>>) -> Fetched<T> {
    if needed {
        fut.await.into()
    } else {
        Fetched::NotCollected
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Iam,
    S3,
    Organizations,
    Account,
    CloudFront,
}

impl Unit {
    fn label(&self) -> &'static str {
        match self {
            Unit::Iam => "iam",
            Unit::S3 => "s3",
            Unit::Organizations => "organizations",
            Unit::Account => "account",
            Unit::CloudFront => "cloudfront",
        }
    }
}

pub fn units(scope: &Scope) -> Vec<Unit> {
    let mut u = Vec::new();
    if scope.needs_service("iam") {
        u.push(Unit::Iam);
    }
    if scope.needs_service("s3") {
        u.push(Unit::S3);
    }
    if scope.needs_service("organizations") {
        u.push(Unit::Organizations);
    }
    if scope.needs("account:GetAlternateContact") {
        u.push(Unit::Account);
    }
    if scope.needs_service("cloudfront") {
        u.push(Unit::CloudFront);
    }
    u
}

#[derive(Default)]
pub struct GlobalData {
    iam: Option<Iam>,
    s3: Option<S3>,
    organizations: Option<Organizations>,
    account_contacts: Option<AccountContacts>,
    cloudfront: Option<CloudFront>,
}

impl GlobalData {
    pub fn apply(self, snap: &mut Snapshot) {
        if let Some(v) = self.iam {
            snap.iam = v;
        }
        if let Some(v) = self.s3 {
            snap.s3 = v;
        }
        if let Some(v) = self.organizations {
            snap.organizations = v;
        }
        if let Some(v) = self.account_contacts {
            snap.account_contacts = v;
        }
        if let Some(v) = self.cloudfront {
            snap.cloudfront = v;
        }
    }
}

pub async fn collect(ctx: &Ctx, units: &[Unit], progress: &dyn Progress) -> GlobalData {
    let has = |u: Unit| units.contains(&u);
    let done = |u: Unit| progress.done(u.label());
    let (iam, s3, organizations, account_contacts, cloudfront) = futures::join!(
        async {
            if !has(Unit::Iam) {
                return None;
            }
            let v = crate::iam::collect(ctx).await;
            done(Unit::Iam);
            Some(v)
        },
        async {
            if !has(Unit::S3) {
                return None;
            }
            let v = crate::s3::collect(ctx).await;
            done(Unit::S3);
            Some(v)
        },
        async {
            if !has(Unit::Organizations) {
                return None;
            }
            let v = organizations(ctx).await;
            done(Unit::Organizations);
            Some(v)
        },
        async {
            if !has(Unit::Account) {
                return None;
            }
            let v = AccountContacts {
                security_contact: security_contact(ctx).await.into(),
            };
            done(Unit::Account);
            Some(v)
        },
        async {
            if !has(Unit::CloudFront) {
                return None;
            }
            let v = CloudFront {
                distributions: distributions(ctx).await.into(),
            };
            done(Unit::CloudFront);
            Some(v)
        },
    );
    GlobalData {
        iam,
        s3,
        organizations,
        account_contacts,
        cloudfront,
    }
}

fn home_region(ctx: &Ctx) -> &str {
    crate::iam::region(ctx)
}

async fn organizations(ctx: &Ctx) -> Organizations {
    let c = ctx.clients.organizations(home_region(ctx));
    let s = &ctx.scope;
    let (organization, delegated_administrators) = futures::join!(
        when(s.needs("organizations:DescribeOrganization"), async {
            match ctx
                .call("organizations:DescribeOrganization", || {
                    c.describe_organization().send()
                })
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
                Err(e) if e.code == "AWSOrganizationsNotInUseException" => Ok(None),
                Err(e) => Err(e),
            }
        }),
        when(
            s.needs("organizations:ListDelegatedAdministrators"),
            async {
                let mut out = Vec::new();
                let mut token = None;
                let mut pages = crate::Pages::default();
                loop {
                    let page = match ctx
                        .call("organizations:ListDelegatedAdministrators", || {
                            c.list_delegated_administrators()
                                .set_next_token(token.clone())
                                .send()
                        })
                        .await
                    {
                        Ok(p) => p,
                        // Not in an organization: nobody is a delegated administrator.
                        Err(e) if e.code == "AWSOrganizationsNotInUseException" => {
                            return Ok(Vec::new())
                        }
                        Err(e) => return Err(e),
                    };
                    for d in page.delegated_administrators() {
                        out.push(DelegatedAdministrator {
                            id: d.id().unwrap_or_default().to_string(),
                            arn: d.arn().unwrap_or_default().to_string(),
                            name: d.name().unwrap_or_default().to_string(),
                            email: d.email().unwrap_or_default().to_string(),
                            status: d
                                .status()
                                .map(|s| s.as_str().to_string())
                                .unwrap_or_default(),
                        });
                    }
                    token = pages.next(
                        "organizations:ListDelegatedAdministrators",
                        page.next_token(),
                    )?;
                    if token.is_none() {
                        break;
                    }
                }
                Ok(out)
            }
        ),
    );
    Organizations {
        organization,
        delegated_administrators,
    }
}

async fn security_contact(ctx: &Ctx) -> Result<Option<Contact>, ApiError> {
    let c = ctx.clients.account(home_region(ctx));
    match ctx
        .call("account:GetAlternateContact", || {
            c.get_alternate_contact()
                .alternate_contact_type(aws_sdk_account::types::AlternateContactType::Security)
                .send()
        })
        .await
    {
        Ok(o) => Ok(o.alternate_contact().map(|a| Contact {
            name: a.name().unwrap_or_default().to_string(),
            email: a.email_address().unwrap_or_default().to_string(),
            phone: a.phone_number().unwrap_or_default().to_string(),
            title: a.title().unwrap_or_default().to_string(),
        })),
        Err(e) if e.code == "ResourceNotFoundException" => Ok(None),
        Err(e) => Err(e),
    }
}

async fn distributions(ctx: &Ctx) -> Result<Vec<Distribution>, ApiError> {
    let c = ctx.clients.cloudfront(home_region(ctx));
    let mut list = Vec::new();
    let mut marker = None;
    let mut pages = crate::Pages::default();
    loop {
        let page = ctx
            .call("cloudfront:ListDistributions", || {
                c.list_distributions().set_marker(marker.clone()).send()
            })
            .await?;
        let Some(dl) = page.distribution_list() else {
            break;
        };
        for d in dl.items() {
            let realtime = d
                .default_cache_behavior()
                .and_then(|b| b.realtime_log_config_arn())
                .is_some();
            list.push(Distribution {
                id: d.id().to_string(),
                arn: d.arn().to_string(),
                realtime_logging: realtime,
                ..Default::default()
            });
        }
        marker = pages.next(
            "cloudfront:ListDistributions",
            dl.next_marker().filter(|_| dl.is_truncated()),
        )?;
        if marker.is_none() {
            break;
        }
    }
    if ctx.scope.needs("cloudfront:GetDistributionConfig") {
        let cfgs = crate::fan_out(list.iter().map(|d| {
            let c = &c;
            async move {
                ctx.call("cloudfront:GetDistributionConfig", || {
                    c.get_distribution_config().id(&d.id).send()
                })
                .await
                .map(|o| {
                    o.distribution_config()
                        .and_then(|cfg| cfg.logging())
                        .map(|l| l.enabled())
                        .unwrap_or(false)
                })
            }
        }))
        .await;
        for (d, r) in list.iter_mut().zip(cfgs) {
            d.logging_enabled = r.into();
        }
    }
    Ok(list)
}
