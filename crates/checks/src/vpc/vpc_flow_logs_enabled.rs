//! # vpc_flow_logs_enabled
//!
//! ## Description
//!
//! Checks that each VPC with network interfaces has VPC Flow Logs enabled.
//!
//! CIS 4.7. VPCs without network interfaces are reported only when unused services are
//! scanned, as in Prowler. Any flow log attached to the VPC counts, whatever traffic type
//! it captures.
//!
//! ## Risk
//!
//! Without flow logs there is no record of accepted or rejected traffic, which hides
//! reconnaissance, lateral movement and data exfiltration and hampers incident response.
//!
//! ## Remediation
//!
//! Create a flow log for each VPC (at least REJECT traffic, ideally ALL) delivered to
//! CloudWatch Logs or S3, and monitor it.
//!
//! `aws ec2 create-flow-logs --resource-type VPC --resource-ids <vpc-id> --traffic-type ALL
//! --log-destination-type s3 --log-destination <bucket-arn>`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/vpc/latest/userguide/working-with-flow-logs.html
//! - https://docs.aws.amazon.com/vpc/latest/userguide/flow-logs.html

use kestrel_model::{Finding, Severity, Status};

use crate::ec2::name_tag;
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "vpc_flow_logs_enabled",
        title: "VPC flow logs are enabled",
        service: "vpc",
        subservice: "flowlog",
        severity: Severity::Medium,
        resource_type: "AwsEc2Vpc",
        categories: &["logging", "forensics-ready"],
        check_type: &["Logging and Monitoring"],
        needs: &[
            kestrel_model::ec2::DESCRIBE_VPCS,
            kestrel_model::ec2::DESCRIBE_FLOW_LOGS,
            kestrel_model::ec2::DESCRIBE_NETWORK_INTERFACES,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let account = scan.account_id();
    for (region, r) in scan.regions() {
        let Some(vpcs) = collected(&r.ec2.vpcs, id, region, account, "", emit) else {
            continue;
        };
        if vpcs.is_empty() {
            continue;
        }
        let enis = if scan.settings.scan_unused_services {
            None
        } else {
            let Some(enis) = collected(&r.ec2.network_interfaces, id, region, account, "", emit)
            else {
                continue;
            };
            Some(enis)
        };
        let in_scope: Vec<_> = vpcs
            .iter()
            .filter(|v| {
                enis.is_none_or(|enis| enis.iter().any(|e| e.vpc_id.as_deref() == Some(&v.id)))
            })
            .collect();
        if in_scope.is_empty() {
            continue;
        }
        let Some(flow_logs) = collected(&r.ec2.flow_logs, id, region, account, "", emit) else {
            continue;
        };
        for vpc in in_scope {
            let name = name_tag(&vpc.tags).unwrap_or(&vpc.id);
            let (status, text) = if flow_logs.iter().any(|f| f.resource_id == vpc.id) {
                (Status::Pass, format!("VPC {name} Flow logs are enabled."))
            } else {
                (Status::Fail, format!("VPC {name} Flow logs are disabled."))
            };
            emit(Finding::new(id, status, region, &vpc.id, &vpc.arn, text).with_tags(&vpc.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, run_with, snapshot, statuses};
    use crate::Settings;
    use kestrel_model::{
        ec2::FlowLog, ec2::NetworkInterface, ec2::Vpc, ApiError, Fetched, Snapshot,
    };

    fn snap(flow_log_on: &str, eni_in: Option<&str>) -> Snapshot {
        let mut s = snapshot();
        let r = region(&mut s);
        r.ec2.vpcs = Fetched::Ok(vec![Vpc {
            id: "vpc-1".into(),
            arn: "arn:aws:ec2:us-east-1:123456789012:vpc/vpc-1".into(),
            tags: [("Name".to_string(), "prod".to_string())].into(),
            ..Default::default()
        }]);
        r.ec2.flow_logs = Fetched::Ok(vec![FlowLog {
            id: "fl-1".into(),
            resource_id: flow_log_on.into(),
            status: "ACTIVE".into(),
        }]);
        r.ec2.network_interfaces = Fetched::Ok(
            eni_in
                .map(|v| NetworkInterface {
                    id: "eni-1".into(),
                    vpc_id: Some(v.into()),
                    ..Default::default()
                })
                .into_iter()
                .collect(),
        );
        s
    }

    #[test]
    fn pass_with_flow_log() {
        let f = run(&CHECK, &snap("vpc-1", Some("vpc-1")));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(f[0].status_extended, "VPC prod Flow logs are enabled.");
    }

    #[test]
    fn fail_when_flow_log_is_on_another_resource() {
        assert_eq!(
            statuses(&run(&CHECK, &snap("subnet-1", Some("vpc-1")))),
            [Status::Fail]
        );
    }

    #[test]
    fn unused_vpcs_only_with_scan_unused_services() {
        let s = snap("subnet-1", Some("vpc-2"));
        assert!(run(&CHECK, &s).is_empty());
        let settings = Settings {
            scan_unused_services: true,
            ..Default::default()
        };
        assert_eq!(statuses(&run_with(&CHECK, &s, &settings)), [Status::Fail]);
    }

    #[test]
    fn error_when_flow_logs_denied() {
        let mut s = snap("vpc-1", Some("vpc-1"));
        region(&mut s).ec2.flow_logs = Fetched::Error(ApiError::new(
            "ec2:DescribeFlowLogs",
            "UnauthorizedOperation",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
