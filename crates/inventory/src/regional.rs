//! Regional services other than EC2. Each (service, region) pair is one progress unit.

use std::collections::BTreeMap;

use kestrel_model::{
    accessanalyzer::Analyzer, apigateway::HttpApi, apigateway::HttpStage, apigateway::RestApi,
    apigateway::RestStage, cloudtrail::DataResource, cloudtrail::EventSelector,
    cloudtrail::EventSelectors, cloudtrail::Trail, cloudwatch::MetricAlarm, config::ConfigRecorder,
    efs::FileSystem, elbv2::LoadBalancer, eventbridge::EventBus, kms::KmsKey,
    lambda::LambdaFunction, logs::MetricFilter, rds::DbCluster, rds::DbInstance, securityhub::Hub,
    ApiError, Fetched, Regional, ResourceWithPolicy, Snapshot,
};

use crate::global::when;
use crate::{Ctx, Progress, Scope};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    Ec2,
    CloudTrail,
    CloudWatch,
    Logs,
    Config,
    Kms,
    Rds,
    Efs,
    AccessAnalyzer,
    SecurityHub,
    Macie,
    Lambda,
    ApiGateway,
    Elbv2,
    EventBridge,
    Glacier,
    SecretsManager,
    Sns,
    Sqs,
}

/// (service, IAM prefix that triggers it, label).
const SERVICES: [(Service, &str, &str); 19] = [
    (Service::Ec2, "ec2", "ec2"),
    (Service::CloudTrail, "cloudtrail", "cloudtrail"),
    (Service::CloudWatch, "cloudwatch", "cloudwatch"),
    (Service::Logs, "logs", "logs"),
    (Service::Config, "config", "config"),
    (Service::Kms, "kms", "kms"),
    (Service::Rds, "rds", "rds"),
    (Service::Efs, "elasticfilesystem", "efs"),
    (Service::AccessAnalyzer, "access-analyzer", "accessanalyzer"),
    (Service::SecurityHub, "securityhub", "securityhub"),
    (Service::Macie, "macie2", "macie"),
    (Service::Lambda, "lambda", "lambda"),
    (Service::ApiGateway, "apigateway", "apigateway"),
    (Service::Elbv2, "elasticloadbalancing", "elbv2"),
    (Service::EventBridge, "events", "eventbridge"),
    (Service::Glacier, "glacier", "glacier"),
    (Service::SecretsManager, "secretsmanager", "secretsmanager"),
    (Service::Sns, "sns", "sns"),
    (Service::Sqs, "sqs", "sqs"),
];

pub fn services(scope: &Scope) -> Vec<Service> {
    SERVICES
        .iter()
        .filter(|(_, prefix, _)| scope.needs_service(prefix))
        .map(|(s, _, _)| *s)
        .collect()
}

fn label(s: Service) -> &'static str {
    SERVICES
        .iter()
        .find(|(x, _, _)| *x == s)
        .map(|(_, _, l)| *l)
        .unwrap_or("?")
}

pub async fn collect(
    ctx: &Ctx,
    region: &str,
    services: &[Service],
    progress: &dyn Progress,
) -> Regional {
    let mut out = Regional::default();
    let results = crate::fan_out(services.iter().map(|s| async move {
        let part = one(ctx, region, *s).await;
        progress.done(&format!("{} {region}", label(*s)));
        part
    }))
    .await;
    for part in results {
        part.apply(&mut out);
    }
    out
}

enum Part {
    Ec2(Box<kestrel_model::ec2::Ec2>),
    CloudTrail(Fetched<Vec<Trail>>),
    Alarms(Fetched<Vec<MetricAlarm>>),
    Filters(Fetched<Vec<MetricFilter>>),
    Config(Fetched<Vec<ConfigRecorder>>),
    Kms(Fetched<Vec<KmsKey>>),
    Rds(Fetched<Vec<DbInstance>>, Fetched<Vec<DbCluster>>),
    Efs(Fetched<Vec<FileSystem>>),
    Analyzers(Fetched<Vec<Analyzer>>),
    Hub(Fetched<Option<Hub>>),
    Macie(Fetched<Option<String>>),
    Lambda(Fetched<Vec<LambdaFunction>>),
    Apis(Fetched<Vec<RestApi>>, Fetched<Vec<HttpApi>>),
    Elbv2(Fetched<Vec<LoadBalancer>>),
    Buses(Fetched<Vec<EventBus>>),
    Glacier(Fetched<Vec<ResourceWithPolicy>>),
    Secrets(Fetched<Vec<ResourceWithPolicy>>),
    Sns(Fetched<Vec<ResourceWithPolicy>>),
    Sqs(Fetched<Vec<ResourceWithPolicy>>),
}

