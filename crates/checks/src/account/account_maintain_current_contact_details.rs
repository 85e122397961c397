//! # account_maintain_current_contact_details
//!
//! ## Description
//!
//! Ensure the account's contact email and phone reach the people who must act on AWS
//! notifications (abuse, security).
//!
//! CIS 2.2. Whether contact details are current cannot be verified automatically, only
//! judged by a person, so the check always reports MANUAL, as Prowler does.
//!
//! ## Risk
//!
//! If AWS cannot reach the account owner, security notifications are missed and the account
//! may be suspended.
//!
//! ## Remediation
//!
//! Review the contact information in the Billing console (Account settings) and keep it
//! current.
//!
//! From the CLI: `aws account get-contact-information` shows the details and `aws account
//! put-contact-information` updates them.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact.html

use kestrel_model::{Finding, Severity};

use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "account_maintain_current_contact_details",
        title: "Maintain current AWS account contact details",
        service: "account",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "Other",
        categories: &[],
        check_type: &["IAM"],
        // A person judges the contact details: nothing is read.
        needs: &[],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    super::root_manual(scan, emit, CHECK.meta.id, "Login to the AWS Console. Choose your account name on the top right of the window -> My Account -> Contact Information.");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{run, snapshot, statuses};
    use kestrel_model::Status;

    #[test]
    fn always_manual() {
        assert_eq!(statuses(&run(&CHECK, &snapshot())), [Status::Manual]);
    }
}
