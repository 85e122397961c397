//! # dynamodb_table_deletion_protection_enabled
//!
//! ## Description
//!
//! Checks that each DynamoDB table has deletion protection enabled.
//!
//! Read from DescribeTable's DeletionProtectionEnabled.
//!
//! ## Risk
//!
//! Without deletion protection one DeleteTable call, by mistake or by an intruder,
//! destroys the table and its data.
//!
//! ## Remediation
//!
//! Enable deletion protection on the table; it must be turned off before the table can
//! be deleted.
//!
//! `aws dynamodb update-table --table-name <table> --deletion-protection-enabled`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/WorkingWithTables.Basics.html#WorkingWithTables.Basics.DeletionProtection

use kestrel_model::{Finding, Severity, Status};

use crate::dynamodb::each_table;
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "dynamodb_table_deletion_protection_enabled",
        title: "DynamoDB table has deletion protection enabled",
        service: "dynamodb",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsDynamoDbTable",
        categories: &["resilience"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Effects/Data Destruction",
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
        Some(if d.deletion_protection {
            (
                Status::Pass,
                format!("DynamoDB table {} has deletion protection enabled.", t.name),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "DynamoDB table {} does not have deletion protection enabled.",
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
        let on = TableDetails {
            deletion_protection: true,
            ..Default::default()
        };
        let f = run(
            &CHECK,
            &snap(vec![
                table("on", on, false),
                table("off", TableDetails::default(), false),
            ]),
        );
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "DynamoDB table on has deletion protection enabled."
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
