//! # cloudwatch_log_metric_filter_aws_organizations_changes
//!
//! ## Description
//!
//! Checks that a CloudWatch Logs metric filter on a CloudTrail log group matches AWS
//! Organizations changes (accounts, organizational units, policies, handshakes), and that
//! an alarm watches its metric.
//!
//! CIS 5.15. The filter pattern must contain every clause of the pattern under Remediation,
//! in any order. One finding for the account, as in Prowler: see the [`crate::cloudwatch`]
//! module docs. The list of events is Prowler's, three longer than the CIS benchmark's own
//! pattern (`CancelHandshake`, `CreateOrganization`, `EnableAllFeatures`): a filter with
//! exactly the CIS pattern fails here, as in Prowler.
//!
//! ## Risk
//!
//! Unmonitored Organizations changes let an attacker or mistake detach SCPs, move or remove
//! accounts and weaken governance across every account.
//!
//! ## Remediation
//!
//! Send CloudTrail to CloudWatch Logs, create a metric filter on its log group for AWS
//! Organizations changes (pattern { ($.eventSource = organizations.amazonaws.com) &&
//! (($.eventName = "AcceptHandshake") || ($.eventName = "AttachPolicy") || ($.eventName =
//! "CancelHandshake") || ($.eventName = "CreateAccount") || ($.eventName =
//! "CreateOrganization") || ($.eventName = "CreateOrganizationalUnit") || ($.eventName =
//! "CreatePolicy") || ($.eventName = "DeclineHandshake") || ($.eventName =
//! "DeleteOrganization") || ($.eventName = "DeleteOrganizationalUnit") || ($.eventName =
//! "DeletePolicy") || ($.eventName = "EnableAllFeatures") || ($.eventName =
//! "EnablePolicyType") || ($.eventName = "InviteAccountToOrganization") || ($.eventName =
//! "LeaveOrganization") || ($.eventName = "DetachPolicy") || ($.eventName =
//! "DisablePolicyType") || ($.eventName = "MoveAccount") || ($.eventName =
//! "RemoveAccountFromOrganization") || ($.eventName = "UpdateOrganizationalUnit") ||
//! ($.eventName = "UpdatePolicy")) }), and a CloudWatch alarm on the filter's metric that
//! notifies responders.
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
    Clause::Source("organizations.amazonaws.com"),
    Clause::Event("AcceptHandshake"),
    Clause::Event("AttachPolicy"),
    Clause::Event("CancelHandshake"),
    Clause::Event("CreateAccount"),
    Clause::Event("CreateOrganization"),
    Clause::Event("CreateOrganizationalUnit"),
    Clause::Event("CreatePolicy"),
    Clause::Event("DeclineHandshake"),
    Clause::Event("DeleteOrganization"),
    Clause::Event("DeleteOrganizationalUnit"),
    Clause::Event("DeletePolicy"),
    Clause::Event("EnableAllFeatures"),
    Clause::Event("EnablePolicyType"),
    Clause::Event("InviteAccountToOrganization"),
    Clause::Event("LeaveOrganization"),
    Clause::Event("DetachPolicy"),
    Clause::Event("DisablePolicyType"),
    Clause::Event("MoveAccount"),
    Clause::Event("RemoveAccountFromOrganization"),
    Clause::Event("UpdateOrganizationalUnit"),
    Clause::Event("UpdatePolicy"),
];

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudwatch_log_metric_filter_aws_organizations_changes",
        title: "CloudWatch Logs metric filter and alarm exist for AWS Organizations changes",
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
    const CIS: &str = "{ ($.eventSource = organizations.amazonaws.com) && (($.eventName = \"AcceptHandshake\") || ($.eventName = \"AttachPolicy\") || ($.eventName = \"CancelHandshake\") || ($.eventName = \"CreateAccount\") || ($.eventName = \"CreateOrganization\") || ($.eventName = \"CreateOrganizationalUnit\") || ($.eventName = \"CreatePolicy\") || ($.eventName = \"DeclineHandshake\") || ($.eventName = \"DeleteOrganization\") || ($.eventName = \"DeleteOrganizationalUnit\") || ($.eventName = \"DeletePolicy\") || ($.eventName = \"EnableAllFeatures\") || ($.eventName = \"EnablePolicyType\") || ($.eventName = \"InviteAccountToOrganization\") || ($.eventName = \"LeaveOrganization\") || ($.eventName = \"DetachPolicy\") || ($.eventName = \"DisablePolicyType\") || ($.eventName = \"MoveAccount\") || ($.eventName = \"RemoveAccountFromOrganization\") || ($.eventName = \"UpdateOrganizationalUnit\") || ($.eventName = \"UpdatePolicy\")) }";

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
        let partial = CIS.replace("RemoveAccountFromOrganization", "Other");
        let f = run(&CHECK, &snapshot_with(&partial, true));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].resource_id, "123456789012");
    }
}
