//! AWS Certificate Manager (regional): every certificate, of every key type.

use aws_sdk_acm::types::{Filters, KeyAlgorithm};
use kestrel_model::acm::{Acm, Certificate, LIST_CERTIFICATES};

use crate::collection::Collection;
use crate::services::Service;

crate::sdk_client!(aws_sdk_acm, "ACM", "acm");

pub const SERVICE: Service = Service {
    label: "acm",
    actions: &[LIST_CERTIFICATES],
    collect: crate::regional!(collect => acm),
    after: None,
};

async fn collect(ctx: &Collection, region: &str) -> Acm {
    let c: aws_sdk_acm::Client = ctx.clients.get(region);
    // Without a key-type filter ListCertificates returns RSA 1024/2048 certificates
    // only: ask for every key type the API knows.
    let every_type = Filters::builder()
        .set_key_types(Some(
            KeyAlgorithm::values()
                .iter()
                .map(|v| KeyAlgorithm::from(*v))
                .collect(),
        ))
        .build();
    let certificates = ctx
        .list(
            LIST_CERTIFICATES,
            |t| {
                c.list_certificates()
                    .includes(every_type.clone())
                    .set_next_token(t)
                    .send()
            },
            |p| p.next_token(),
            |p| {
                p.certificate_summary_list()
                    .iter()
                    .map(|s| Certificate {
                        arn: s.certificate_arn().unwrap_or_default().to_string(),
                        domain_name: s.domain_name().unwrap_or_default().to_string(),
                        cert_type: s
                            .r#type()
                            .map(|t| t.as_str().to_string())
                            .unwrap_or_default(),
                        key_algorithm: s
                            .key_algorithm()
                            .map(|k| k.as_str().to_string())
                            .unwrap_or_default(),
                        in_use: s.in_use().unwrap_or(false),
                        not_after: s.not_after().map(|t| t.to_string()),
                        ..Default::default()
                    })
                    .collect::<Vec<_>>()
            },
        )
        .await;
    Acm {
        certificates: certificates.into(),
    }
}
