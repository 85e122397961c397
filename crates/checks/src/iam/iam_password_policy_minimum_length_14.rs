//! # iam_password_policy_minimum_length_14
//!
//! ## Description
//!
//! Checks that the IAM account password policy requires a minimum password length of 14 or
//! more characters.
//!
//! CIS 2.8.
//!
//! ## Risk
//!
//! Short passwords are easier to guess or brute force, which eases account compromise.
//!
//! ## Remediation
//!
//! Set the IAM account password policy's minimum length to 14 or more.
//!
//! `aws iam update-account-password-policy --minimum-password-length 14`. The command
//! replaces the whole policy, so pass the other settings as well.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html

use kestrel_model::{Finding, Severity, Status};

use crate::iam::password_policy_finding;
use crate::{Check, CheckMeta, Scan};

const MIN_LENGTH: i64 = 14;

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam_password_policy_minimum_length_14",
        title: "IAM password policy requires a minimum length of 14 characters",
        service: "iam",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsIamPolicy",
        categories: &["identity-access"],
        check_type: &["Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark"],
        needs: &[kestrel_model::iam::GET_ACCOUNT_PASSWORD_POLICY],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    password_policy_finding(scan, CHECK.meta.id, emit, |policy| {
        match policy.and_then(|p| p.minimum_password_length) {
            Some(n) if n >= MIN_LENGTH => (Status::Pass, format!("IAM password policy requires minimum length of {MIN_LENGTH} characters (it requires {n}).")),
            Some(n) => (Status::Fail, format!("IAM password policy does not require minimum length of {MIN_LENGTH} characters (it requires {n}).")),
            None => (Status::Fail, "Password policy cannot be found.".to_string()),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{run, snapshot, statuses};
    use kestrel_model::{iam::PasswordPolicy, ApiError, Fetched};

    fn with_length(n: Option<i64>) -> Vec<Status> {
        let mut s = snapshot();
        s.iam.password_policy = Fetched::Ok(Some(PasswordPolicy {
            minimum_password_length: n,
            ..Default::default()
        }));
        statuses(&run(&CHECK, &s))
    }

    #[test]
    fn pass_at_14_or_more() {
        assert_eq!(with_length(Some(14)), [Status::Pass]);
        assert_eq!(with_length(Some(32)), [Status::Pass]);
    }

    #[test]
    fn fail_when_shorter_or_absent() {
        assert_eq!(with_length(Some(8)), [Status::Fail]);
        let mut s = snapshot();
        s.iam.password_policy = Fetched::Ok(None);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Fail]);
        assert!(f[0].status_extended.contains("cannot be found"));
    }

    #[test]
    fn error_when_denied() {
        let mut s = snapshot();
        s.iam.password_policy = Fetched::Error(ApiError::new(
            "iam:GetAccountPasswordPolicy",
            "AccessDenied",
            "no",
        ));
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Error]);
        assert!(f[0].status_extended.contains("access denied"));
    }
}
