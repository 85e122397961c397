//! # dynamodb_tables_kms_cmk_encryption_enabled
//!
//! ## Description
//!
//! Checks that each DynamoDB table is encrypted with a KMS key (AWS-managed
//! aws/dynamodb or customer-managed) rather than the default AWS-owned key.
//!
//! As in Prowler, SSEType KMS passes; the finding names the key id.
//!
//! ## Risk
//!
//! With the default AWS-owned key, access to the table's data cannot be audited or
//! revoked through a key policy, and CloudTrail shows no key usage.
//!
//! ## Remediation
//!
//! Switch the table to a KMS key, preferably customer-managed; the change is online.
//!
//! `aws dynamodb update-table --table-name <table> --sse-specification
//! Enabled=true,SSEType=KMS,KMSMasterKeyId=<key-arn>`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/EncryptionAtRest.html

use kestrel_model::{Finding, Severity, Status};

use crate::dynamodb::each_table;
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "dynamodb_tables_kms_cmk_encryption_enabled",
        title: "DynamoDB table is encrypted at rest with AWS KMS",
        service: "dynamodb",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsDynamoDbTable",
        categories: &["encryption"],
        check_type: &[
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
            "Software and Configuration Checks/AWS Security Best Practices",
        ],
        needs: &[
            kestrel_model::dynamodb::LIST_TABLES,
            kestrel_model::dynamodb::DESCRIBE_TABLE,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    each_table(CHECK.meta.id, scan, emit, |region, t, emit| {
        let d = collected(&t.details, CHECK.meta.id, region, &t.name, &t.arn, emit)?;
        Some(if d.sse_type.as_deref() == Some("KMS") {
            let arn = d.kms_key_arn.as_deref().unwrap_or_default();
            let key = arn.split('/').nth(1).unwrap_or(arn);
            (
                Status::Pass,
                format!(
                    "DynamoDB table {} has KMS encryption enabled with key {key}.",
                    t.name
                ),
            )
        } else {
            (
                Status::Fail,
                format!("DynamoDB table {} is using DEFAULT encryption.", t.name),
            )
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dynamodb::tests::table;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::dynamodb::{Table, TableDetails};
    use kestrel_model::{ApiError, Fetched, Snapshot};

    fn snap(tables: Vec<Table>) -> Snapshot {
        let mut s = snapshot();
        region(&mut s).dynamodb.tables = Fetched::Ok(tables);
        s
    }

    #[test]
    fn pass_and_fail() {
        let kms = TableDetails {
            sse_type: Some("KMS".into()),
            kms_key_arn: Some("arn:aws:kms:us-east-1:123456789012:key/k-1".into()),
            ..Default::default()
        };
        let f = run(
            &CHECK,
            &snap(vec![
                table("cmk", kms, false),
                table("default", TableDetails::default(), false),
            ]),
        );
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "DynamoDB table cmk has KMS encryption enabled with key k-1."
        );
        assert_eq!(
            f[1].status_extended,
            "DynamoDB table default is using DEFAULT encryption."
        );
    }

    #[test]
    fn errors_when_unreadable() {
        let mut t = table("t", TableDetails::default(), false);
        t.details = Fetched::Error(ApiError::new(
            "dynamodb:DescribeTable",
            "AccessDeniedException",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &snap(vec![t]))), [Status::Error]);
        let mut s = snapshot();
        region(&mut s).dynamodb.tables = Fetched::Error(ApiError::new(
            "dynamodb:ListTables",
            "AccessDeniedException",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
