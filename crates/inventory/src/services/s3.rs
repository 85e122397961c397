//! S3: the bucket list (with each bucket's region), per-bucket block public access,
//! policy, versioning, logging, default encryption, lifecycle rules, object ownership and
//! Object Lock as the selected checks need, and the account-level block public access
//! (S3 Control); and, per region, the account's access points (S3 Control).

use std::collections::BTreeMap;

use kestrel_model::s3::{AccessPoint, S3Control, GET_ACCESS_POINT, LIST_ACCESS_POINTS};
use kestrel_model::s3::{
    AclGrant, Bucket, PublicAccessBlock, Versioning, GET_ACCOUNT_PUBLIC_ACCESS_BLOCK,
    GET_BUCKET_ACL, GET_BUCKET_LOCATION, GET_BUCKET_LOGGING, GET_BUCKET_OBJECT_LOCK_CONFIGURATION,
    GET_BUCKET_OWNERSHIP_CONTROLS, GET_BUCKET_POLICY, GET_BUCKET_PUBLIC_ACCESS_BLOCK,
    GET_BUCKET_VERSIONING, GET_ENCRYPTION_CONFIGURATION, GET_LIFECYCLE_CONFIGURATION,
    LIST_ALL_MY_BUCKETS, S3,
};
use kestrel_model::ApiError;

use crate::clients::{retry_on_status, SdkClient};
use crate::collection::{fan_out, when, Collection};
use crate::services::Service;
use crate::Clients;

pub const SERVICE: Service = Service {
    label: "s3",
    actions: &[
        LIST_ALL_MY_BUCKETS,
        GET_BUCKET_LOCATION,
        GET_BUCKET_PUBLIC_ACCESS_BLOCK,
        GET_BUCKET_POLICY,
        GET_BUCKET_VERSIONING,
        GET_BUCKET_LOGGING,
        GET_ENCRYPTION_CONFIGURATION,
        GET_LIFECYCLE_CONFIGURATION,
        GET_BUCKET_OWNERSHIP_CONTROLS,
        GET_BUCKET_OBJECT_LOCK_CONFIGURATION,
        GET_BUCKET_ACL,
        GET_ACCOUNT_PUBLIC_ACCESS_BLOCK,
    ],
    collect: crate::global!(collect => s3),
    after: None,
};

/// S3 with path-style addressing whenever the endpoint is overridden (an emulator on
/// `localhost` cannot serve `bucket.localhost`).
impl SdkClient for aws_sdk_s3::Client {
    fn build(clients: &Clients, region: &str) -> Self {
        let mut b = aws_sdk_s3::config::Builder::from(&clients.sdk(region))
            .retry_classifier(retry_on_status());
        if let Some(url) = clients.endpoint("S3", "s3") {
            b = b.endpoint_url(url).force_path_style(true);
        }
        aws_sdk_s3::Client::from_conf(b.build())
    }
}

/// S3 Control's regional part: the account's access points, each with its own Block
/// Public Access settings.
pub const ACCESS_POINTS: Service = Service {
    label: "s3control",
    actions: &[LIST_ACCESS_POINTS, GET_ACCESS_POINT],
    collect: crate::regional!(access_points => s3control),
    after: None,
};

