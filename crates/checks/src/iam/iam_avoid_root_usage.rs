//! # iam_avoid_root_usage
//!
//! ## Description
//!
//! Checks the credential report's last-use dates of the root user's password and access
//! keys and fails when the root user was used within the configured number of days.
//!
//! CIS 2.7. The dates are the root row's `password_last_used` and
//! `access_key_N_last_used_date` columns, and the limit is `max_root_unused_days` (1 day,
//! as in Prowler). kestrel judges the most recent of those dates, which is what the check's
//! title promises; Prowler reads only the first column that holds a date, so a root access
//! key used today passes there when the password was last used long ago. A report without a
//! root row gets a MANUAL finding.
//!
//! ## Risk
//!
//! Routine use of the root user exposes the one identity no policy can restrict; a
//! compromised or careless root session can delete resources, exfiltrate data or change
//! billing, and recent root activity hides abuse.
//!
//! ## Remediation
//!
//! Stop using the root user for daily or administrative tasks: use IAM roles or IAM
//! Identity Center with least privilege, remove root access keys, enable MFA and alert on
//! root sign-ins.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/root-user-best-practices.html
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#root-user-tasks

use kestrel_model::{Finding, Severity, Status};

use crate::iam::{
    col, credential_report, days_since, missing_root_row, root_row, CREDENTIAL_REPORT,
};
use crate::{Check, CheckMeta, Scan};

/// The root row's last-use columns.
const LAST_USED: [&str; 3] = [
    "password_last_used",
    "access_key_1_last_used_date",
    "access_key_2_last_used_date",
];

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam_avoid_root_usage",
        title: "AWS account root user has not been used in the last day",
        service: "iam",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsIamUser",
        categories: &["identity-access"],
        check_type: &["Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark"],
        needs: &[CREDENTIAL_REPORT[0], CREDENTIAL_REPORT[1]],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let max = scan.settings.max_root_unused_days;
    let Some(rows) = credential_report(scan, id, emit) else {
        return;
    };
    let Some(root) = root_row(rows) else {
        emit(missing_root_row(scan, id, "the root user's last use"));
        return;
    };
    let last_use = LAST_USED
        .iter()
        .filter_map(|column| days_since(scan, col(root, column)))
        .min();
    let (status, text) = match last_use {
        Some(days) if days <= max => (
            Status::Fail,
            format!("Root user in the account was last accessed {days} days ago."),
        ),
        _ => (
            Status::Pass,
            format!("Root user in the account wasn't accessed in the last {max} days."),
        ),
    };
    emit(Finding::new(
        id,
        status,
        scan.global_region(),
        col(root, "user"),
        col(root, "arn"),
        text,
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iam::testrows::{user, with};
    use crate::iam::ROOT_USER;
    use crate::testkit::{run, run_with, snapshot, statuses};
    use crate::Settings;
    use kestrel_model::{Fetched, Snapshot};

    // testkit::NOW is 2025-01-01T00:00:00Z.
    fn snap(changes: &[(&str, &str)]) -> Snapshot {
        let mut s = snapshot();
        s.iam.credential_report = Fetched::Ok(vec![with(user(ROOT_USER), changes), user("bob")]);
        s
    }

    #[test]
    fn pass_when_never_or_long_ago_used() {
        assert_eq!(statuses(&run(&CHECK, &snap(&[]))), [Status::Pass]);
        let f = run(
            &CHECK,
            &snap(&[("password_last_used", "2024-12-01T10:00:00+00:00")]),
        );
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "Root user in the account wasn't accessed in the last 1 days."
        );
    }

    #[test]
    fn fail_when_used_within_a_day() {
        let f = run(
            &CHECK,
            &snap(&[("password_last_used", "2024-12-31T10:00:00+00:00")]),
        );
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "Root user in the account was last accessed 0 days ago."
        );
        // An access key's use counts, even when the password was used long ago.
        let f = run(
            &CHECK,
            &snap(&[
                ("password_last_used", "2024-06-01T10:00:00+00:00"),
                ("access_key_2_last_used_date", "2024-12-30T12:00:00+00:00"),
            ]),
        );
        assert_eq!(statuses(&f), [Status::Fail]);
        assert!(f[0].status_extended.contains("last accessed 1 days ago"));
    }

    #[test]
    fn threshold_comes_from_settings() {
        let s = snap(&[("password_last_used", "2024-12-01T10:00:00+00:00")]);
        let settings = Settings {
            max_root_unused_days: 60,
            ..Settings::default()
        };
        assert_eq!(statuses(&run_with(&CHECK, &s, &settings)), [Status::Fail]);
    }

    #[test]
    fn manual_without_root_row() {
        let mut s = snapshot();
        s.iam.credential_report = Fetched::Ok(vec![user("bob")]);
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Manual]);
    }
}
