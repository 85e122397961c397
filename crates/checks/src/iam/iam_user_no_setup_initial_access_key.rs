//! # iam_user_no_setup_initial_access_key
//!
//! ## Description
//!
//! Checks the credential report for console users (password enabled) with an active access
//! key that has never been used.
//!
//! In the report, such a key has `access_key_N_active` true and
//! `access_key_N_last_used_date` `N/A` on a row with `password_enabled`: the mark of a key
//! created with the user just in case. Each such key is one FAIL; otherwise each report row
//! gets one PASS, as in Prowler.
//!
//! ## Risk
//!
//! Access keys created during user setup but never used are unnecessary long-lived
//! credentials: they can leak from wherever they were saved and add rotation and audit work
//! without any benefit.
//!
//! ## Remediation
//!
//! Delete never-used access keys of console users and only create access keys when
//! programmatic access is actually required.
//!
//! `aws iam delete-access-key --user-name <user> --access-key-id <key>`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html

use kestrel_model::{Finding, Severity, Status};

use crate::iam::{col, credential_report, is_true, user_tags, CREDENTIAL_REPORT};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam_user_no_setup_initial_access_key",
        title: "IAM user does not have active access keys that have never been used",
        service: "iam",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsIamUser",
        categories: &["identity-access", "secrets"],
        check_type: &["Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark"],
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
    let region = scan.global_region();
    let Some(rows) = credential_report(scan, id, emit) else {
        return;
    };
    for row in rows {
        let (name, arn) = (col(row, "user"), col(row, "arn"));
        let tags = user_tags(scan, arn);
        let never_used: Vec<u8> = [1, 2]
            .into_iter()
            .filter(|n| {
                is_true(row, "password_enabled")
                    && is_true(row, &format!("access_key_{n}_active"))
                    && col(row, &format!("access_key_{n}_last_used_date")) == "N/A"
            })
            .collect();
        if never_used.is_empty() {
            emit(
                Finding::new(
                    id,
                    Status::Pass,
                    region,
                    name,
                    arn,
                    format!(
                        "User {name} does not have access keys or uses the access keys configured."
                    ),
                )
                .with_tags(&tags),
            );
        }
        for n in never_used {
            emit(
                Finding::new(
                    id,
                    Status::Fail,
                    region,
                    name,
                    arn,
                    format!("User {name} has never used access key {n}."),
                )
                .with_tags(&tags),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::iam::testrows::{user, with};
    use crate::testkit::{run, snapshot, statuses};
    use kestrel_model::Fetched;

    #[test]
    fn never_used_keys_of_console_users_fail() {
        let mut s = snapshot();
        s.iam.credential_report = Fetched::Ok(vec![
            // Console user, both keys active and never used: two FAILs.
            with(
                user("alice"),
                &[
                    ("password_enabled", "true"),
                    ("access_key_1_active", "true"),
                    ("access_key_2_active", "true"),
                ],
            ),
            // Console user whose key was used: PASS.
            with(
                user("bob"),
                &[
                    ("password_enabled", "true"),
                    ("access_key_1_active", "true"),
                    ("access_key_1_last_used_date", "2024-12-01T00:00:00+00:00"),
                ],
            ),
            // Programmatic-only user with an unused key: out of scope, PASS.
            with(user("svc"), &[("access_key_1_active", "true")]),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(
            statuses(&f),
            [Status::Fail, Status::Fail, Status::Pass, Status::Pass]
        );
        assert_eq!(
            f[1].status_extended,
            "User alice has never used access key 2."
        );
    }

    #[test]
    fn error_when_not_collected() {
        assert_eq!(statuses(&run(&CHECK, &snapshot())), [Status::Error]);
    }
}