async fn access_points(ctx: &Collection, region: &str) -> S3Control {
    let c: aws_sdk_s3control::Client = ctx.clients.get(region);
    let c = &c;
    let list = async {
        let account = ctx.wait_account_id().await;
        let mut points: Vec<AccessPoint> = ctx
            .list(
                LIST_ACCESS_POINTS,
                |t| {
                    c.list_access_points()
                        .account_id(&account)
                        .set_next_token(t)
                        .send()
                },
                |p| p.next_token(),
                |p| {
                    p.access_point_list()
                        .iter()
                        .map(|a| AccessPoint {
                            name: a.name().to_string(),
                            arn: a.access_point_arn().unwrap_or_default().to_string(),
                            bucket: a.bucket().to_string(),
                            ..Default::default()
                        })
                        .collect::<Vec<_>>()
                },
            )
            .await?;
        let wanted = ctx.needs(GET_ACCESS_POINT);
        let blocks = fan_out(points.iter().map(|a| {
            let account = &account;
            when(wanted, async move {
                let o = ctx
                    .call(GET_ACCESS_POINT, || {
                        c.get_access_point()
                            .account_id(account)
                            .name(&a.name)
                            .send()
                    })
                    .await?;
                Ok(o.public_access_block_configuration()
                    .map(|p| PublicAccessBlock {
                        block_public_acls: p.block_public_acls().unwrap_or(false),
                        ignore_public_acls: p.ignore_public_acls().unwrap_or(false),
                        block_public_policy: p.block_public_policy().unwrap_or(false),
                        restrict_public_buckets: p.restrict_public_buckets().unwrap_or(false),
                    })
                    .unwrap_or_default())
            })
        }))
        .await;
        for (a, b) in points.iter_mut().zip(blocks) {
            a.public_access_block = b;
        }
        Ok(points)
    };
    S3Control {
        access_points: list.await.into(),
    }
}

/// S3 Control: with an endpoint override, requests go to that URL as is (the SDK would
/// otherwise prefix the account id to the host).
impl SdkClient for aws_sdk_s3control::Client {
    fn build(clients: &Clients, region: &str) -> Self {
        let mut b = aws_sdk_s3control::config::Builder::from(&clients.sdk(region))
            .retry_classifier(retry_on_status());
        if let Some(url) = clients.endpoint("S3_CONTROL", "s3_control") {
            b = b.endpoint_resolver(StaticEndpoint(url));
        }
        aws_sdk_s3control::Client::from_conf(b.build())
    }
}

#[derive(Debug, Clone)]
struct StaticEndpoint(String);

impl aws_sdk_s3control::config::endpoint::ResolveEndpoint for StaticEndpoint {
    fn resolve_endpoint<'a>(
        &'a self,
        _params: &'a aws_sdk_s3control::config::endpoint::Params,
    ) -> aws_sdk_s3control::config::endpoint::EndpointFuture<'a> {
        aws_sdk_s3control::config::endpoint::EndpointFuture::ready(Ok(
            aws_smithy_types::endpoint::Endpoint::builder()
                .url(self.0.clone())
                .build(),
        ))
    }
}

async fn collect(ctx: &Collection) -> S3 {
    let (account_public_access_block, buckets) = futures::join!(
        when(ctx.needs(GET_ACCOUNT_PUBLIC_ACCESS_BLOCK), account_pab(ctx)),
        when(ctx.needs(LIST_ALL_MY_BUCKETS), buckets(ctx)),
    );
    S3 {
        account_public_access_block,
        buckets,
    }
}

