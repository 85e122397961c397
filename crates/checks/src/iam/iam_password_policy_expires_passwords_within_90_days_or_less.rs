//! # iam_password_policy_expires_passwords_within_90_days_or_less
//!
//! ## Description
//!
//! Checks that the IAM account password policy makes console passwords expire after at
//! most 90 days.
//!
//! One finding for the account. A maximum age of exactly 90 days passes. An account
//! without a password policy gets the policy IAM then applies, whose passwords never
//! expire: FAIL, as in Prowler.
//!
//! ## Risk
//!
//! Passwords that never expire stay usable indefinitely once leaked, phished or guessed,
//! so a compromised IAM user password keeps granting console access.
//!
//! ## Remediation
//!
//! Set the password expiration period of the account password policy to 90 days or less,
//! and prefer federated sign-in so that few IAM users need passwords at all.
//!
//! `aws iam update-account-password-policy --max-password-age 90`. The command replaces
//! the whole policy, so pass the other settings as well.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
//! - https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccountPasswordPolicy.html

use kestrel_model::{Finding, Severity, Status};

use crate::iam::{password_policy_finding, IAM_DEFAULT_PASSWORD_POLICY};
use crate::{Check, CheckMeta, Scan};

const MAX_AGE_DAYS: i64 = 90;

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam_password_policy_expires_passwords_within_90_days_or_less",
        title: "IAM account password policy enforces password expiration within 90 days or less",
        service: "iam",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsIamPolicy",
        categories: &["identity-access"],
        check_type: &[
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
        ],
        needs: &[kestrel_model::iam::GET_ACCOUNT_PASSWORD_POLICY],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    password_policy_finding(scan, CHECK.meta.id, emit, |policy| {
        // 0 is "not set" too, as Prowler reads it.
        match policy
            .unwrap_or(&IAM_DEFAULT_PASSWORD_POLICY)
            .max_password_age
            .filter(|d| *d != 0)
        {
            Some(days) if days <= MAX_AGE_DAYS => (
                Status::Pass,
                format!("Password expiration is set lower than 90 days ({days} days)."),
            ),
            Some(days) => (
                Status::Fail,
                format!("Password expiration is set greater than 90 days ({days} days)."),
            ),
            None => (Status::Fail, "Password expiration is not set.".into()),
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{run, snapshot, statuses};
    use kestrel_model::{iam::PasswordPolicy, ApiError, Fetched};

    fn with(policy: Fetched<Option<PasswordPolicy>>) -> Vec<Finding> {
        let mut s = snapshot();
        s.iam.password_policy = policy;
        run(&CHECK, &s)
    }

    fn max_age(days: Option<i64>) -> Fetched<Option<PasswordPolicy>> {
        Fetched::Ok(Some(PasswordPolicy {
            expire_passwords: days.is_some(),
            max_password_age: days,
            ..Default::default()
        }))
    }

    #[test]
    fn pass_at_90_days_or_less() {
        let f = with(max_age(Some(90)));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "Password expiration is set lower than 90 days (90 days)."
        );
        assert_eq!(statuses(&with(max_age(Some(1)))), [Status::Pass]);
    }

    #[test]
    fn fail_above_90_unset_or_no_policy() {
        let f = with(max_age(Some(91)));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert!(f[0].status_extended.contains("(91 days)"));
        for p in [max_age(None), max_age(Some(0)), Fetched::Ok(None)] {
            let f = with(p);
            assert_eq!(statuses(&f), [Status::Fail]);
            assert_eq!(f[0].status_extended, "Password expiration is not set.");
        }
    }

    #[test]
    fn error_when_the_policy_could_not_be_read() {
        let denied = ApiError::new("iam:GetAccountPasswordPolicy", "AccessDenied", "");
        assert_eq!(statuses(&with(Fetched::Error(denied))), [Status::Error]);
    }
}
