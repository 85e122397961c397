//! # config_recorder_all_regions_enabled
//!
//! ## Description
//!
//! Checks that each region has an AWS Config configuration recorder that is recording and
//! not in a failure state.
//!
//! CIS 4.3. Each recorder is one finding, and a recorder whose last delivery failed counts
//! as in a failure state; a region without any recorder gets one FAIL.
//!
//! ## Risk
//!
//! Without AWS Config in a region, resource changes there are not recorded, so
//! misconfigurations and unauthorized changes go unnoticed and cannot be investigated.
//!
//! ## Remediation
//!
//! Create and start a configuration recorder with a delivery channel in every region,
//! recording all supported resource types, and resolve delivery failures.
//!
//! The console's one-click setup does all of it; with the CLI, `aws configservice
//! put-configuration-recorder`, `put-delivery-channel` and `start-configuration-recorder`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/config/latest/developerguide/gs-console.html
//! - https://docs.aws.amazon.com/config/latest/developerguide/stop-start-recorder.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::{arn, collected};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "config_recorder_all_regions_enabled",
        title: "AWS Config recorder is enabled and not in failure state or disabled",
        service: "config",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "Other",
        categories: &["logging", "forensics-ready"],
        check_type: &["Logging and Monitoring"],
        needs: &[
            kestrel_model::config::DESCRIBE_CONFIGURATION_RECORDERS,
            kestrel_model::config::DESCRIBE_CONFIGURATION_RECORDER_STATUS,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let account = scan.account_id();
    for (region, r) in scan.regions() {
        // Recorders have no ARN; Prowler reports this one.
        let resource_arn = arn(scan.partition(), "config", region, account, "recorder");
        let Some(recorders) = collected(
            &r.config.recorders,
            id,
            region,
            account,
            &resource_arn,
            emit,
        ) else {
            continue;
        };
        if recorders.is_empty() {
            emit(Finding::new(
                id,
                Status::Fail,
                region,
                account,
                &resource_arn,
                "No AWS Config recorders in region.",
            ));
            continue;
        }
        for rec in recorders {
            let failed = rec
                .last_status
                .as_deref()
                .is_some_and(|s| s.eq_ignore_ascii_case("failure"));
            let (status, text) = if !rec.recording {
                (
                    Status::Fail,
                    format!("AWS Config recorder {} is disabled.", rec.name),
                )
            } else if failed {
                (
                    Status::Fail,
                    format!("AWS Config recorder {} in failure state.", rec.name),
                )
            } else {
                (
                    Status::Pass,
                    format!("AWS Config recorder {} is enabled.", rec.name),
                )
            };
            let resource_id = if rec.name.is_empty() {
                account
            } else {
                &rec.name
            };
            emit(Finding::new(
                id,
                status,
                region,
                resource_id,
                &resource_arn,
                text,
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses, ACCOUNT};
    use kestrel_model::{config::ConfigRecorder, ApiError, Fetched};

    fn recorder(recording: bool, last: Option<&str>) -> ConfigRecorder {
        ConfigRecorder {
            name: "default".into(),
            all_supported: true,
            include_global_resource_types: true,
            recording,
            last_status: last.map(String::from),
        }
    }

    fn check(recorders: Vec<ConfigRecorder>) -> Vec<Finding> {
        let mut s = snapshot();
        region(&mut s).config.recorders = Fetched::Ok(recorders);
        run(&CHECK, &s)
    }

    #[test]
    fn pass_when_recording() {
        let f = check(vec![recorder(true, Some("SUCCESS"))]);
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(f[0].resource_id, "default");
        assert_eq!(
            f[0].resource_arn,
            "arn:aws:config:us-east-1:123456789012:recorder"
        );
    }

    #[test]
    fn fail_when_stopped_failing_or_missing() {
        let f = check(vec![recorder(false, None)]);
        assert_eq!(
            f[0].status_extended,
            "AWS Config recorder default is disabled."
        );
        let f = check(vec![recorder(true, Some("Failure"))]);
        assert_eq!(
            f[0].status_extended,
            "AWS Config recorder default in failure state."
        );
        let f = check(vec![]);
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].resource_id, ACCOUNT);
    }

    #[test]
    fn error_when_denied() {
        let mut s = snapshot();
        region(&mut s).config.recorders = Fetched::Error(ApiError::new(
            "config:DescribeConfigurationRecorderStatus",
            "AccessDeniedException",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