async fn account_pab(ctx: &Collection) -> Result<Option<PublicAccessBlock>, ApiError> {
    let c: aws_sdk_s3control::Client = ctx.clients.get(ctx.global_region());
    let account_id = ctx.wait_account_id().await;
    match ctx
        .call(GET_ACCOUNT_PUBLIC_ACCESS_BLOCK, || {
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
        // Never set: the documented 404 with its error code, or a bare 404 (moto, and
        // proxies that drop the body) on this fixed path, which has no other 404.
        Err(e)
            if matches!(
                e.code.as_str(),
                "NoSuchPublicAccessBlockConfiguration" | "NotFound"
            ) =>
        {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

async fn buckets(ctx: &Collection) -> Result<Vec<Bucket>, ApiError> {
    let home = ctx.global_region();
    let c: aws_sdk_s3::Client = ctx.clients.get(home);
    let out = ctx
        .call(LIST_ALL_MY_BUCKETS, || c.list_buckets().send())
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
    let regions = fan_out(list.iter().map(|b| {
        let c = &c;
        async move {
            if !b.region.is_empty() {
                return b.region.clone();
            }
            match ctx
                .call(GET_BUCKET_LOCATION, || {
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
    let (pab, pol, ver, log) = (
        ctx.needs(GET_BUCKET_PUBLIC_ACCESS_BLOCK),
        ctx.needs(GET_BUCKET_POLICY),
        ctx.needs(GET_BUCKET_VERSIONING),
        ctx.needs(GET_BUCKET_LOGGING),
    );
    let acl = ctx.needs(GET_BUCKET_ACL);
    let (enc, life, own, lock) = (
        ctx.needs(GET_ENCRYPTION_CONFIGURATION),
        ctx.needs(GET_LIFECYCLE_CONFIGURATION),
        ctx.needs(GET_BUCKET_OWNERSHIP_CONTROLS),
        ctx.needs(GET_BUCKET_OBJECT_LOCK_CONFIGURATION),
    );
    // A bucket's own settings are asked only when it is in a scanned region (as Prowler
    // with -f: a bucket elsewhere is out of the audit), in its own region: one client
    // per region.
    let scanned = ctx.wait_regions().await;
    let mut clients: BTreeMap<String, aws_sdk_s3::Client> = BTreeMap::new();
    for b in list.iter().filter(|b| scanned.contains(&b.region)) {
        if !clients.contains_key(&b.region) {
            clients.insert(b.region.clone(), ctx.clients.get(&b.region));
        }
    }
    let clients = &clients;
    let details = fan_out(list.iter().map(|b| async move {
        let Some(c) = clients.get(&b.region) else {
            return Default::default();
        };
        let settings = futures::join!(
            when(pab, bucket_pab(ctx, c, &b.name)),
            when(pol, bucket_policy(ctx, c, &b.name)),
            when(ver, bucket_versioning(ctx, c, &b.name)),
            when(log, bucket_logging(ctx, c, &b.name)),
        );
        let more = futures::join!(
            when(enc, bucket_encryption(ctx, c, &b.name)),
            when(life, bucket_lifecycle(ctx, c, &b.name)),
            when(own, bucket_ownership(ctx, c, &b.name)),
            when(lock, bucket_object_lock(ctx, c, &b.name)),
            when(acl, bucket_acl(ctx, c, &b.name)),
        );
        (settings, more)
    }))
    .await;
    for (b, ((pab, pol, ver, log), (e, l, o, k, a))) in list.iter_mut().zip(details) {
        b.public_access_block = pab;
        b.policy = pol;
        b.versioning = ver;
        b.logging_target = log;
        b.encryption = e;
        b.lifecycle_rules = l;
        b.ownership = o;
        b.object_lock = k;
        b.acl_grants = a;
    }
    Ok(list)
}

async fn bucket_pab(
    ctx: &Collection,
    c: &aws_sdk_s3::Client,
    bucket: &str,
) -> Result<Option<PublicAccessBlock>, ApiError> {
    match ctx
        .call(GET_BUCKET_PUBLIC_ACCESS_BLOCK, || {
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
    ctx: &Collection,
    c: &aws_sdk_s3::Client,
    bucket: &str,
) -> Result<Option<serde_json::Value>, ApiError> {
    match ctx
        .call(GET_BUCKET_POLICY, || {
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
    ctx: &Collection,
    c: &aws_sdk_s3::Client,
    bucket: &str,
) -> Result<Versioning, ApiError> {
    let o = ctx
        .call(GET_BUCKET_VERSIONING, || {
            c.get_bucket_versioning().bucket(bucket).send()
        })
        .await?;
    Ok(Versioning {
        status: o.status().map(|s| s.as_str().to_string()),
        mfa_delete: o.mfa_delete().map(|s| s.as_str().to_string()),
    })
}

async fn bucket_logging(
    ctx: &Collection,
    c: &aws_sdk_s3::Client,
    bucket: &str,
) -> Result<Option<String>, ApiError> {
    let o = ctx
        .call(GET_BUCKET_LOGGING, || {
            c.get_bucket_logging().bucket(bucket).send()
        })
        .await?;
    Ok(o.logging_enabled().map(|l| l.target_bucket().to_string()))
}

/// The default encryption's algorithm; None when the bucket has none (an answer only
/// emulators and old regions give: AWS encrypts every bucket with SSE-S3 since 2023).
async fn bucket_encryption(
    ctx: &Collection,
    c: &aws_sdk_s3::Client,
    bucket: &str,
) -> Result<Option<String>, ApiError> {
    match ctx
        .call(GET_ENCRYPTION_CONFIGURATION, || {
            c.get_bucket_encryption().bucket(bucket).send()
        })
        .await
    {
        Ok(o) => Ok(o
            .server_side_encryption_configuration()
            .and_then(|c| c.rules().first())
            .and_then(|r| r.apply_server_side_encryption_by_default())
            .map(|d| d.sse_algorithm().as_str().to_string())),
        Err(e) if e.code == "ServerSideEncryptionConfigurationNotFoundError" => Ok(None),
        Err(e) => Err(e),
    }
}

/// Each lifecycle rule's status; empty without a lifecycle configuration.
async fn bucket_lifecycle(
    ctx: &Collection,
    c: &aws_sdk_s3::Client,
    bucket: &str,
) -> Result<Vec<String>, ApiError> {
    match ctx
        .call(GET_LIFECYCLE_CONFIGURATION, || {
            c.get_bucket_lifecycle_configuration().bucket(bucket).send()
        })
        .await
    {
        Ok(o) => Ok(o
            .rules()
            .iter()
            .map(|r| r.status().as_str().to_string())
            .collect()),
        Err(e) if e.code == "NoSuchLifecycleConfiguration" => Ok(Vec::new()),
        Err(e) => Err(e),
    }
}

/// The object ownership setting; None without ownership controls.
async fn bucket_ownership(
    ctx: &Collection,
    c: &aws_sdk_s3::Client,
    bucket: &str,
) -> Result<Option<String>, ApiError> {
    match ctx
        .call(GET_BUCKET_OWNERSHIP_CONTROLS, || {
            c.get_bucket_ownership_controls().bucket(bucket).send()
        })
        .await
    {
        Ok(o) => Ok(o
            .ownership_controls()
            .and_then(|c| c.rules().first())
            .map(|r| r.object_ownership().as_str().to_string())),
        Err(e) if e.code == "OwnershipControlsNotFoundError" => Ok(None),
        Err(e) => Err(e),
    }
}

/// Whether an Object Lock configuration exists.
async fn bucket_object_lock(
    ctx: &Collection,
    c: &aws_sdk_s3::Client,
    bucket: &str,
) -> Result<bool, ApiError> {
    match ctx
        .call(GET_BUCKET_OBJECT_LOCK_CONFIGURATION, || {
            c.get_object_lock_configuration().bucket(bucket).send()
        })
        .await
    {
        Ok(_) => Ok(true),
        Err(e) if e.code == "ObjectLockConfigurationNotFoundError" => Ok(false),
        Err(e) => Err(e),
    }
}

/// The bucket ACL's grants.
async fn bucket_acl(
    ctx: &Collection,
    c: &aws_sdk_s3::Client,
    bucket: &str,
) -> Result<Vec<AclGrant>, ApiError> {
    let o = ctx
        .call(GET_BUCKET_ACL, || c.get_bucket_acl().bucket(bucket).send())
        .await?;
    Ok(o.grants()
        .iter()
        .map(|g| AclGrant {
            grantee_type: g
                .grantee()
                .map(|x| x.r#type().as_str().to_string())
                .unwrap_or_default(),
            uri: g.grantee().and_then(|x| x.uri()).map(str::to_string),
            permission: g
                .permission()
                .map(|p| p.as_str().to_string())
                .unwrap_or_default(),
        })
        .collect())
}
