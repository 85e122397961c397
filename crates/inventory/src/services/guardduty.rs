//! GuardDuty (regional): detectors and, for each, its status, S3 and RDS protection and
//! tags (one GetDetector per detector).

use kestrel_model::guardduty::{
    Detector, DetectorDetails, GuardDuty, GET_DETECTOR, LIST_DETECTORS,
};
use kestrel_model::ApiError;

use crate::collection::{fan_out, when, Collection};
use crate::services::Service;

crate::sdk_client!(aws_sdk_guardduty, "GUARDDUTY", "guardduty");

pub const SERVICE: Service = Service {
    label: "guardduty",
    actions: &[LIST_DETECTORS, GET_DETECTOR],
    collect: crate::regional!(collect => guardduty),
    after: None,
};

async fn collect(ctx: &Collection, region: &str) -> GuardDuty {
    GuardDuty {
        detectors: detectors(ctx, region).await.into(),
    }
}

async fn detectors(ctx: &Collection, region: &str) -> Result<Vec<Detector>, ApiError> {
    let c: aws_sdk_guardduty::Client = ctx.clients.get(region);
    let account = ctx.wait_account_id().await;
    let part = ctx.partition.as_str();
    let mut list = ctx
        .list(
            LIST_DETECTORS,
            |t| c.list_detectors().set_next_token(t).send(),
            |p| p.next_token(),
            |p| {
                p.detector_ids()
                    .iter()
                    .map(|id| Detector {
                        arn: format!("arn:{part}:guardduty:{region}:{account}:detector/{id}"),
                        id: id.clone(),
                        ..Default::default()
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await?;
    let want = ctx.needs(GET_DETECTOR);
    let details = fan_out(list.iter().map(|d| {
        let c = &c;
        when(want, async move {
            let o = ctx
                .call(GET_DETECTOR, || c.get_detector().detector_id(&d.id).send())
                .await?;
            let on = |s: Option<&str>| s == Some("ENABLED");
            // DataSources is deprecated in favour of Features, but AWS still fills it and
            // it is what Prowler reads for S3 protection.
            #[allow(deprecated)]
            let s3_logs = o.data_sources().and_then(|d| d.s3_logs());
            Ok(DetectorDetails {
                enabled: on(o.status().map(|s| s.as_str())),
                s3_protection: on(s3_logs.and_then(|s| s.status()).map(|s| s.as_str())),
                rds_protection: o.features().iter().any(|f| {
                    f.name().map(|n| n.as_str()) == Some("RDS_LOGIN_EVENTS")
                        && on(f.status().map(|s| s.as_str()))
                }),
                tags: o
                    .tags()
                    .map(|t| t.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                    .unwrap_or_default(),
            })
        })
    }))
    .await;
    for (d, got) in list.iter_mut().zip(details) {
        d.details = got;
    }
    Ok(list)
}
