//! # iam_password_policy_lowercase
//!
//! ## Description
//!
//! Checks that the IAM account password policy requires a lowercase letter (a to z) in IAM
//! users' console passwords.
//!
//! One finding for the account. An account without a password policy is judged on the
//! policy IAM then applies, which requires no character classes: FAIL, as in Prowler.
//!
//! ## Risk
//!
//! Passwords that need not contain a lowercase letter come from a smaller set of
//! candidates, which makes guessing, credential stuffing and offline cracking of IAM user
//! passwords faster.
//!
//! ## Remediation
//!
//! Turn on 'Require at least one lowercase letter' in the account password policy, as part
//! of a policy that also requires length and the other character classes.
//!
//! `aws iam update-account-password-policy --require-lowercase-characters`. The command
//! replaces the whole policy, so pass the other settings as well.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_passwords_account-policy.html
//! - https://docs.aws.amazon.com/IAM/latest/APIReference/API_UpdateAccountPasswordPolicy.html

use kestrel_model::{Finding, Severity};

use crate::iam::character_class_finding;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam_password_policy_lowercase",
        title: "IAM password policy requires at least one lowercase letter",
        service: "iam",
        subservice: "",
        severity: Severity::Low,
        resource_type: "AwsIamPolicy",
        categories: &["identity-access"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
        ],
        needs: &[kestrel_model::iam::GET_ACCOUNT_PASSWORD_POLICY],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    character_class_finding(
        scan,
        CHECK.meta.id,
        emit,
        |p| p.require_lowercase_characters,
        "lowercase letter",
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pass_fail_no_policy_and_error() {
        crate::iam::testrows::assert_character_class_rule(
            &CHECK,
            |p, on| p.require_lowercase_characters = on,
            "lowercase letter",
        );
    }
}
