//! # account_security_contact_information_is_registered
//!
//! ## Description
//!
//! Checks that a Security alternate contact (name, e-mail, phone) is registered for the
//! account, so AWS security notifications reach the security team.
//!
//! CIS 2.3. The contact is read with Account Management's GetAlternateContact. No SECURITY
//! contact is a FAIL; a registered one is still reported MANUAL, because only a person can
//! tell whether it reaches the security team. Prowler reports MANUAL in every case.
//!
//! ## Risk
//!
//! Without a security contact, AWS security advisories and abuse notifications may be
//! delayed or missed, so compromises, data exposure or resource abuse persist longer.
//!
//! Without one, AWS sends them to the account's root e-mail address, which may not be read
//! by anyone who acts on security issues.
//!
//! ## Remediation
//!
//! Register a Security alternate contact using a monitored team alias and phone number, and
//! review it after organizational changes.
//!
//! `aws account put-alternate-contact --alternate-contact-type SECURITY --name <name>
//! --title <title> --email-address <monitored alias> --phone-number <phone>`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-update-contact-alternate.html
//! - https://docs.aws.amazon.com/accounts/latest/reference/API_GetAlternateContact.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "account_security_contact_information_is_registered",
        title: "AWS account has security alternate contact registered",
        service: "account",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "Other",
        categories: &[],
        check_type: &["Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark"],
        needs: &[kestrel_model::account::GET_ALTERNATE_CONTACT],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let region = scan.global_region();
    let account = scan.account_id();
    let arn = format!("arn:{}:iam::{account}:root", scan.partition());
    let Some(contact) = collected(
        &scan.snapshot.account_contacts.security_contact,
        id,
        region,
        account,
        &arn,
        emit,
    ) else {
        return;
    };
    let (status, text) = match contact {
        None => (
            Status::Fail,
            "No security alternate contact is registered. Login to the AWS Console. Choose your account name on the top right of the window -> My Account -> Alternate Contacts -> Security Section.".to_string(),
        ),
        Some(c) => (
            Status::Manual,
            format!(
                "Security alternate contact is registered ({} <{}>); confirm it reaches your security team. Login to the AWS Console. Choose your account name on the top right of the window -> My Account -> Alternate Contacts -> Security Section.",
                c.name, c.email
            ),
        ),
    };
    emit(Finding::new(id, status, region, account, &arn, text));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{run, snapshot, statuses};
    use kestrel_model::{account::Contact, ApiError, Fetched};

    #[test]
    fn registered_contact_is_left_to_a_person() {
        let mut s = snapshot();
        s.account_contacts.security_contact = Fetched::Ok(Some(Contact {
            name: "Security Team".into(),
            email: "security@example.com".into(),
            phone: "+1-555-0100".into(),
            title: "SecOps".into(),
        }));
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Manual]);
        assert!(f[0]
            .status_extended
            .contains("Security Team <security@example.com>"));
        assert_eq!(f[0].resource_arn, "arn:aws:iam::123456789012:root");
    }

    #[test]
    fn fail_without_contact() {
        let mut s = snapshot();
        s.account_contacts.security_contact = Fetched::Ok(None);
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Fail]);
    }

    #[test]
    fn error_when_denied() {
        let mut s = snapshot();
        s.account_contacts.security_contact = Fetched::Error(ApiError::new(
            "account:GetAlternateContact",
            "AccessDeniedException",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