impl Part {
    fn apply(self, r: &mut Regional) {
        match self {
            Part::Ec2(v) => r.ec2 = *v,
            Part::CloudTrail(v) => r.cloudtrail.trails = v,
            Part::Alarms(v) => r.cloudwatch.alarms = v,
            Part::Filters(v) => r.logs.metric_filters = v,
            Part::Config(v) => r.config.recorders = v,
            Part::Kms(v) => r.kms.keys = v,
            Part::Rds(i, c) => {
                r.rds.instances = i;
                r.rds.clusters = c;
            }
            Part::Efs(v) => r.efs.file_systems = v,
            Part::Analyzers(v) => r.accessanalyzer.analyzers = v,
            Part::Hub(v) => r.securityhub.hub = v,
            Part::Macie(v) => r.macie.status = v,
            Part::Lambda(v) => r.lambda.functions = v,
            Part::Apis(a, b) => {
                r.apigateway.rest_apis = a;
                r.apigateway.http_apis = b;
            }
            Part::Elbv2(v) => r.elbv2.load_balancers = v,
            Part::Buses(v) => r.eventbridge.buses = v,
            Part::Glacier(v) => r.glacier.vaults = v,
            Part::Secrets(v) => r.secretsmanager.secrets = v,
            Part::Sns(v) => r.sns.topics = v,
            Part::Sqs(v) => r.sqs.queues = v,
        }
    }
}

async fn one(ctx: &Ctx, region: &str, s: Service) -> Part {
    let needs = |a: &str| ctx.scope.needs(a);
    match s {
        Service::Ec2 => Part::Ec2(Box::new(crate::ec2::collect(ctx, region).await)),
        Service::CloudTrail => Part::CloudTrail(trails(ctx, region).await.into()),
        Service::CloudWatch => Part::Alarms(alarms(ctx, region).await.into()),
        Service::Logs => Part::Filters(metric_filters(ctx, region).await.into()),
        Service::Config => Part::Config(recorders(ctx, region).await.into()),
        Service::Kms => Part::Kms(kms_keys(ctx, region).await.into()),
        Service::Rds => {
            let (i, c) = futures::join!(
                when(needs("rds:DescribeDBInstances"), db_instances(ctx, region)),
                when(needs("rds:DescribeDBClusters"), db_clusters(ctx, region)),
            );
            Part::Rds(i, c)
        }
        Service::Efs => Part::Efs(file_systems(ctx, region).await.into()),
        Service::AccessAnalyzer => Part::Analyzers(analyzers(ctx, region).await.into()),
        Service::SecurityHub => Part::Hub(hub(ctx, region).await.into()),
        Service::Macie => Part::Macie(macie(ctx, region).await.into()),
        Service::Lambda => Part::Lambda(functions(ctx, region).await.into()),
        Service::ApiGateway => {
            let (a, b) = futures::join!(rest_apis(ctx, region), http_apis(ctx, region));
            Part::Apis(a.into(), b.into())
        }
        Service::Elbv2 => Part::Elbv2(load_balancers(ctx, region).await.into()),
        Service::EventBridge => Part::Buses(buses(ctx, region).await.into()),
        Service::Glacier => Part::Glacier(vaults(ctx, region).await.into()),
        Service::SecretsManager => Part::Secrets(secrets(ctx, region).await.into()),
        Service::Sns => Part::Sns(topics(ctx, region).await.into()),
        Service::Sqs => Part::Sqs(queues(ctx, region).await.into()),
    }
}

// ---------------------------------------------------------------- CloudTrail

