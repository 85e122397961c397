//! # sns_topics_kms_encryption_at_rest_enabled
//!
//! ## Description
//!
//! Checks that each SNS topic encrypts its messages at rest with a KMS key.
//!
//! Any key counts, AWS-managed (alias/aws/sns) or customer-managed, as in Prowler. The
//! key comes from the same GetTopicAttributes answer as the topic policy.
//!
//! ## Risk
//!
//! Messages of an unencrypted topic are stored in plaintext until delivered; they often
//! carry notifications with account, customer or alert details.
//!
//! ## Remediation
//!
//! Turn on server-side encryption for the topic with a KMS key, preferably a
//! customer-managed one whose key policy lets the publishing services use it.
//!
//! `aws sns set-topic-attributes --topic-arn <topic-arn> --attribute-name KmsMasterKeyId
//! --attribute-value <key-id-or-alias>`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/sns/latest/dg/sns-server-side-encryption.html
//! - https://docs.aws.amazon.com/sns/latest/dg/sns-enable-encryption-for-topic.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "sns_topics_kms_encryption_at_rest_enabled",
        title: "SNS topic is encrypted at rest with KMS",
        service: "sns",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsSnsTopic",
        categories: &["encryption"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/NIST 800-53 Controls (USA)",
            "Software and Configuration Checks/Industry and Regulatory Standards/NIST CSF Controls (USA)",
            "Software and Configuration Checks/Industry and Regulatory Standards/PCI-DSS",
            "Software and Configuration Checks/Industry and Regulatory Standards/ISO 27001 Controls",
        ],
        needs: &[kestrel_model::sns::LIST_TOPICS, kestrel_model::sns::GET_TOPIC_ATTRIBUTES],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(topics) = collected(&r.sns.topics, id, region, scan.account_id(), "", emit) else {
            continue;
        };
        for t in topics {
            let Some(attrs) = collected(&t.attributes, id, region, &t.name, &t.arn, emit) else {
                continue;
            };
            let encrypted = attrs.get("KmsMasterKeyId").is_some_and(|k| !k.is_empty());
            let (status, text) = if encrypted {
                (Status::Pass, format!("SNS topic {} is encrypted.", t.name))
            } else {
                (
                    Status::Fail,
                    format!("SNS topic {} is not encrypted.", t.name),
                )
            };
            emit(Finding::new(id, status, region, &t.name, &t.arn, text).with_tags(&t.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ApiError, Fetched, ResourceWithPolicy};

    fn topic(name: &str, key: Option<&str>) -> ResourceWithPolicy {
        ResourceWithPolicy {
            name: name.into(),
            arn: format!("arn:aws:sns:us-east-1:123456789012:{name}"),
            attributes: Fetched::Ok(
                key.map(|k| ("KmsMasterKeyId".to_string(), k.to_string()))
                    .into_iter()
                    .collect(),
            ),
            ..Default::default()
        }
    }

    #[test]
    fn pass_with_any_key_fail_without() {
        let mut s = snapshot();
        region(&mut s).sns.topics = Fetched::Ok(vec![
            topic("cmk", Some("arn:aws:kms:us-east-1:123456789012:key/k1")),
            topic("aws-managed", Some("alias/aws/sns")),
            topic("plain", None),
            topic("blank", Some("")),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(
            statuses(&f),
            [Status::Pass, Status::Pass, Status::Fail, Status::Fail]
        );
        assert_eq!(f[2].status_extended, "SNS topic plain is not encrypted.");
    }

    #[test]
    fn error_when_attributes_unreadable() {
        let mut s = snapshot();
        let mut t = topic("t", None);
        t.attributes = Fetched::Error(ApiError::new(
            "sns:GetTopicAttributes",
            "AuthorizationError",
            "",
        ));
        region(&mut s).sns.topics = Fetched::Ok(vec![t]);
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
