//! # guardduty_rds_protection_enabled
//!
//! ## Description
//!
//! Checks that each enabled GuardDuty detector has RDS Protection (the RDS_LOGIN_EVENTS
//! feature) turned on.
//!
//! Only enabled, not suspended, detectors are assessed, as in Prowler
//! (guardduty_is_enabled reports the others).
//!
//! ## Risk
//!
//! Without it, brute-force and anomalous logins to Aurora and RDS databases are not
//! analysed, so credential attacks on data stores go unnoticed.
//!
//! ## Remediation
//!
//! Enable RDS Protection on the detector of every region (from the delegated
//! administrator for the whole organization).
//!
//! `aws guardduty update-detector --detector-id <id> --features
//! Name=RDS_LOGIN_EVENTS,Status=ENABLED`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/guardduty/latest/ug/rds-protection.html
//! - https://docs.aws.amazon.com/guardduty/latest/ug/guardduty-features-activation-model.html

use kestrel_model::{Finding, Severity};

use crate::guardduty::each_enabled_detector;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "guardduty_rds_protection_enabled",
        title: "GuardDuty detector has RDS Protection enabled",
        service: "guardduty",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsGuardDutyDetector",
        categories: &[],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Runtime Behavior Analysis",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "TTPs/Credential Access",
        ],
        needs: &[
            kestrel_model::guardduty::LIST_DETECTORS,
            kestrel_model::guardduty::GET_DETECTOR,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    each_enabled_detector(CHECK.meta.id, scan, emit, "RDS Protection", |d| {
        d.rds_protection
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::guardduty::tests::detector;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::guardduty::DetectorDetails;
    use kestrel_model::{ApiError, Fetched, Status};

    #[test]
    fn enabled_detectors_only() {
        let mut s = snapshot();
        let on = DetectorDetails {
            enabled: true,
            rds_protection: true,
            ..Default::default()
        };
        let off = DetectorDetails {
            enabled: true,
            ..Default::default()
        };
        let suspended = DetectorDetails {
            rds_protection: true,
            ..Default::default()
        };
        region(&mut s).guardduty.detectors = Fetched::Ok(vec![
            detector("on", on),
            detector("off", off),
            detector("suspended", suspended),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert_eq!(
            f[1].status_extended,
            "GuardDuty detector does not have RDS Protection enabled."
        );
    }

    #[test]
    fn errors_when_unreadable() {
        let mut s = snapshot();
        let mut d = detector("d", DetectorDetails::default());
        d.details = Fetched::Error(ApiError::new(
            "guardduty:GetDetector",
            "AccessDeniedException",
            "",
        ));
        region(&mut s).guardduty.detectors = Fetched::Ok(vec![d]);
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
