//! # iam_password_policy_reuse_24
//!
//! ## Description
//!
//! Checks that the IAM account password policy prevents users from reusing any of their
//! last 24 passwords.
//!
//! CIS 2.9. 24 is the highest value IAM allows for `PasswordReusePrevention`.
//!
//! ## Risk
//!
//! Allowing password reuse lets users return to old, possibly compromised passwords, which
//! keeps leaked credentials valid and weakens password rotation.
//!
//! ## Remediation
//!
//! Set the account password policy's 'Number of passwords to remember'
//! (PasswordReusePrevention) to 24.
//!
//! `aws iam update-account-password-policy --password-reuse-prevention 24`. The command
//! replaces the whole policy, so pass the other settings as well.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
//! - https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccountPasswordPolicy.html

use kestrel_model::{Finding, Severity, Status};

use crate::iam::password_policy_finding;
use crate::{Check, CheckMeta, Scan};

const REMEMBERED: i64 = 24;

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam_password_policy_reuse_24",
        title: "IAM password policy prevents reuse of the last 24 passwords",
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
    password_policy_finding(scan, CHECK.meta.id, emit, |policy| match policy {
        None => (Status::Fail, "Password policy cannot be found.".into()),
        Some(p) if p.password_reuse_prevention == Some(REMEMBERED) => (
            Status::Pass,
            "IAM password policy reuse prevention is equal to 24.".into(),
        ),
        Some(_) => (
            Status::Fail,
            "IAM password policy reuse prevention is less than 24 or not set.".into(),
        ),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{run, snapshot, statuses};
    use kestrel_model::{iam::PasswordPolicy, ApiError, Fetched};

    fn with_reuse(n: Option<i64>) -> Vec<Status> {
        let mut s = snapshot();
        s.iam.password_policy = Fetched::Ok(Some(PasswordPolicy {
            password_reuse_prevention: n,
            ..Default::default()
        }));
        statuses(&run(&CHECK, &s))
    }

    #[test]
    fn pass_at_24() {
        assert_eq!(with_reuse(Some(24)), [Status::Pass]);
    }

    #[test]
    fn fail_when_lower_unset_or_no_policy() {
        assert_eq!(with_reuse(Some(5)), [Status::Fail]);
        assert_eq!(with_reuse(None), [Status::Fail]);
        let mut s = snapshot();
        s.iam.password_policy = Fetched::Ok(None);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].resource_arn,
            "arn:aws:iam:us-east-1:123456789012:password-policy"
        );
    }

    #[test]
    fn error_when_denied() {
        let mut s = snapshot();
        s.iam.password_policy = Fetched::Error(ApiError::new(
            "iam:GetAccountPasswordPolicy",
            "AccessDenied",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
