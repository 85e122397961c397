//! # iam_user_console_access_unused
//!
//! ## Description
//!
//! Checks IAM users with a console password for a last sign-in older than the configured
//! number of days (45 by default).
//!
//! CIS 2.11. Each IAM user from ListUsers is one finding. Console access is the credential
//! report's `password_enabled` (a login profile exists), the last sign-in is ListUsers'
//! `PasswordLastUsed`, and the limit is `max_unused_credential_days`. A console password
//! that was never used passes, as in Prowler. A user missing from the credential report
//! (created after it was generated) gets a MANUAL finding.
//!
//! ## Risk
//!
//! Console passwords that are no longer used remain valid entry points; if guessed, phished
//! or leaked they grant interactive access that is unlikely to be noticed.
//!
//! ## Remediation
//!
//! Remove the console password (login profile) of users who have not signed in for 45 days
//! or more, or delete users who no longer need access.
//!
//! `aws iam delete-login-profile --user-name <user>`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_admin-change-user.html

use kestrel_model::{Finding, Severity, Status};

use crate::iam::{col, credential_report, days_since, is_true, CREDENTIAL_REPORT};
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam_user_console_access_unused",
        title: "IAM user console access is disabled, used within the configured inactivity period, or never used",
        service: "iam",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsIamUser",
        categories: &["identity-access"],
        check_type: &["Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark"],
        needs: &[
            kestrel_model::iam::LIST_USERS,
            kestrel_model::iam::LIST_USER_TAGS,
            CREDENTIAL_REPORT[0],
            CREDENTIAL_REPORT[1],
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let region = scan.global_region();
    let max = scan.settings.max_unused_credential_days;
    let Some(users) = collected(
        &scan.snapshot.iam.users,
        id,
        region,
        scan.account_id(),
        "",
        emit,
    ) else {
        return;
    };
    let Some(rows) = credential_report(scan, id, emit) else {
        return;
    };
    for u in users {
        let name = &u.name;
        let Some(row) = rows.iter().find(|r| col(r, "arn") == u.arn) else {
            emit(
                Finding::new(
                    id,
                    Status::Manual,
                    region,
                    name,
                    &u.arn,
                    format!("User {name} is not in the credential report (created after it was generated?), so its console access could not be evaluated."),
                )
                .with_tags(&u.tags),
            );
            continue;
        };
        let last_use = u
            .password_last_used
            .as_deref()
            .and_then(|d| days_since(scan, d));
        let (status, text) = match last_use {
            Some(days) if is_true(row, "password_enabled") && days > max => (
                Status::Fail,
                format!("User {name} has not logged in to the console in the past {max} days ({days} days)."),
            ),
            Some(days) if is_true(row, "password_enabled") => (
                Status::Pass,
                format!("User {name} has logged in to the console in the past {max} days ({days} days)."),
            ),
            _ => (
                Status::Pass,
                format!("User {name} does not have console access enabled or is unused."),
            ),
        };
        emit(Finding::new(id, status, region, name, &u.arn, text).with_tags(&u.tags));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iam::testrows::{user, with};
    use crate::testkit::{run, snapshot, statuses};
    use kestrel_model::{iam::User, Fetched, Snapshot};

    fn snap(console: bool, last_used: Option<&str>) -> Snapshot {
        let mut s = snapshot();
        let enabled = if console { "true" } else { "false" };
        s.iam.credential_report =
            Fetched::Ok(vec![with(user("alice"), &[("password_enabled", enabled)])]);
        s.iam.users = Fetched::Ok(vec![User {
            name: "alice".into(),
            arn: "arn:aws:iam::123456789012:user/alice".into(),
            password_last_used: last_used.map(String::from),
            ..Default::default()
        }]);
        s
    }

    #[test]
    fn pass_when_recent_never_used_or_no_console() {
        let f = run(&CHECK, &snap(true, Some("2024-12-20T08:00:00Z")));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "User alice has logged in to the console in the past 45 days (11 days)."
        );
        assert_eq!(statuses(&run(&CHECK, &snap(true, None))), [Status::Pass]);
        assert_eq!(
            statuses(&run(&CHECK, &snap(false, Some("2020-01-01T00:00:00Z")))),
            [Status::Pass]
        );
    }

    #[test]
    fn fail_when_console_unused() {
        let f = run(&CHECK, &snap(true, Some("2024-06-01T00:00:00Z")));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].resource_id, "alice");
    }

    #[test]
    fn manual_when_user_not_in_report_error_when_denied() {
        let mut s = snap(true, Some("2024-06-01T00:00:00Z"));
        s.iam.credential_report = Fetched::Ok(vec![]);
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Manual]);
        s.iam.users = Fetched::Error(kestrel_model::ApiError::new(
            "iam:ListUsers",
            "AccessDenied",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
