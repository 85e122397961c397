//! # cloudwatch_changes_to_vpcs_alarm_configured
//!
//! ## Description
//!
//! Checks that a CloudWatch Logs metric filter on a CloudTrail log group matches VPC, VPC
//! peering and ClassicLink changes, and that an alarm watches its metric.
//!
//! CIS 5.14. The filter pattern must contain every clause of the pattern under Remediation,
//! in any order. One finding for the account, as in Prowler: see the [`crate::cloudwatch`]
//! module docs.
//!
//! ## Risk
//!
//! Unnoticed VPC or peering changes can expose private networks, enable lateral movement
//! between environments or disrupt connectivity.
//!
//! ## Remediation
//!
//! Send CloudTrail to CloudWatch Logs, create a metric filter on its log group for VPC
//! changes (pattern { ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) ||
//! ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) ||
//! ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection)
//! || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) ||
//! ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) ||
//! ($.eventName = EnableVpcClassicLink) }), and a CloudWatch alarm on the filter's metric
//! that notifies responders.
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
    Clause::Event("CreateVpc"),
    Clause::Event("DeleteVpc"),
    Clause::Event("ModifyVpcAttribute"),
    Clause::Event("AcceptVpcPeeringConnection"),
    Clause::Event("CreateVpcPeeringConnection"),
    Clause::Event("DeleteVpcPeeringConnection"),
    Clause::Event("RejectVpcPeeringConnection"),
    Clause::Event("AttachClassicLinkVpc"),
    Clause::Event("DetachClassicLinkVpc"),
    Clause::Event("DisableVpcClassicLink"),
    Clause::Event("EnableVpcClassicLink"),
];

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudwatch_changes_to_vpcs_alarm_configured",
        title: "AWS account has a CloudWatch Logs metric filter and alarm for VPC changes",
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
    const CIS: &str = "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) || ($.eventName = AcceptVpcPeeringConnection) || ($.eventName = CreateVpcPeeringConnection) || ($.eventName = DeleteVpcPeeringConnection) || ($.eventName = RejectVpcPeeringConnection) || ($.eventName = AttachClassicLinkVpc) || ($.eventName = DetachClassicLinkVpc) || ($.eventName = DisableVpcClassicLink) || ($.eventName = EnableVpcClassicLink) }";

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
        let partial = CIS.replace("EnableVpcClassicLink", "Other");
        let f = run(&CHECK, &snapshot_with(&partial, true));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].resource_id, "123456789012");
    }
}