async fn trails(ctx: &Ctx, region: &str) -> Result<Vec<Trail>, ApiError> {
    let c = ctx.clients.cloudtrail(region);
    let out = ctx
        .call("cloudtrail:DescribeTrails", || {
            c.describe_trails().include_shadow_trails(true).send()
        })
        .await?;
    let mut list: Vec<Trail> = out
        .trail_list()
        .iter()
        .map(|t| Trail {
            name: t.name().unwrap_or_default().to_string(),
            arn: t.trail_arn().unwrap_or_default().to_string(),
            home_region: t.home_region().unwrap_or(region).to_string(),
            is_multi_region: t.is_multi_region_trail().unwrap_or(false),
            is_organization_trail: t.is_organization_trail().unwrap_or(false),
            log_file_validation_enabled: t.log_file_validation_enabled().unwrap_or(false),
            kms_key_id: t.kms_key_id().map(str::to_string),
            s3_bucket_name: t.s3_bucket_name().map(str::to_string),
            cloudwatch_logs_log_group_arn: t.cloud_watch_logs_log_group_arn().map(str::to_string),
            ..Default::default()
        })
        .collect();
    // Status and selectors are asked in the trail's home region only; shadow copies in
    // other regions get them afterwards (`share_trail_details`): one call per trail.
    let status = ctx.scope.needs("cloudtrail:GetTrailStatus");
    let selectors = ctx.scope.needs("cloudtrail:GetEventSelectors");
    let details = crate::fan_out(list.iter().map(|t| {
        let c = &c;
        async move {
            if t.home_region != region {
                return (Fetched::NotCollected, Fetched::NotCollected);
            }
            futures::join!(
                when(status, async {
                    let o = ctx.call("cloudtrail:GetTrailStatus", || c.get_trail_status().name(&t.arn).send()).await?;
                    Ok(o.is_logging().unwrap_or(false))
                }),
                when(selectors, async {
                    let o = ctx.call("cloudtrail:GetEventSelectors", || c.get_event_selectors().trail_name(&t.arn).send()).await?;
                    Ok(EventSelectors {
                        basic: o
                            .event_selectors()
                            .iter()
                            .map(|e| EventSelector {
                                read_write_type: e.read_write_type().map(|r| r.as_str().to_string()).unwrap_or_else(|| "All".into()),
                                include_management_events: e.include_management_events().unwrap_or(true),
                                data_resources: e
                                    .data_resources()
                                    .iter()
                                    .map(|d| DataResource {
                                        resource_type: d.r#type().unwrap_or_default().to_string(),
                                        values: d.values().to_vec(),
                                    })
                                    .collect(),
                            })
                            .collect(),
                        advanced: o
                            .advanced_event_selectors()
                            .iter()
                            .map(|a| {
                                serde_json::json!({
                                    "Name": a.name(),
                                    "FieldSelectors": a.field_selectors().iter().map(|f| serde_json::json!({
                                        "Field": f.field(),
                                        "Equals": f.equals(),
                                        "StartsWith": f.starts_with(),
                                        "NotEquals": f.not_equals(),
                                    })).collect::<Vec<_>>(),
                                })
                            })
                            .collect(),
                    })
                }),
            )
        }
    }));
    // Tags need only the trail ARNs: asked while the status and selectors are.
    let home: Vec<String> = list
        .iter()
        .filter(|t| t.home_region == region)
        .map(|t| t.arn.clone())
        .collect();
    let tags = async {
        if !ctx.scope.needs("cloudtrail:ListTags") || home.is_empty() {
            return None;
        }
        // Tags are decoration: a failure leaves them empty rather than failing checks.
        let o = ctx
            .call("cloudtrail:ListTags", || {
                c.list_tags()
                    .set_resource_id_list(Some(home.clone()))
                    .send()
            })
            .await
            .ok()?;
        Some(
            o.resource_tag_list()
                .iter()
                .map(|rt| {
                    let tags: kestrel_model::Tags = rt
                        .tags_list()
                        .iter()
                        .map(|x| {
                            (
                                x.key().to_string(),
                                x.value().unwrap_or_default().to_string(),
                            )
                        })
                        .collect();
                    (rt.resource_id().unwrap_or_default().to_string(), tags)
                })
                .collect::<Vec<_>>(),
        )
    };
    let (details, tags) = futures::join!(details, tags);
    for (t, (s, e)) in list.iter_mut().zip(details) {
        t.is_logging = s;
        t.event_selectors = e;
    }
    for (arn, tags) in tags.unwrap_or_default() {
        if let Some(t) = list.iter_mut().find(|t| t.arn == arn) {
            t.tags = tags;
        }
    }
    Ok(list)
}

