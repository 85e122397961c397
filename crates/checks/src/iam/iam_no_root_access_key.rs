//! # iam_no_root_access_key
//!
//! ## Description
//!
//! Checks the credential report's root row for active access keys (access_key_1_active,
//! access_key_2_active).
//!
//! CIS 2.4. As in Prowler, a root user with no credentials at all (no password and no key,
//! the state centralized root access leaves member accounts in) gets no finding. A report
//! without a root row gets a MANUAL finding saying so.
//!
//! ## Risk
//!
//! Root access keys grant unrestricted programmatic access to every resource and setting of
//! the account; if leaked they allow full takeover and cannot be constrained by IAM
//! policies.
//!
//! ## Remediation
//!
//! Delete the root user's access keys (Security credentials as root, or centralized root
//! access in AWS Organizations) and use IAM roles with temporary credentials instead.
//!
//! With centralized root access, the management account does this for a member account by
//! assuming root (`aws sts assume-root`) with the `IAMDeleteRootUserCredentials` task
//! policy.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user_manage_add-key.html
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html

use kestrel_model::{Finding, Severity, Status};

use crate::iam::{
    credential_report, is_true, missing_root_row, org_manages_root, root_credentials, root_row,
    CREDENTIAL_REPORT,
};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam_no_root_access_key",
        title: "Root account has no active access keys",
        service: "iam",
        subservice: "",
        severity: Severity::Critical,
        resource_type: "AwsIamAccessKey",
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
        emit(missing_root_row(scan, id, "the root user's access keys"));
        return;
    };
    if root_credentials(root).is_empty() {
        return;
    }
    let org = org_manages_root(scan);
    let despite = if org {
        " despite organizational root management being enabled"
    } else {
        ""
    };
    let (k1, k2) = (
        is_true(root, "access_key_1_active"),
        is_true(root, "access_key_2_active"),
    );
    let (status, text) = match (k1, k2) {
        (false, false) if org => (
            Status::Pass,
            "Root account has password configured but no access keys. Consider removing individual root credentials since organizational root management is active.".to_string(),
        ),
        (false, false) => (
            Status::Pass,
            "Root account does not have access keys.".to_string(),
        ),
        (true, true) => (
            Status::Fail,
            format!("Root account has two active access keys{despite}."),
        ),
        _ => (
            Status::Fail,
            format!("Root account has one active access key{despite}."),
        ),
    };
    emit(Finding::new(
        id,
        status,
        scan.global_region(),
        crate::iam::col(root, "user"),
        crate::iam::col(root, "arn"),
        text,
    ));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iam::testrows::{user, with};
    use crate::iam::ROOT_USER;
    use crate::testkit::{run, snapshot, statuses};
    use kestrel_model::{ApiError, Fetched};

    fn check(rows: Vec<crate::iam::Row>) -> Vec<Finding> {
        let mut s = snapshot();
        s.iam.credential_report = Fetched::Ok(rows);
        run(&CHECK, &s)
    }

    #[test]
    fn pass_without_root_keys() {
        let f = check(vec![user(ROOT_USER), user("alice")]);
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(f[0].resource_id, ROOT_USER);
        assert_eq!(f[0].resource_arn, "arn:aws:iam::123456789012:root");
    }

    #[test]
    fn fail_with_one_or_two_keys() {
        let one = with(user(ROOT_USER), &[("access_key_2_active", "true")]);
        let f = check(vec![one]);
        assert_eq!(statuses(&f), [Status::Fail]);
        assert!(f[0].status_extended.contains("one active access key"));
        let two = with(
            user(ROOT_USER),
            &[
                ("access_key_1_active", "true"),
                ("access_key_2_active", "true"),
            ],
        );
        let f = check(vec![two]);
        assert_eq!(statuses(&f), [Status::Fail]);
        assert!(f[0].status_extended.contains("two active access keys"));
    }

    #[test]
    fn root_without_credentials_is_not_reported() {
        let bare = with(user(ROOT_USER), &[("password_enabled", "false")]);
        assert!(check(vec![bare]).is_empty());
    }

    #[test]
    fn manual_without_root_row_and_error_when_denied() {
        let f = check(vec![user("alice")]);
        assert_eq!(statuses(&f), [Status::Manual]);
        assert!(f[0].status_extended.contains("no <root_account> row"));
        let mut s = snapshot();
        s.iam.credential_report =
            Fetched::Error(ApiError::new("iam:GetCredentialReport", "AccessDenied", ""));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
