//! # iam_password_policy_uppercase
//!
//! ## Description
//!
//! Checks that the IAM account password policy requires at least one uppercase letter
//! (A to Z) in IAM users' console passwords.
//!
//! One finding for the account. No password policy at all is a FAIL, as in Prowler.
//!
//! ## Risk
//!
//! Passwords without an uppercase letter come from a smaller set of candidates, which
//! makes guessing, credential stuffing and offline cracking of IAM user passwords faster.
//!
//! ## Remediation
//!
//! Turn on 'Require at least one uppercase letter' in the account password policy, as
//! part of a policy that also requires length, lowercase letters, numbers and symbols.
//!
//! `aws iam update-account-password-policy --require-uppercase-characters`. The command
//! replaces the whole policy, so pass the other settings as well.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
//! - https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccountPasswordPolicy.html

use kestrel_model::{Finding, Severity, Status};

use crate::iam::password_policy_finding;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam_password_policy_uppercase",
        title: "IAM password policy requires at least one uppercase letter",
        service: "iam",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsIamPolicy",
        categories: &["identity-access"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
            "Software and Configuration Checks/Industry and Regulatory Standards/NIST 800-53 Controls (USA)",
            "Software and Configuration Checks/Industry and Regulatory Standards/PCI-DSS",
        ],
        needs: &[kestrel_model::iam::GET_ACCOUNT_PASSWORD_POLICY],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    password_policy_finding(scan, CHECK.meta.id, emit, |policy| match policy {
        None => (Status::Fail, "There is no password policy.".into()),
        Some(p) if p.require_uppercase_characters => (
            Status::Pass,
            "IAM password policy requires at least one uppercase letter.".into(),
        ),
        Some(_) => (
            Status::Fail,
            "IAM password policy does not require at least one uppercase letter.".into(),
        ),
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

    fn uppercase(on: bool) -> Fetched<Option<PasswordPolicy>> {
        Fetched::Ok(Some(PasswordPolicy {
            require_uppercase_characters: on,
            // The other rules do not count.
            require_lowercase_characters: true,
            require_numbers: true,
            require_symbols: true,
            minimum_password_length: Some(14),
            ..Default::default()
        }))
    }

    #[test]
    fn pass_when_uppercase_is_required() {
        let f = with(uppercase(true));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(f[0].resource_id, "123456789012");
        assert_eq!(
            f[0].resource_arn,
            "arn:aws:iam:us-east-1:123456789012:password-policy"
        );
    }

    #[test]
    fn fail_when_not_required_or_no_policy() {
        assert_eq!(statuses(&with(uppercase(false))), [Status::Fail]);
        let f = with(Fetched::Ok(None));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].status_extended, "There is no password policy.");
    }

    #[test]
    fn error_when_the_policy_could_not_be_read() {
        let denied = ApiError::new("iam:GetAccountPasswordPolicy", "AccessDenied", "");
        assert_eq!(statuses(&with(Fetched::Error(denied))), [Status::Error]);
        assert_eq!(statuses(&with(Fetched::NotCollected)), [Status::Error]);
    }
}
