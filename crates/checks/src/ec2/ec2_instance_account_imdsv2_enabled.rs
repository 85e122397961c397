//! # ec2_instance_account_imdsv2_enabled
//!
//! ## Description
//!
//! Checks that each region with EC2 instances requires IMDSv2 (session tokens) by
//! default for newly launched instances, through the account-level instance metadata
//! defaults.
//!
//! CIS 2.0 (5.6). Regions without instances are reported only when unused services are
//! scanned, as in Prowler; any listed instance counts, whatever its state. A region
//! whose defaults could not be read is ERROR (Prowler leaves it out).
//!
//! ## Risk
//!
//! Instances launched without an explicit metadata setting accept IMDSv1, whose
//! unauthenticated requests let a server-side request forgery in any application on
//! the instance read its role's temporary credentials.
//!
//! ## Remediation
//!
//! Set the account's instance metadata defaults to require tokens in every region, then
//! move existing instances to IMDSv2 one by one.
//!
//! `aws ec2 modify-instance-metadata-defaults --http-tokens required --region <region>`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-options.html
//! - https://docs.aws.amazon.com/AWSEC2/latest/APIReference/API_ModifyInstanceMetadataDefaults.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::{arn, collected};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2_instance_account_imdsv2_enabled",
        title: "IMDSv2 is required by default for EC2 instances at the account level",
        service: "ec2",
        subservice: "instance",
        severity: Severity::High,
        resource_type: "AwsEc2Instance",
        categories: &["secrets", "ec2-imdsv1"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices"],
        needs: &[
            kestrel_model::ec2::GET_INSTANCE_METADATA_DEFAULTS,
            kestrel_model::ec2::DESCRIBE_INSTANCES,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let account = scan.account_id();
    for (region, r) in scan.regions() {
        let resource_arn = arn(scan.partition(), "ec2", region, account, "account");
        if !scan.settings.scan_unused_services {
            let Some(instances) =
                collected(&r.ec2.instances, id, region, account, &resource_arn, emit)
            else {
                continue;
            };
            if instances.is_empty() {
                continue;
            }
        }
        let Some(tokens) = collected(
            &r.ec2.imds_default_http_tokens,
            id,
            region,
            account,
            &resource_arn,
            emit,
        ) else {
            continue;
        };
        let (status, text) = if tokens.as_deref() == Some("required") {
            (
                Status::Pass,
                "IMDSv2 is enabled by default for EC2 instances.",
            )
        } else {
            (
                Status::Fail,
                "IMDSv2 is not enabled by default for EC2 instances.",
            )
        };
        emit(Finding::new(
            id,
            status,
            region,
            account,
            &resource_arn,
            text,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, run_with, snapshot, statuses, ACCOUNT};
    use crate::Settings;
    use kestrel_model::{ec2::Instance, ApiError, Fetched, Snapshot};

    fn snap(tokens: Option<&str>, instances: usize) -> Snapshot {
        let mut s = snapshot();
        let r = region(&mut s);
        r.ec2.imds_default_http_tokens = Fetched::Ok(tokens.map(str::to_string));
        r.ec2.instances = Fetched::Ok(
            (0..instances)
                .map(|i| Instance {
                    id: format!("i-{i}"),
                    state: "terminated".into(),
                    ..Default::default()
                })
                .collect(),
        );
        s
    }

    #[test]
    fn pass_only_when_tokens_required() {
        let f = run(&CHECK, &snap(Some("required"), 1));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(f[0].resource_id, ACCOUNT);
        assert_eq!(
            f[0].resource_arn,
            "arn:aws:ec2:us-east-1:123456789012:account"
        );
        for other in [Some("optional"), Some("no-preference"), None] {
            assert_eq!(
                statuses(&run(&CHECK, &snap(other, 2))),
                [Status::Fail],
                "{other:?}"
            );
        }
    }

    #[test]
    fn regions_without_instances_only_with_scan_unused_services() {
        assert!(run(&CHECK, &snap(None, 0)).is_empty());
        let settings = Settings {
            scan_unused_services: true,
            ..Default::default()
        };
        assert_eq!(
            statuses(&run_with(&CHECK, &snap(None, 0), &settings)),
            [Status::Fail]
        );
    }

    #[test]
    fn error_when_defaults_or_instances_unreadable() {
        let mut s = snap(Some("required"), 1);
        region(&mut s).ec2.imds_default_http_tokens = Fetched::Error(ApiError::new(
            "ec2:GetInstanceMetadataDefaults",
            "UnauthorizedOperation",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
        let mut s = snap(Some("required"), 1);
        region(&mut s).ec2.instances = Fetched::Error(ApiError::new(
            "ec2:DescribeInstances",
            "UnauthorizedOperation",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
