//! # cloudwatch_log_metric_filter_disable_or_scheduled_deletion_of_kms_cmk
//!
//! ## Description
//!
//! Checks that a CloudWatch Logs metric filter on a CloudTrail log group matches KMS
//! DisableKey and ScheduleKeyDeletion events, and that an alarm watches its metric.
//!
//! CIS 5.7. The filter pattern must contain every clause of the pattern under Remediation,
//! in any order. One finding for the account, as in Prowler: see the [`crate::cloudwatch`]
//! module docs.
//!
//! ## Risk
//!
//! A key disabled or scheduled for deletion unnoticed can make encrypted data permanently
//! unrecoverable once the deletion window passes.
//!
//! ## Remediation
//!
//! Send CloudTrail to CloudWatch Logs, create a metric filter on its log group for customer
//! managed KMS keys being disabled or scheduled for deletion (pattern {($.eventSource =
//! kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }),
//! and a CloudWatch alarm on the filter's metric that notifies responders.
//!
//! With the CLI: `aws logs put-metric-filter` on the trail's log group with that pattern,
//! then `aws cloudwatch put-metric-alarm` on the filter's metric with an SNS topic as its
//! alarm action.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html
//! - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/MonitoringPolicyExamples.html

use kestrel_model::{Finding, Severity};

use crate::cloudwatch::{run_metric_filter_check, Clause, METRIC_FILTER_NEEDS};
use crate::{Check, CheckMeta, Scan};

/// The clauses Prowler's pattern requires, in any order.
const CLAUSES: &[Clause] = &[
    Clause::Source("kms.amazonaws.com"),
    Clause::Event("DisableKey"),
    Clause::Event("ScheduleKeyDeletion"),
];

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudwatch_log_metric_filter_disable_or_scheduled_deletion_of_kms_cmk",
        title: "Account has a CloudWatch log metric filter and alarm for disabling or scheduled deletion of customer-managed KMS keys",
        service: "cloudwatch",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsCloudWatchAlarm",
        categories: &["logging"],
        check_type: &["Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark"],
        needs: METRIC_FILTER_NEEDS,
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_metric_filter_check(scan, emit, CHECK.meta.id, CLAUSES);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloudwatch::testdata::snapshot_with;
    use crate::testkit::{run, statuses};
    use kestrel_model::Status;

    /// The filter pattern CIS recommends.
    const CIS: &str = "{($.eventSource = kms.amazonaws.com) && (($.eventName=DisableKey)||($.eventName=ScheduleKeyDeletion)) }";

    #[test]
    fn pass_with_the_cis_filter_and_an_alarm() {
        assert_eq!(
            statuses(&run(&CHECK, &snapshot_with(CIS, true))),
            [Status::Pass]
        );
    }

    #[test]
    fn fail_without_an_alarm() {
        let f = run(&CHECK, &snapshot_with(CIS, false));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert!(f[0].status_extended.ends_with("but no alarms associated."));
    }

    #[test]
    fn fail_when_the_filter_misses_a_clause() {
        let partial = CIS.replace("ScheduleKeyDeletion", "Other");
        let f = run(&CHECK, &snapshot_with(&partial, true));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].resource_id, "123456789012");
    }
}
