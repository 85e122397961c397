//! # cloudwatch_log_group_retention_policy_specific_days_enabled
//!
//! ## Description
//!
//! Checks that each CloudWatch Logs log group keeps its events for at least the
//! configured number of days, or never expires them.
//!
//! The minimum is the `log_group_retention_days` setting, Prowler's default 365.
//!
//! ## Risk
//!
//! Logs that expire early are missing when an incident is found months later, and
//! regulations that require a year of audit history are not met.
//!
//! ## Remediation
//!
//! Set the log group's retention to at least the required period (or leave it never
//! expiring, and manage cost by exporting to S3 with a lifecycle rule).
//!
//! `aws logs put-retention-policy --log-group-name <group> --retention-in-days 365`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention
//! - https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudwatch_log_group_retention_policy_specific_days_enabled",
        title: "CloudWatch log group has a retention policy of at least the configured minimum days or never expires",
        service: "cloudwatch",
        subservice: "logs",
        severity: Severity::Medium,
        resource_type: "AwsLogsLogGroup",
        categories: &["logging", "forensics-ready"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/NIST 800-53 Controls (USA)",
            "Software and Configuration Checks/Industry and Regulatory Standards/PCI-DSS",
            "Software and Configuration Checks/Industry and Regulatory Standards/SOC 2",
        ],
        needs: &[kestrel_model::logs::DESCRIBE_LOG_GROUPS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let min = scan.settings.log_group_retention_days;
    for (region, r) in scan.regions() {
        let Some(groups) = collected(&r.logs.log_groups, id, region, scan.account_id(), "", emit)
        else {
            continue;
        };
        for g in groups {
            // A missing or zero retention means the events never expire, as Prowler reads it.
            let (status, text) = match g.retention_in_days.filter(|d| *d != 0) {
                None => (
                    Status::Pass,
                    format!(
                        "Log Group {} comply with {min} days retention period since it never expires.",
                        g.name
                    ),
                ),
                Some(days) if i64::from(days) < min => (
                    Status::Fail,
                    format!(
                        "Log Group {} has less than {min} days retention period ({days} days).",
                        g.name
                    ),
                ),
                Some(days) => (
                    Status::Pass,
                    format!(
                        "Log Group {} comply with {min} days retention period since it has {days} days.",
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
    use crate::testkit::{region, run, run_with, snapshot, statuses};
    use crate::Settings;
    use kestrel_model::{logs::LogGroup, ApiError, Fetched, Snapshot};

    fn snap() -> Snapshot {
        let mut s = snapshot();
        let group = |name: &str, days: Option<i32>| LogGroup {
            name: name.into(),
            arn: format!("arn:aws:logs:us-east-1:123456789012:log-group:{name}:*"),
            retention_in_days: days,
            ..Default::default()
        };
        region(&mut s).logs.log_groups = Fetched::Ok(vec![
            group("forever", None),
            group("year", Some(365)),
            group("month", Some(30)),
        ]);
        s
    }

    #[test]
    fn default_minimum_is_a_year() {
        let f = run(&CHECK, &snap());
        assert_eq!(statuses(&f), [Status::Pass, Status::Pass, Status::Fail]);
        assert_eq!(
            f[2].status_extended,
            "Log Group month has less than 365 days retention period (30 days)."
        );
        assert!(f[0].status_extended.ends_with("since it never expires."));
    }

    #[test]
    fn minimum_is_a_setting() {
        let settings = Settings {
            log_group_retention_days: 7,
            ..Default::default()
        };
        let f = run_with(&CHECK, &snap(), &settings);
        assert_eq!(statuses(&f), [Status::Pass, Status::Pass, Status::Pass]);
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
