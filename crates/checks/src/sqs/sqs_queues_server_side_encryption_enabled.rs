//! # sqs_queues_server_side_encryption_enabled
//!
//! ## Description
//!
//! Checks that each SQS queue encrypts its messages at rest, with a KMS key (SSE-KMS) or
//! with keys that SQS manages (SSE-SQS).
//!
//! Both kinds pass, as in Prowler; the queue's attributes come from one
//! GetQueueAttributes call, shared with the queue-policy check.
//!
//! ## Risk
//!
//! Messages of an unencrypted queue sit in plaintext on SQS storage for up to the
//! retention period, often with payloads other systems consider confidential.
//!
//! ## Remediation
//!
//! Enable server-side encryption on the queue: SSE-SQS needs no key management; SSE-KMS
//! with a customer-managed key adds control over who may decrypt.
//!
//! `aws sqs set-queue-attributes --queue-url <url> --attributes SqsManagedSseEnabled=true`
//! or `--attributes KmsMasterKeyId=<key-id-or-alias>`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-server-side-encryption.html
//! - https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-configure-sse-existing-queue.html

use kestrel_model::{Finding, Severity, Status};

use crate::sqs::queue_url;
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "sqs_queues_server_side_encryption_enabled",
        title: "SQS queue has server-side encryption enabled",
        service: "sqs",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsSqsQueue",
        categories: &["encryption"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Effects/Data Exposure",
        ],
        needs: &[kestrel_model::sqs::LIST_QUEUES, kestrel_model::sqs::GET_QUEUE_ATTRIBUTES],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(queues) = collected(&r.sqs.queues, id, region, scan.account_id(), "", emit) else {
            continue;
        };
        for q in queues {
            let url = queue_url(&q.arn).unwrap_or_else(|| q.name.clone());
            let Some(attrs) = collected(&q.attributes, id, region, &url, &q.arn, emit) else {
                continue;
            };
            let kms = attrs.get("KmsMasterKeyId").is_some_and(|k| !k.is_empty());
            let sqs_managed = attrs.get("SqsManagedSseEnabled").map(String::as_str) == Some("true");
            let (status, text) = if kms || sqs_managed {
                (
                    Status::Pass,
                    format!("SQS queue {url} is using Server Side Encryption."),
                )
            } else {
                (
                    Status::Fail,
                    format!("SQS queue {url} is not using Server Side Encryption."),
                )
            };
            emit(Finding::new(id, status, region, &url, &q.arn, text).with_tags(&q.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ApiError, Fetched, ResourceWithPolicy};

    fn queue(name: &str, attrs: &[(&str, &str)]) -> ResourceWithPolicy {
        ResourceWithPolicy {
            name: name.into(),
            arn: format!("arn:aws:sqs:us-east-1:123456789012:{name}"),
            attributes: Fetched::Ok(
                attrs
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
            ),
            ..Default::default()
        }
    }

    #[test]
    fn kms_or_sqs_managed_pass() {
        let mut s = snapshot();
        region(&mut s).sqs.queues = Fetched::Ok(vec![
            queue("kms", &[("KmsMasterKeyId", "alias/aws/sqs")]),
            queue("managed", &[("SqsManagedSseEnabled", "true")]),
            queue("off", &[("SqsManagedSseEnabled", "false")]),
            queue("none", &[]),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(
            statuses(&f),
            [Status::Pass, Status::Pass, Status::Fail, Status::Fail]
        );
        assert_eq!(
            f[3].status_extended,
            "SQS queue https://sqs.us-east-1.amazonaws.com/123456789012/none is not using Server Side Encryption."
        );
        assert_eq!(
            f[3].resource_id,
            "https://sqs.us-east-1.amazonaws.com/123456789012/none"
        );
    }

    #[test]
    fn error_when_attributes_unreadable() {
        let mut s = snapshot();
        let mut q = queue("q", &[]);
        q.attributes = Fetched::Error(ApiError::new("sqs:GetQueueAttributes", "AccessDenied", ""));
        region(&mut s).sqs.queues = Fetched::Ok(vec![q]);
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
