//! # iam_password_policy_symbol
//!
//! ## Description
//!
//! Checks that the IAM account password policy requires a non-alphanumeric character such
//! as ! @ # $ % in IAM users' console passwords.
//!
//! One finding for the account. An account without a password policy is judged on the
//! policy IAM then applies, which requires no character classes: FAIL, as in Prowler.
//!
//! ## Risk
//!
//! Passwords that need not contain a non-alphanumeric character come from a smaller set of
//! candidates, which makes guessing, credential stuffing and offline cracking of IAM user
//! passwords faster.
//!
//! ## Remediation
//!
//! Turn on 'Require at least one non-alphanumeric character' in the account password
//! policy, as part of a policy that also requires length and the other character classes.
//!
//! `aws iam update-account-password-policy --require-symbols`. The command replaces the
//! whole policy, so pass the other settings as well.
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
        id: "iam_password_policy_symbol",
        title: "IAM password policy requires at least one symbol",
        service: "iam",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsIamPolicy",
        categories: &["identity-access"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
            "TTPs/Credential Access",
        ],
        needs: &[kestrel_model::iam::GET_ACCOUNT_PASSWORD_POLICY],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    character_class_finding(scan, CHECK.meta.id, emit, |p| p.require_symbols, "symbol");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pass_fail_no_policy_and_error() {
        crate::iam::testrows::assert_character_class_rule(
            &CHECK,
            |p, on| p.require_symbols = on,
            "symbol",
        );
    }
}