/// Copies a trail's status and selectors from its home region to its shadow copies.
pub fn share_trail_details(snap: &mut Snapshot) {
    let mut by_arn: BTreeMap<String, (Fetched<bool>, Fetched<EventSelectors>)> = BTreeMap::new();
    for r in snap.regional.values() {
        if let Fetched::Ok(trails) = &r.cloudtrail.trails {
            for t in trails {
                if t.is_logging.is_collected() || t.event_selectors.is_collected() {
                    by_arn.insert(
                        t.arn.clone(),
                        (t.is_logging.clone(), t.event_selectors.clone()),
                    );
                }
            }
        }
    }
    for r in snap.regional.values_mut() {
        if let Fetched::Ok(trails) = &mut r.cloudtrail.trails {
            for t in trails.iter_mut() {
                if !t.is_logging.is_collected() && !t.event_selectors.is_collected() {
                    if let Some((s, e)) = by_arn.get(&t.arn) {
                        t.is_logging = s.clone();
                        t.event_selectors = e.clone();
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------- CloudWatch, Logs, Config

async fn alarms(ctx: &Ctx, region: &str) -> Result<Vec<MetricAlarm>, ApiError> {
    let c = ctx.clients.cloudwatch(region);
    let mut out = Vec::new();
    let mut token = None;
    let mut pages = crate::Pages::default();
    loop {
        let page = ctx
            .call("cloudwatch:DescribeAlarms", || {
                c.describe_alarms().set_next_token(token.clone()).send()
            })
            .await?;
        for a in page.metric_alarms() {
            out.push(MetricAlarm {
                name: a.alarm_name().unwrap_or_default().to_string(),
                arn: a.alarm_arn().unwrap_or_default().to_string(),
                metric_name: a.metric_name().map(str::to_string),
                namespace: a.namespace().map(str::to_string),
                actions_enabled: a.actions_enabled().unwrap_or(false),
                alarm_actions: a.alarm_actions().to_vec(),
            });
        }
        token = pages.next("cloudwatch:DescribeAlarms", page.next_token())?;
        if token.is_none() {
            break;
        }
    }
    Ok(out)
}

async fn metric_filters(ctx: &Ctx, region: &str) -> Result<Vec<MetricFilter>, ApiError> {
    let c = ctx.clients.logs(region);
    let mut out = Vec::new();
    let mut token = None;
    let mut pages = crate::Pages::default();
    loop {
        let page = ctx
            .call("logs:DescribeMetricFilters", || {
                c.describe_metric_filters()
                    .set_next_token(token.clone())
                    .send()
            })
            .await?;
        for f in page.metric_filters() {
            out.push(MetricFilter {
                name: f.filter_name().unwrap_or_default().to_string(),
                log_group_name: f.log_group_name().unwrap_or_default().to_string(),
                pattern: f.filter_pattern().unwrap_or_default().to_string(),
                metrics: f
                    .metric_transformations()
                    .iter()
                    .map(|m| {
                        (
                            m.metric_name().to_string(),
                            m.metric_namespace().to_string(),
                        )
                    })
                    .collect(),
            });
        }
        token = pages.next("logs:DescribeMetricFilters", page.next_token())?;
        if token.is_none() {
            break;
        }
    }
    Ok(out)
}

async fn recorders(ctx: &Ctx, region: &str) -> Result<Vec<ConfigRecorder>, ApiError> {
    let c = ctx.clients.config(region);
    let (recs, statuses) = futures::join!(
        ctx.call("config:DescribeConfigurationRecorders", || c
            .describe_configuration_recorders()
            .send()),
        ctx.call("config:DescribeConfigurationRecorderStatus", || c
            .describe_configuration_recorder_status()
            .send()),
    );
    let recs = recs?;
    let statuses = statuses?;
    Ok(recs
        .configuration_recorders()
        .iter()
        .map(|r| {
            let name = r.name().unwrap_or_default().to_string();
            let status = statuses
                .configuration_recorders_status()
                .iter()
                .find(|s| s.name() == Some(name.as_str()));
            ConfigRecorder {
                all_supported: r
                    .recording_group()
                    .map(|g| g.all_supported())
                    .unwrap_or(false),
                include_global_resource_types: r
                    .recording_group()
                    .map(|g| g.include_global_resource_types())
                    .unwrap_or(false),
                recording: status.map(|s| s.recording()).unwrap_or(false),
                last_status: status
                    .and_then(|s| s.last_status())
                    .map(|s| s.as_str().to_string()),
                name,
            }
        })
        .collect())
}

// ---------------------------------------------------------------- KMS

async fn kms_keys(ctx: &Ctx, region: &str) -> Result<Vec<KmsKey>, ApiError> {
    let c = ctx.clients.kms(region);
    let mut ids = Vec::new();
    let mut marker = None;
    let mut pages = crate::Pages::default();
    loop {
        let page = ctx
            .call("kms:ListKeys", || {
                c.list_keys().set_marker(marker.clone()).send()
            })
            .await?;
        ids.extend(page.keys().iter().map(|k| {
            (
                k.key_id().unwrap_or_default().to_string(),
                k.key_arn().unwrap_or_default().to_string(),
            )
        }));
        marker = pages.next(
            "kms:ListKeys",
            page.next_marker().filter(|_| page.truncated()),
        )?;
        if marker.is_none() {
            break;
        }
    }
    let rotation = ctx.scope.needs("kms:GetKeyRotationStatus");
    let policy = ctx.scope.needs("kms:GetKeyPolicy");
    let keys = crate::fan_out(ids.iter().map(|(id, arn)| {
        let c = &c;
        async move {
            let mut key = KmsKey {
                id: id.clone(),
                arn: arn.clone(),
                ..Default::default()
            };
            match ctx
                .call("kms:DescribeKey", || c.describe_key().key_id(id).send())
                .await
            {
                Ok(o) => {
                    if let Some(m) = o.key_metadata() {
                        key.manager = m
                            .key_manager()
                            .map(|x| x.as_str().to_string())
                            .unwrap_or_default();
                        key.state = m
                            .key_state()
                            .map(|x| x.as_str().to_string())
                            .unwrap_or_default();
                        key.spec = m
                            .key_spec()
                            .map(|x| x.as_str().to_string())
                            .unwrap_or_default();
                        key.origin = m
                            .origin()
                            .map(|x| x.as_str().to_string())
                            .unwrap_or_default();
                    }
                }
                Err(e) => {
                    key.rotation_enabled = Fetched::Error(e.clone());
                    key.policy = Fetched::Error(e);
                    return key;
                }
            }
            // Rotation exists only for enabled, symmetric customer keys (Prowler's scope).
            let rotatable = key.manager == "CUSTOMER"
                && key.state == "Enabled"
                && key.spec == "SYMMETRIC_DEFAULT";
            let (r, p) = futures::join!(
                when(rotation && rotatable, async {
                    let o = ctx
                        .call("kms:GetKeyRotationStatus", || {
                            c.get_key_rotation_status().key_id(id).send()
                        })
                        .await?;
                    Ok(o.key_rotation_enabled())
                }),
                when(policy && key.manager == "CUSTOMER", async {
                    let o = ctx
                        .call("kms:GetKeyPolicy", || {
                            c.get_key_policy().key_id(id).policy_name("default").send()
                        })
                        .await?;
                    Ok(o.policy().and_then(|p| serde_json::from_str(p).ok()))
                }),
            );
            key.rotation_enabled = r;
            key.policy = p;
            key
        }
    }))
    .await;
    Ok(keys)
}

// ---------------------------------------------------------------- RDS, EFS

async fn db_instances(ctx: &Ctx, region: &str) -> Result<Vec<DbInstance>, ApiError> {
    let c = ctx.clients.rds(region);
    let mut out = Vec::new();
    let mut marker = None;
    let mut pages = crate::Pages::default();
    loop {
        let page = ctx
            .call("rds:DescribeDBInstances", || {
                c.describe_db_instances().set_marker(marker.clone()).send()
            })
            .await?;
        for d in page.db_instances() {
            out.push(DbInstance {
                id: d.db_instance_identifier().unwrap_or_default().to_string(),
                arn: d.db_instance_arn().unwrap_or_default().to_string(),
                engine: d.engine().unwrap_or_default().to_string(),
                publicly_accessible: d.publicly_accessible().unwrap_or(false),
                storage_encrypted: d.storage_encrypted().unwrap_or(false),
                multi_az: d.multi_az().unwrap_or(false),
                auto_minor_version_upgrade: d.auto_minor_version_upgrade().unwrap_or(false),
                cluster_id: d.db_cluster_identifier().map(str::to_string),
                port: d.endpoint().and_then(|e| e.port()).or(d.db_instance_port()),
                endpoint_address: d.endpoint().and_then(|e| e.address()).map(str::to_string),
                vpc_id: d
                    .db_subnet_group()
                    .and_then(|g| g.vpc_id())
                    .map(str::to_string),
                subnet_ids: d
                    .db_subnet_group()
                    .map(|g| {
                        g.subnets()
                            .iter()
                            .filter(|s| s.subnet_status() == Some("Active"))
                            .filter_map(|s| s.subnet_identifier().map(str::to_string))
                            .collect()
                    })
                    .unwrap_or_default(),
                security_group_ids: d
                    .vpc_security_groups()
                    .iter()
                    .filter_map(|g| g.vpc_security_group_id().map(str::to_string))
                    .collect(),
                tags: rds_tags(d.tag_list()),
            });
        }
        marker = pages.next("rds:DescribeDBInstances", page.marker())?;
        if marker.is_none() {
            break;
        }
    }
    Ok(out)
}

fn rds_tags(tags: &[aws_sdk_rds::types::Tag]) -> kestrel_model::Tags {
    tags.iter()
        .filter_map(|t| {
            Some((
                t.key()?.to_string(),
                t.value().unwrap_or_default().to_string(),
            ))
        })
        .collect()
}

async fn db_clusters(ctx: &Ctx, region: &str) -> Result<Vec<DbCluster>, ApiError> {
    let c = ctx.clients.rds(region);
    let mut out = Vec::new();
    let mut marker = None;
    let mut pages = crate::Pages::default();
    loop {
        let page = ctx
            .call("rds:DescribeDBClusters", || {
                c.describe_db_clusters().set_marker(marker.clone()).send()
            })
            .await?;
        for d in page.db_clusters() {
            out.push(DbCluster {
                id: d.db_cluster_identifier().unwrap_or_default().to_string(),
                arn: d.db_cluster_arn().unwrap_or_default().to_string(),
                engine: d.engine().unwrap_or_default().to_string(),
                multi_az: d.multi_az().unwrap_or(false),
                storage_encrypted: d.storage_encrypted().unwrap_or(false),
                tags: rds_tags(d.tag_list()),
            });
        }
        marker = pages.next("rds:DescribeDBClusters", page.marker())?;
        if marker.is_none() {
            break;
        }
    }
    Ok(out)
}

async fn file_systems(ctx: &Ctx, region: &str) -> Result<Vec<FileSystem>, ApiError> {
    let c = ctx.clients.efs(region);
    let mut out = Vec::new();
    let mut marker = None;
    let mut pages = crate::Pages::default();
    loop {
        let page = ctx
            .call("elasticfilesystem:DescribeFileSystems", || {
                c.describe_file_systems().set_marker(marker.clone()).send()
            })
            .await?;
        for f in page.file_systems() {
            out.push(FileSystem {
                id: f.file_system_id().to_string(),
                arn: f.file_system_arn().unwrap_or_default().to_string(),
                encrypted: f.encrypted().unwrap_or(false),
                tags: f
                    .tags()
                    .iter()
                    .map(|t| (t.key().to_string(), t.value().to_string()))
                    .collect(),
            });
        }
        marker = pages.next("elasticfilesystem:DescribeFileSystems", page.next_marker())?;
        if marker.is_none() {
            break;
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------- Access Analyzer, Security Hub, Macie

async fn analyzers(ctx: &Ctx, region: &str) -> Result<Vec<Analyzer>, ApiError> {
    let c = ctx.clients.accessanalyzer(region);
    let mut out = Vec::new();
    let mut token = None;
    let mut pages = crate::Pages::default();
    loop {
        let page = ctx
            .call("access-analyzer:ListAnalyzers", || {
                c.list_analyzers().set_next_token(token.clone()).send()
            })
            .await?;
        for a in page.analyzers() {
            out.push(Analyzer {
                name: a.name().to_string(),
                arn: a.arn().to_string(),
                status: a.status().as_str().to_string(),
                analyzer_type: a.r#type().as_str().to_string(),
            });
        }
        token = pages.next("access-analyzer:ListAnalyzers", page.next_token())?;
        if token.is_none() {
            break;
        }
    }
    Ok(out)
}

async fn hub(ctx: &Ctx, region: &str) -> Result<Option<Hub>, ApiError> {
    let c = ctx.clients.securityhub(region);
    let mut hub = match ctx
        .call("securityhub:DescribeHub", || c.describe_hub().send())
        .await
    {
        Ok(o) => Hub {
            arn: o.hub_arn().unwrap_or_default().to_string(),
            subscribed_at: o.subscribed_at().map(str::to_string),
            ..Default::default()
        },
        Err(e) if e.code == "InvalidAccessException" || e.code == "ResourceNotFoundException" => {
            return Ok(None)
        }
        Err(e) => return Err(e),
    };
    let (standards, integrations) = futures::join!(
        when(ctx.scope.needs("securityhub:GetEnabledStandards"), async {
            let o = ctx
                .call("securityhub:GetEnabledStandards", || {
                    c.get_enabled_standards().send()
                })
                .await?;
            Ok(o.standards_subscriptions()
                .iter()
                .filter_map(|s| s.standards_arn().map(str::to_string))
                .collect())
        }),
        when(
            ctx.scope.needs("securityhub:ListEnabledProductsForImport"),
            async {
                let o = ctx
                    .call("securityhub:ListEnabledProductsForImport", || {
                        c.list_enabled_products_for_import().send()
                    })
                    .await?;
                Ok(o.product_subscriptions().to_vec())
            }
        ),
    );
    hub.standards = standards;
    hub.integrations = integrations;
    Ok(Some(hub))
}

async fn macie(ctx: &Ctx, region: &str) -> Result<Option<String>, ApiError> {
    let c = ctx.clients.macie2(region);
    match ctx
        .call("macie2:GetMacieSession", || c.get_macie_session().send())
        .await
    {
        Ok(o) => Ok(o.status().map(|s| s.as_str().to_string())),
        // "Macie is not enabled" comes back as AccessDeniedException (real AWS and moto).
        Err(e)
            if (e.code == "AccessDeniedException"
                && e.message.to_lowercase().contains("not enabled"))
                || e.code == "ResourceNotFoundException" =>
        {
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

// ---------------------------------------------------------------- Lambda, API Gateway, ELBv2, EventBridge

async fn functions(ctx: &Ctx, region: &str) -> Result<Vec<LambdaFunction>, ApiError> {
    let c = ctx.clients.lambda(region);
    let mut list = Vec::new();
    let mut marker = None;
    let mut pages = crate::Pages::default();
    loop {
        let page = ctx
            .call("lambda:ListFunctions", || {
                c.list_functions().set_marker(marker.clone()).send()
            })
            .await?;
        for f in page.functions() {
            list.push(LambdaFunction {
                name: f.function_name().unwrap_or_default().to_string(),
                arn: f.function_arn().unwrap_or_default().to_string(),
                runtime: f.runtime().map(|r| r.as_str().to_string()),
                ..Default::default()
            });
        }
        marker = pages.next("lambda:ListFunctions", page.next_marker())?;
        if marker.is_none() {
            break;
        }
    }
    if ctx.scope.needs("lambda:GetPolicy") {
        let pols = crate::fan_out(list.iter().map(|f| {
            let c = &c;
            async move {
                match ctx
                    .call("lambda:GetPolicy", || {
                        c.get_policy().function_name(&f.name).send()
                    })
                    .await
                {
                    Ok(o) => Ok(o.policy().and_then(|p| serde_json::from_str(p).ok())),
                    Err(e) if e.code == "ResourceNotFoundException" => Ok(None),
                    Err(e) => Err(e),
                }
            }
        }))
        .await;
        for (f, p) in list.iter_mut().zip(pols) {
            f.policy = p.into();
        }
    }
    Ok(list)
}

async fn rest_apis(ctx: &Ctx, region: &str) -> Result<Vec<RestApi>, ApiError> {
    let c = ctx.clients.apigateway(region);
    let mut list = Vec::new();
    let mut position = None;
    loop {
        let page = ctx
            .call("apigateway:GET", || {
                c.get_rest_apis().set_position(position.clone()).send()
            })
            .await?;
        for a in page.items() {
            let id = a.id().unwrap_or_default().to_string();
            list.push(RestApi {
                arn: format!("arn:{}:apigateway:{region}::/restapis/{id}", ctx.partition),
                id,
                name: a.name().unwrap_or_default().to_string(),
                stages: Vec::new(),
                tags: a
                    .tags()
                    .map(|t| t.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                    .unwrap_or_default(),
            });
        }
        match page.position() {
            Some(p) => position = Some(p.to_string()),
            None => break,
        }
    }
    let stages = crate::fan_out(list.iter().map(|a| {
        let c = &c;
        async move {
            ctx.call("apigateway:GET", || {
                c.get_stages().rest_api_id(&a.id).send()
            })
            .await
        }
    }))
    .await;
    for (a, s) in list.iter_mut().zip(stages) {
        let s = s?;
        a.stages = s
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
                    name,
                }
            })
            .collect();
    }
    Ok(list)
}

async fn http_apis(ctx: &Ctx, region: &str) -> Result<Vec<HttpApi>, ApiError> {
    let c = ctx.clients.apigatewayv2(region);
    let mut list = Vec::new();
    let mut token = None;
    let mut pages = crate::Pages::default();
    loop {
        let page = ctx
            .call("apigateway:GET", || {
                c.get_apis().set_next_token(token.clone()).send()
            })
            .await?;
        for a in page.items() {
            let id = a.api_id().unwrap_or_default().to_string();
            list.push(HttpApi {
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
            });
        }
        token = pages.next("apigateway:GET", page.next_token())?;
        if token.is_none() {
            break;
        }
    }
    let stages = crate::fan_out(list.iter().map(|a| {
        let c = &c;
        async move {
            ctx.call("apigateway:GET", || c.get_stages().api_id(&a.id).send())
                .await
        }
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

async fn load_balancers(ctx: &Ctx, region: &str) -> Result<Vec<LoadBalancer>, ApiError> {
    let c = ctx.clients.elbv2(region);
    let mut list = Vec::new();
    let mut marker = None;
    let mut pages = crate::Pages::default();
    loop {
        let page = ctx
            .call("elasticloadbalancing:DescribeLoadBalancers", || {
                c.describe_load_balancers()
                    .set_marker(marker.clone())
                    .send()
            })
            .await?;
        for lb in page.load_balancers() {
            list.push(LoadBalancer {
                name: lb.load_balancer_name().unwrap_or_default().to_string(),
                arn: lb.load_balancer_arn().unwrap_or_default().to_string(),
                lb_type: lb
                    .r#type()
                    .map(|t| t.as_str().to_string())
                    .unwrap_or_default(),
                ..Default::default()
            });
        }
        marker = pages.next(
            "elasticloadbalancing:DescribeLoadBalancers",
            page.next_marker(),
        )?;
        if marker.is_none() {
            break;
        }
    }
    if ctx
        .scope
        .needs("elasticloadbalancing:DescribeLoadBalancerAttributes")
    {
        let attrs = crate::fan_out(list.iter().map(|lb| {
            let c = &c;
            async move {
                let o = ctx
                    .call(
                        "elasticloadbalancing:DescribeLoadBalancerAttributes",
                        || {
                            c.describe_load_balancer_attributes()
                                .load_balancer_arn(&lb.arn)
                                .send()
                        },
                    )
                    .await?;
                Ok(o.attributes().iter().any(|a| {
                    a.key() == Some("access_logs.s3.enabled") && a.value() == Some("true")
                }))
            }
        }))
        .await;
        for (lb, a) in list.iter_mut().zip(attrs) {
            lb.access_logs_enabled = a.into();
        }
    }
    Ok(list)
}

async fn buses(ctx: &Ctx, region: &str) -> Result<Vec<EventBus>, ApiError> {
    let c = ctx.clients.eventbridge(region);
    let mut out = Vec::new();
    let mut token = None;
    let mut pages = crate::Pages::default();
    loop {
        let page = ctx
            .call("events:ListEventBuses", || {
                c.list_event_buses().set_next_token(token.clone()).send()
            })
            .await?;
        for b in page.event_buses() {
            out.push(EventBus {
                name: b.name().unwrap_or_default().to_string(),
                arn: b.arn().unwrap_or_default().to_string(),
                policy: b.policy().and_then(|p| serde_json::from_str(p).ok()),
            });
        }
        token = pages.next("events:ListEventBuses", page.next_token())?;
        if token.is_none() {
            break;
        }
    }
    Ok(out)
}

// ---------------------------------------------------------------- resource policies

async fn vaults(ctx: &Ctx, region: &str) -> Result<Vec<ResourceWithPolicy>, ApiError> {
    let c = ctx.clients.glacier(region);
    let mut list = Vec::new();
    let mut marker = None;
    let mut pages = crate::Pages::default();
    loop {
        let page = ctx
            .call("glacier:ListVaults", || {
                c.list_vaults()
                    .account_id("-")
                    .set_marker(marker.clone())
                    .send()
            })
            .await?;
        for v in page.vault_list() {
            list.push(ResourceWithPolicy {
                name: v.vault_name().unwrap_or_default().to_string(),
                arn: v.vault_arn().unwrap_or_default().to_string(),
                ..Default::default()
            });
        }
        marker = pages.next("glacier:ListVaults", page.marker())?;
        if marker.is_none() {
            break;
        }
    }
    if ctx.scope.needs("glacier:GetVaultAccessPolicy") {
        let pols = crate::fan_out(list.iter().map(|v| {
            let c = &c;
            async move {
                match ctx
                    .call("glacier:GetVaultAccessPolicy", || {
                        c.get_vault_access_policy()
                            .account_id("-")
                            .vault_name(&v.name)
                            .send()
                    })
                    .await
                {
                    Ok(o) => Ok(o
                        .policy()
                        .and_then(|p| p.policy())
                        .and_then(|p| serde_json::from_str(p).ok())),
                    Err(e) if e.code == "ResourceNotFoundException" => Ok(None),
                    Err(e) => Err(e),
                }
            }
        }))
        .await;
        for (v, p) in list.iter_mut().zip(pols) {
            v.policy = p.into();
        }
    }
    Ok(list)
}

async fn secrets(ctx: &Ctx, region: &str) -> Result<Vec<ResourceWithPolicy>, ApiError> {
    let c = ctx.clients.secretsmanager(region);
    let mut list = Vec::new();
    let mut token = None;
    let mut pages = crate::Pages::default();
    loop {
        let page = ctx
            .call("secretsmanager:ListSecrets", || {
                c.list_secrets().set_next_token(token.clone()).send()
            })
            .await?;
        for s in page.secret_list() {
            list.push(ResourceWithPolicy {
                name: s.name().unwrap_or_default().to_string(),
                arn: s.arn().unwrap_or_default().to_string(),
                tags: s
                    .tags()
                    .iter()
                    .filter_map(|t| {
                        Some((
                            t.key()?.to_string(),
                            t.value().unwrap_or_default().to_string(),
                        ))
                    })
                    .collect(),
                ..Default::default()
            });
        }
        token = pages.next("secretsmanager:ListSecrets", page.next_token())?;
        if token.is_none() {
            break;
        }
    }
    if ctx.scope.needs("secretsmanager:GetResourcePolicy") {
        let pols = crate::fan_out(list.iter().map(|s| {
            let c = &c;
            async move {
                let o = ctx
                    .call("secretsmanager:GetResourcePolicy", || {
                        c.get_resource_policy().secret_id(&s.arn).send()
                    })
                    .await?;
                Ok(o.resource_policy()
                    .and_then(|p| serde_json::from_str(p).ok()))
            }
        }))
        .await;
        for (s, p) in list.iter_mut().zip(pols) {
            s.policy = p.into();
        }
    }
    Ok(list)
}

async fn topics(ctx: &Ctx, region: &str) -> Result<Vec<ResourceWithPolicy>, ApiError> {
    let c = ctx.clients.sns(region);
    let mut list = Vec::new();
    let mut token = None;
    let mut pages = crate::Pages::default();
    loop {
        let page = ctx
            .call("sns:ListTopics", || {
                c.list_topics().set_next_token(token.clone()).send()
            })
            .await?;
        for t in page.topics() {
            let arn = t.topic_arn().unwrap_or_default().to_string();
            list.push(ResourceWithPolicy {
                name: arn.rsplit(':').next().unwrap_or_default().to_string(),
                arn,
                ..Default::default()
            });
        }
        token = pages.next("sns:ListTopics", page.next_token())?;
        if token.is_none() {
            break;
        }
    }
    if ctx.scope.needs("sns:GetTopicAttributes") {
        let pols = crate::fan_out(list.iter().map(|t| {
            let c = &c;
            async move {
                let o = ctx
                    .call("sns:GetTopicAttributes", || {
                        c.get_topic_attributes().topic_arn(&t.arn).send()
                    })
                    .await?;
                Ok(o.attributes()
                    .and_then(|a| a.get("Policy"))
                    .and_then(|p| serde_json::from_str(p).ok()))
            }
        }))
        .await;
        for (t, p) in list.iter_mut().zip(pols) {
            t.policy = p.into();
        }
    }
    Ok(list)
}

async fn queues(ctx: &Ctx, region: &str) -> Result<Vec<ResourceWithPolicy>, ApiError> {
    let c = ctx.clients.sqs(region);
    let mut urls = Vec::new();
    let mut token = None;
    let mut pages = crate::Pages::default();
    loop {
        let page = ctx
            .call("sqs:ListQueues", || {
                c.list_queues().set_next_token(token.clone()).send()
            })
            .await?;
        urls.extend(page.queue_urls().iter().cloned());
        token = pages.next("sqs:ListQueues", page.next_token())?;
        if token.is_none() {
            break;
        }
    }
    let want_policy = ctx.scope.needs("sqs:GetQueueAttributes");
    let list = crate::fan_out(urls.iter().map(|url| {
        let c = &c;
        async move {
            let name = url.rsplit('/').next().unwrap_or_default().to_string();
            let acct = match url.rsplit('/').nth(1) {
                Some(a) => a.to_string(),
                None => ctx.wait_account_id().await,
            };
            let mut q = ResourceWithPolicy {
                arn: format!("arn:{}:sqs:{region}:{acct}:{name}", ctx.partition),
                name,
                ..Default::default()
            };
            q.policy = when(want_policy, async {
                let o = ctx
                    .call("sqs:GetQueueAttributes", || {
                        c.get_queue_attributes()
                            .queue_url(url)
                            .attribute_names(aws_sdk_sqs::types::QueueAttributeName::Policy)
                            .send()
                    })
                    .await?;
                Ok(o.attributes()
                    .and_then(|a| a.get(&aws_sdk_sqs::types::QueueAttributeName::Policy))
                    .and_then(|p| serde_json::from_str(p).ok()))
            })
            .await;
            q
        }
    }))
    .await;
    Ok(list)
}
