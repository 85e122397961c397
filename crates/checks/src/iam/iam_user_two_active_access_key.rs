//! # iam_user_two_active_access_key
//!
//! ## Description
//!
//! Checks the credential report for users whose two access keys are both active.
//!
//! The report columns are `access_key_1_active` and `access_key_2_active`. Each report row
//! is one finding, the root row included, as in Prowler.
//!
//! ## Risk
//!
//! Two active long-lived keys double the credentials that can be leaked or stolen, and
//! usually mean an unfinished rotation leaving an old key in service.
//!
//! ## Remediation
//!
//! Keep at most one active access key per user: after a rotation, deactivate and delete the
//! old key (or use IAM roles instead of access keys).
//!
//! `aws iam update-access-key --user-name <user> --access-key-id <old> --status Inactive`,
//! then `aws iam delete-access-key`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console
//! - https://docs.aws.amazon.com/IAM/latest/APIReference/API_ListAccessKeys.html

use kestrel_model::{Finding, Severity, Status};

use crate::iam::{col, credential_report, is_true, user_tags, CREDENTIAL_REPORT};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam_user_two_active_access_key",
        title: "IAM user has at most one active access key",
        service: "iam",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsIamUser",
        categories: &["identity-access", "secrets"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices"],
        needs: &[
            CREDENTIAL_REPORT[0],
            CREDENTIAL_REPORT[1],
            kestrel_model::iam::LIST_USERS,
            kestrel_model::iam::LIST_USER_TAGS,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let Some(rows) = credential_report(scan, id, emit) else {
        return;
    };
    for row in rows {
        let (name, arn) = (col(row, "user"), col(row, "arn"));
        let (status, text) =
            if is_true(row, "access_key_1_active") && is_true(row, "access_key_2_active") {
                (
                    Status::Fail,
                    format!("User {name} has 2 active access keys."),
                )
            } else {
                (
                    Status::Pass,
                    format!("User {name} does not have 2 active access keys."),
                )
            };
        emit(
            Finding::new(id, status, scan.global_region(), name, arn, text)
                .with_tags(&user_tags(scan, arn)),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iam::testrows::{user, with};
    use crate::testkit::{run, snapshot, statuses};
    use kestrel_model::Fetched;

    #[test]
    fn one_key_passes_two_fail() {
        let mut s = snapshot();
        s.iam.credential_report = Fetched::Ok(vec![
            with(user("one"), &[("access_key_1_active", "true")]),
            with(
                user("two"),
                &[
                    ("access_key_1_active", "true"),
                    ("access_key_2_active", "true"),
                ],
            ),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert_eq!(f[1].status_extended, "User two has 2 active access keys.");
    }

    #[test]
    fn error_when_not_collected() {
        assert_eq!(statuses(&run(&CHECK, &snapshot())), [Status::Error]);
    }
}
