//! # account_security_questions_are_registered_in_the_aws_account
//!
//! ## Description
//!
//! Ensure the root user has security challenge questions set, so that AWS support can
//! confirm the owner's identity when the root credentials are lost.
//!
//! CIS 1.4 to 4.0 (1.3). No API tells whether the questions are set, and AWS has since
//! retired them for new accounts, so a person checks in the console: the check always
//! reports MANUAL, as Prowler does (which marks it deprecated).
//!
//! ## Risk
//!
//! Without another way to prove ownership, losing the root password and its MFA device
//! can lock the owner out of the account for a long recovery.
//!
//! ## Remediation
//!
//! Signed in as the root user, open the account settings page and, where the option is
//! still offered, configure the security challenge questions and record the answers in a
//! safe place; otherwise keep the account's contact details and root MFA current.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-security-challenge.html

use kestrel_model::{Finding, Severity};

use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "account_security_questions_are_registered_in_the_aws_account",
        title: "AWS root user has security challenge questions configured",
        service: "account",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "Other",
        categories: &[],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices"],
        // Only the console shows the questions: nothing is read.
        needs: &[],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    super::root_manual(scan, emit, CHECK.meta.id, "Check by hand: sign in as the root user, open the account settings and see whether security challenge questions are configured.");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{run, snapshot, statuses};
    use kestrel_model::Status;

    #[test]
    fn always_manual_for_the_root_user() {
        let found = run(&CHECK, &snapshot());
        assert_eq!(statuses(&found), [Status::Manual]);
        assert!(found[0].resource_arn.ends_with(":root"));
    }
}
