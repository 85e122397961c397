//! IAM Access Analyzer (regional): analyzers.

use kestrel_model::accessanalyzer::{AccessAnalyzer, Analyzer, LIST_ANALYZERS};

use crate::collection::Collection;
use crate::services::Service;

crate::sdk_client!(aws_sdk_accessanalyzer, "ACCESSANALYZER", "accessanalyzer");

pub const SERVICE: Service = Service {
    label: "accessanalyzer",
    actions: &[LIST_ANALYZERS],
    collect: crate::regional!(collect => accessanalyzer),
    after: None,
};

async fn collect(ctx: &Collection, region: &str) -> AccessAnalyzer {
    let c: aws_sdk_accessanalyzer::Client = ctx.clients.get(region);
    let analyzers = ctx
        .list(
            LIST_ANALYZERS,
            |t| c.list_analyzers().set_next_token(t).send(),
            |p| p.next_token(),
            |p| {
                p.analyzers()
                    .iter()
                    .map(|a| Analyzer {
                        name: a.name().to_string(),
                        arn: a.arn().to_string(),
                        status: a.status().as_str().to_string(),
                        analyzer_type: a.r#type().as_str().to_string(),
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await;
    AccessAnalyzer {
        analyzers: analyzers.into(),
    }
}
