//! # cloudwatch_log_group_kms_encryption_enabled
//!
//! ## Description
//!
//! Checks that each CloudWatch Logs log group is encrypted with a KMS key of the
//! account's choosing.
//!
//! Log groups without a key are still encrypted by CloudWatch Logs with keys it owns;
//! like Prowler, this check asks for a KMS key that the account controls.
//!
//! ## Risk
//!
//! Without a KMS key, access to the log data cannot be cut off or audited through the
//! key policy, and logs often hold request details, tokens or personal data.
//!
//! ## Remediation
//!
//! Associate a customer-managed KMS key with the log group; the key policy must allow
//! the CloudWatch Logs service principal of the region to use it.
//!
//! `aws logs associate-kms-key --log-group-name <group> --kms-key-id <key-arn>`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/encrypt-log-data-kms.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudwatch_log_group_kms_encryption_enabled",
        title: "CloudWatch log group is encrypted with an AWS KMS key",
        service: "cloudwatch",
        subservice: "logs",
        severity: Severity::Medium,
        resource_type: "Other",
        categories: &["encryption"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Effects/Data Exposure",
        ],
        needs: &[kestrel_model::logs::DESCRIBE_LOG_GROUPS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(groups) = collected(&r.logs.log_groups, id, region, scan.account_id(), "", emit)
        else {
            continue;
        };
        for g in groups {
            let (status, text) = match g.kms_key_id.as_deref().filter(|k| !k.is_empty()) {
                Some(key) => (
                    Status::Pass,
                    format!(
                        "Log Group {} does have AWS KMS key {key} associated.",
                        g.name
                    ),
                ),
                None => (
                    Status::Fail,
                    format!(
                        "Log Group {} does not have AWS KMS keys associated.",
                        g.name
                    ),
                ),
            };
            emit(Finding::new(id, status, region, &g.name, &g.arn, text));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{logs::LogGroup, ApiError, Fetched};

    #[test]
    fn pass_with_key_fail_without() {
        let mut s = snapshot();
        region(&mut s).logs.log_groups = Fetched::Ok(vec![
            LogGroup {
                name: "app".into(),
                arn: "arn:aws:logs:us-east-1:123456789012:log-group:app:*".into(),
                kms_key_id: Some("arn:aws:kms:us-east-1:123456789012:key/k1".into()),
                ..Default::default()
            },
            LogGroup {
                name: "plain".into(),
                arn: "arn:aws:logs:us-east-1:123456789012:log-group:plain:*".into(),
                ..Default::default()
            },
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "Log Group app does have AWS KMS key arn:aws:kms:us-east-1:123456789012:key/k1 associated."
        );
        assert_eq!(f[1].resource_id, "plain");
    }

    #[test]
    fn error_when_groups_cannot_be_listed() {
        let mut s = snapshot();
        region(&mut s).logs.log_groups = Fetched::Error(ApiError::new(
            "logs:DescribeLogGroups",
            "AccessDeniedException",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
