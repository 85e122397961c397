//! # iam_root_mfa_enabled
//!
//! ## Description
//!
//! Checks the credential report's root row (mfa_active) for a multi-factor authentication
//! device on the AWS account root user that still has a password or access keys.
//!
//! CIS 2.5. As in Prowler, a root user with no credentials at all gets no finding, and when
//! the organization manages root credentials centrally the finding says the remaining
//! credentials should be removed. A report without a root row gets a MANUAL finding saying
//! so.
//!
//! ## Risk
//!
//! Without MFA, anyone who obtains the root password (phishing, reuse, leaks) gets
//! unrestricted control of the account, its billing and its data.
//!
//! ## Remediation
//!
//! Enable MFA for the root user (Security credentials as root), or remove the root
//! credentials altogether with centralized root access in AWS Organizations.
//!
//! A hardware or passkey device kept under dual control is the strongest choice.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/enable-mfa-for-root.html
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html

use kestrel_model::{Finding, Severity, Status};

use crate::iam::{
    col, credential_report, missing_root_row, org_manages_root, root_credentials, root_row,
    CREDENTIAL_REPORT,
};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam_root_mfa_enabled",
        title: "Root account has MFA enabled",
        service: "iam",
        subservice: "",
        severity: Severity::Critical,
        resource_type: "AwsIamUser",
        categories: &["identity-access"],
        check_type: &["Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark"],
        needs: &[
            CREDENTIAL_REPORT[0],
            CREDENTIAL_REPORT[1],
            kestrel_model::iam::LIST_ORGANIZATIONS_FEATURES,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let Some(rows) = credential_report(scan, id, emit) else {
        return;
    };
    let Some(root) = root_row(rows) else {
        emit(missing_root_row(scan, id, "the root user's MFA"));
        return;
    };
    let creds = root_credentials(root);
    if creds.is_empty() {
        return;
    }
    let org = org_manages_root(scan);
    let (status, text) = match (col(root, "mfa_active") == "false", org) {
        (true, true) => (
            Status::Fail,
            format!(
                "Root account has {} credentials without MFA despite organizational root management being enabled.",
                creds.join(", ")
            ),
        ),
        (true, false) => (
            Status::Fail,
            "MFA is not enabled for root account.".to_string(),
        ),
        (false, true) => (
            Status::Pass,
            format!(
                "Root account has {} credentials with MFA enabled. Consider removing individual root credentials since organizational root management is active.",
                creds.join(", ")
            ),
        ),
        (false, false) => (Status::Pass, "MFA is enabled for root account.".to_string()),
    };
    emit(Finding::new(
        id,
        status,
        scan.global_region(),
        col(root, "user"),
        col(root, "arn"),
        text,
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iam::testrows::{user, with};
    use crate::iam::{Row, ROOT_USER};
    use crate::testkit::{run, snapshot, statuses};
    use kestrel_model::Fetched;

    fn check(rows: Vec<Row>, features: Option<Vec<&str>>) -> Vec<Finding> {
        let mut s = snapshot();
        s.iam.credential_report = Fetched::Ok(rows);
        if let Some(f) = features {
            s.iam.organizations_features = Fetched::Ok(f.into_iter().map(String::from).collect());
        }
        run(&CHECK, &s)
    }

    #[test]
    fn pass_with_mfa() {
        let root = with(user(ROOT_USER), &[("mfa_active", "true")]);
        let f = check(vec![root], None);
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(f[0].status_extended, "MFA is enabled for root account.");
        assert_eq!(f[0].resource_id, ROOT_USER);
    }

    #[test]
    fn fail_without_mfa() {
        let f = check(vec![user(ROOT_USER), user("bob")], None);
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].status_extended, "MFA is not enabled for root account.");
    }

    #[test]
    fn org_managed_root_wording() {
        let root = with(user(ROOT_USER), &[("access_key_1_active", "true")]);
        let f = check(vec![root], Some(vec!["RootCredentialsManagement"]));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert!(f[0]
            .status_extended
            .contains("password, access_key_1 credentials without MFA despite"));
    }

    #[test]
    fn no_finding_without_root_credentials_manual_without_row() {
        let bare = with(user(ROOT_USER), &[("password_enabled", "false")]);
        assert!(check(vec![bare], None).is_empty());
        assert_eq!(statuses(&check(vec![user("bob")], None)), [Status::Manual]);
    }

    #[test]
    fn error_when_report_not_collected() {
        assert_eq!(statuses(&run(&CHECK, &snapshot())), [Status::Error]);
    }
}
