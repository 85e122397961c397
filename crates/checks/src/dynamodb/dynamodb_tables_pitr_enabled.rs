//! # dynamodb_tables_pitr_enabled
//!
//! ## Description
//!
//! Checks that each DynamoDB table has point-in-time recovery enabled.
//!
//! The status comes from DescribeContinuousBackups.
//!
//! ## Risk
//!
//! Without point-in-time recovery, a bad write, a buggy deployment or a malicious
//! delete cannot be rolled back to the second before it happened.
//!
//! ## Remediation
//!
//! Enable point-in-time recovery on the table (35 days of continuous backups by default).
//!
//! `aws dynamodb update-continuous-backups --table-name <table>
//! --point-in-time-recovery-specification PointInTimeRecoveryEnabled=true`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html

use kestrel_model::{Finding, Severity, Status};

use crate::dynamodb::each_table;
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "dynamodb_tables_pitr_enabled",
        title: "DynamoDB table has point-in-time recovery (PITR) enabled",
        service: "dynamodb",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsDynamoDbTable",
        categories: &["resilience"],
        check_type: &[
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Effects/Data Destruction",
        ],
        needs: &[
            kestrel_model::dynamodb::LIST_TABLES,
            kestrel_model::dynamodb::DESCRIBE_CONTINUOUS_BACKUPS,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    each_table(CHECK.meta.id, scan, emit, |region, t, emit| {
        let on = collected(&t.pitr, CHECK.meta.id, region, &t.name, &t.arn, emit)?;
        Some(if *on {
            (
                Status::Pass,
                format!(
                    "DynamoDB table {} has point-in-time recovery enabled.",
                    t.name
                ),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "DynamoDB table {} does not have point-in-time recovery enabled.",
                    t.name
                ),
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
        let f = run(
            &CHECK,
            &snap(vec![
                table("on", TableDetails::default(), true),
                table("off", TableDetails::default(), false),
            ]),
        );
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert_eq!(
            f[1].status_extended,
            "DynamoDB table off does not have point-in-time recovery enabled."
        );
    }

    #[test]
    fn errors_when_unreadable() {
        let mut t = table("t", TableDetails::default(), false);
        t.pitr = Fetched::Error(ApiError::new(
            "dynamodb:DescribeContinuousBackups",
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
