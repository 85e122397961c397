//! # guardduty_is_enabled
//!
//! ## Description
//!
//! Checks that GuardDuty has a detector in every scanned region and that the detector is
//! enabled, not suspended.
//!
//! As in Prowler: a region without a detector fails on `detector/unknown`. Prowler's
//! mute_non_default_regions setting (mute failures outside the default region) belongs
//! to the mutelist work and is not applied here.
//!
//! ## Risk
//!
//! Without GuardDuty, compromised credentials, crypto-mining, reconnaissance and
//! communication with known malicious hosts go undetected in that region.
//!
//! ## Remediation
//!
//! Enable GuardDuty in every region, ideally from a delegated administrator that
//! enables it automatically for every account of the organization.
//!
//! `aws guardduty create-detector --enable --region <region>`, or `aws guardduty
//! update-detector --detector-id <id> --enable` for a suspended one.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html
//! - https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_organizations.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::{arn, collected};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "guardduty_is_enabled",
        title: "GuardDuty detector is enabled and not suspended",
        service: "guardduty",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsGuardDutyDetector",
        categories: &["forensics-ready"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Runtime Behavior Analysis",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
        ],
        needs: &[
            kestrel_model::guardduty::LIST_DETECTORS,
            kestrel_model::guardduty::GET_DETECTOR,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let account = scan.account_id();
    for (region, r) in scan.regions() {
        let Some(detectors) = collected(&r.guardduty.detectors, id, region, account, "", emit)
        else {
            continue;
        };
        if detectors.is_empty() {
            emit(Finding::new(
                id,
                Status::Fail,
                region,
                "detector/unknown",
                &arn(
                    scan.partition(),
                    "guardduty",
                    region,
                    account,
                    "detector/unknown",
                ),
                "GuardDuty is not enabled.",
            ));
            continue;
        }
        for d in detectors {
            let Some(details) = collected(&d.details, id, region, &d.id, &d.arn, emit) else {
                continue;
            };
            let (status, text) = if details.enabled {
                (
                    Status::Pass,
                    format!("GuardDuty detector {} enabled.", d.id),
                )
            } else {
                (
                    Status::Fail,
                    format!("GuardDuty detector {} configured but suspended.", d.id),
                )
            };
            emit(Finding::new(id, status, region, &d.id, &d.arn, text).with_tags(&details.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guardduty::tests::detector;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::guardduty::DetectorDetails;
    use kestrel_model::{ApiError, Fetched};

    #[test]
    fn enabled_passes_suspended_fails() {
        let mut s = snapshot();
        region(&mut s).guardduty.detectors = Fetched::Ok(vec![
            detector(
                "on",
                DetectorDetails {
                    enabled: true,
                    ..Default::default()
                },
            ),
            detector("paused", DetectorDetails::default()),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert_eq!(f[0].status_extended, "GuardDuty detector on enabled.");
        assert_eq!(
            f[1].status_extended,
            "GuardDuty detector paused configured but suspended."
        );
    }

    #[test]
    fn region_without_detector_fails_on_unknown() {
        let mut s = snapshot();
        region(&mut s).guardduty.detectors = Fetched::Ok(vec![]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].resource_id, "detector/unknown");
        assert_eq!(
            f[0].resource_arn,
            "arn:aws:guardduty:us-east-1:123456789012:detector/unknown"
        );
    }

    #[test]
    fn error_when_detectors_cannot_be_listed() {
        let mut s = snapshot();
        region(&mut s).guardduty.detectors = Fetched::Error(ApiError::new(
            "guardduty:ListDetectors",
            "AccessDeniedException",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
