//! S3: the bucket list (with each bucket's region), per-bucket block public access,
//! policy, versioning and logging as the selected checks need, and the account-level
//! block public access (S3 Control).

use std::collections::BTreeMap;

use kestrel_model::{s3::Bucket, s3::PublicAccessBlock, s3::Versioning, s3::S3, ApiError};

use crate::global::when;
use crate::Ctx;

pub async fn collect(ctx: &Ctx) -> S3 {
    let s = &ctx.scope;
    let (account_public_access_block, buckets) = futures::join!(
        when(s.needs("s3:GetAccountPublicAccessBlock"), account_pab(ctx)),
        when(s.needs("s3:ListAllMyBuckets"), buckets(ctx)),
    );
    S3 {
        account_public_access_block,
        buckets,
    }
}

async fn account_pab(ctx: &Ctx) -> Result<Option<PublicAccessBlock>, ApiError> {
    let c = ctx.clients.s3control(crate::iam::region(ctx));
    let account_id = ctx.wait_account_id().await;
    match ctx
        .call("s3:GetAccountPublicAccessBlock", || {
            c.get_public_access_block().account_id(&account_id).send()
        })
        .await
    {
        Ok(o) => Ok(o
            .public_access_block_configuration()
            .map(|p| PublicAccessBlock {
                block_public_acls: p.block_public_acls().unwrap_or(false),
                ignore_public_acls: p.ignore_public_acls().unwrap_or(false),
                block_public_policy: p.block_public_policy().unwrap_or(false),
                restrict_public_buckets: p.restrict_public_buckets().unwrap_or(false),
            })),
        Err(e) if e.code == "NoSuchPublicAccessBlockConfiguration" => Ok(None),
        Err(e) => Err(e),
    }
}

async fn buckets(ctx: &Ctx) -> Result<Vec<Bucket>, ApiError> {
    let home = crate::iam::region(ctx);
    let c = ctx.clients.s3(home);
    let out = ctx
        .call("s3:ListAllMyBuckets", || c.list_buckets().send())
        .await?;
    let mut list: Vec<Bucket> = out
        .buckets()
        .iter()
        .map(|b| {
            let name = b.name().unwrap_or_default().to_string();
            Bucket {
                arn: format!("arn:{}:s3:::{name}", ctx.partition),
                name,
                region: b.bucket_region().unwrap_or_default().to_string(),
                creation_date: b.creation_date().map(|d| d.to_string()).unwrap_or_default(),
                ..Default::default()
            }
        })
        .collect();
    // Each bucket's region (ListBuckets reports it on current endpoints; ask otherwise).
    let regions = crate::fan_out(list.iter().map(|b| {
        let c = &c;
        async move {
            if !b.region.is_empty() {
                return b.region.clone();
            }
            match ctx
                .call("s3:GetBucketLocation", || {
                    c.get_bucket_location().bucket(&b.name).send()
                })
                .await
            {
                Ok(o) => match o.location_constraint().map(|l| l.as_str().to_string()) {
                    Some(l) if !l.is_empty() => {
                        if l == "EU" {
                            "eu-west-1".into()
                        } else {
                            l
                        }
                    }
                    _ => "us-east-1".into(),
                },
                Err(_) => home.to_string(),
            }
        }
    }))
    .await;
    for (b, r) in list.iter_mut().zip(regions) {
        b.region = r;
    }
    let s = &ctx.scope;
    let (pab, pol, ver, log) = (
        s.needs("s3:GetBucketPublicAccessBlock"),
        s.needs("s3:GetBucketPolicy"),
        s.needs("s3:GetBucketVersioning"),
        s.needs("s3:GetBucketLogging"),
    );
    // One client per region the buckets are in (a bucket is asked in its own region).
    let mut clients: BTreeMap<String, aws_sdk_s3::Client> = BTreeMap::new();
    for b in &list {
        if !clients.contains_key(&b.region) {
            clients.insert(b.region.clone(), ctx.clients.s3(&b.region));
        }
    }
    let clients = &clients;
    let details = crate::fan_out(list.iter().map(|b| async move {
        let c = &clients[&b.region];
        futures::join!(
            when(pab, bucket_pab(ctx, c, &b.name)),
            when(pol, bucket_policy(ctx, c, &b.name)),
            when(ver, bucket_versioning(ctx, c, &b.name)),
            when(log, bucket_logging(ctx, c, &b.name)),
        )
    }))
    .await;
    for (b, (pab, pol, ver, log)) in list.iter_mut().zip(details) {
        b.public_access_block = pab;
        b.policy = pol;
        b.versioning = ver;
        b.logging_target = log;
    }
    Ok(list)
}

async fn bucket_pab(
    ctx: &Ctx,
    c: &aws_sdk_s3::Client,
    bucket: &str,
) -> Result<Option<PublicAccessBlock>, ApiError> {
    match ctx
        .call("s3:GetBucketPublicAccessBlock", || {
            c.get_public_access_block().bucket(bucket).send()
        })
        .await
    {
        Ok(o) => Ok(o
            .public_access_block_configuration()
            .map(|p| PublicAccessBlock {
                block_public_acls: p.block_public_acls().unwrap_or(false),
                ignore_public_acls: p.ignore_public_acls().unwrap_or(false),
                block_public_policy: p.block_public_policy().unwrap_or(false),
                restrict_public_buckets: p.restrict_public_buckets().unwrap_or(false),
            })),
        Err(e) if e.code == "NoSuchPublicAccessBlockConfiguration" => Ok(None),
        Err(e) => Err(e),
    }
}

async fn bucket_policy(
    ctx: &Ctx,
    c: &aws_sdk_s3::Client,
    bucket: &str,
) -> Result<Option<serde_json::Value>, ApiError> {
    match ctx
        .call("s3:GetBucketPolicy", || {
            c.get_bucket_policy().bucket(bucket).send()
        })
        .await
    {
        Ok(o) => Ok(o.policy().and_then(|p| serde_json::from_str(p).ok())),
        Err(e) if e.code == "NoSuchBucketPolicy" => Ok(None),
        Err(e) => Err(e),
    }
}

async fn bucket_versioning(
    ctx: &Ctx,
    c: &aws_sdk_s3::Client,
    bucket: &str,
) -> Result<Versioning, ApiError> {
    let o = ctx
        .call("s3:GetBucketVersioning", || {
            c.get_bucket_versioning().bucket(bucket).send()
        })
        .await?;
    Ok(Versioning {
        status: o.status().map(|s| s.as_str().to_string()),
        mfa_delete: o.mfa_delete().map(|s| s.as_str().to_string()),
    })
}

async fn bucket_logging(
    ctx: &Ctx,
    c: &aws_sdk_s3::Client,
    bucket: &str,
) -> Result<Option<String>, ApiError> {
    let o = ctx
        .call("s3:GetBucketLogging", || {
            c.get_bucket_logging().bucket(bucket).send()
        })
        .await?;
    Ok(o.logging_enabled().map(|l| l.target_bucket().to_string()))
}
