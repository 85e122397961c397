//! # iam_user_mfa_enabled_console_access
//!
//! ## Description
//!
//! Checks the credential report for IAM users that have a console password
//! (password_enabled) but no active MFA device (mfa_active).
//!
//! CIS 2.10. Each IAM user is one finding; the root row is left to iam_root_mfa_enabled, as
//! in Prowler.
//!
//! ## Risk
//!
//! Console access protected only by a password can be taken over through phishing, password
//! reuse or brute force, giving an attacker an interactive session with the user's
//! permissions.
//!
//! ## Remediation
//!
//! Enable an MFA device (preferably phishing-resistant, such as a FIDO key) for every IAM
//! user with a console password, or remove console passwords that are not needed.
//!
//! A policy denying actions when `aws:MultiFactorAuthPresent` is false enforces MFA once
//! the devices are assigned.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa_enable.html
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_mfa.html

use kestrel_model::{Finding, Severity, Status};

use crate::iam::{col, credential_report, is_true, user_tags, CREDENTIAL_REPORT, ROOT_USER};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam_user_mfa_enabled_console_access",
        title: "IAM user has MFA enabled for console access or no console password is set",
        service: "iam",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsIamUser",
        categories: &["identity-access"],
        check_type: &["Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark"],
        needs: &[
            CREDENTIAL_REPORT[0],
            CREDENTIAL_REPORT[1],
            kestrel_model::iam::LIST_USERS,
            kestrel_model::iam::LIST_USER_TAGS,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let Some(rows) = credential_report(scan, id, emit) else {
        return;
    };
    for row in rows.iter().filter(|r| col(r, "user") != ROOT_USER) {
        let (name, arn) = (col(row, "user"), col(row, "arn"));
        let (status, text) = if !is_true(row, "password_enabled") {
            (
                Status::Pass,
                format!("User {name} does not have Console Password enabled."),
            )
        } else if col(row, "mfa_active") == "false" {
            (
                Status::Fail,
                format!("User {name} has Console Password enabled but MFA disabled."),
            )
        } else {
            (
                Status::Pass,
                format!("User {name} has Console Password enabled and MFA enabled."),
            )
        };
        emit(
            Finding::new(id, status, scan.global_region(), name, arn, text)
                .with_tags(&user_tags(scan, arn)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iam::testrows::{user, with};
    use crate::testkit::{run, snapshot, statuses};
    use kestrel_model::Fetched;

    #[test]
    fn pass_fail_and_root_skipped() {
        let mut s = snapshot();
        s.iam.credential_report = Fetched::Ok(vec![
            user(ROOT_USER),
            user("no-password"),
            with(
                user("with-mfa"),
                &[("password_enabled", "true"), ("mfa_active", "true")],
            ),
            with(user("without-mfa"), &[("password_enabled", "true")]),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass, Status::Pass, Status::Fail]);
        assert_eq!(f[0].resource_id, "no-password");
        assert_eq!(
            f[2].status_extended,
            "User without-mfa has Console Password enabled but MFA disabled."
        );
        assert_eq!(
            f[2].resource_arn,
            "arn:aws:iam::123456789012:user/without-mfa"
        );
    }

    #[test]
    fn error_when_denied() {
        let mut s = snapshot();
        s.iam.credential_report = Fetched::Error(kestrel_model::ApiError::new(
            "iam:GetCredentialReport",
            "AccessDenied",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
