//! # iam_rotate_access_key_90_days
//!
//! ## Description
//!
//! Checks the credential report for active access keys whose last rotation is older than
//! the maximum key age (90 days by default).
//!
//! CIS 2.12. The report columns are `access_key_N_active` and `access_key_N_last_rotated`,
//! and the limit is `max_access_key_age_days`. Every report row is checked, the root row
//! included, as in Prowler: one FAIL per stale active key (resource `<user>-access-key-N`),
//! otherwise one PASS for the user.
//!
//! ## Risk
//!
//! Old access keys have had more time to leak through code, logs, laptops and CI systems; a
//! leaked key that is never rotated gives an attacker lasting programmatic access.
//!
//! ## Remediation
//!
//! Rotate access keys at least every 90 days (create a new key, switch applications to it,
//! deactivate and delete the old one) or replace them with IAM roles and temporary
//! credentials.
//!
//! `aws iam create-access-key --user-name <user>`; once nothing uses the old key, `aws iam
//! update-access-key --access-key-id <old> --status Inactive` and `aws iam
//! delete-access-key --access-key-id <old>`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html#rotating_access_keys_console
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html

use kestrel_model::{Finding, Severity, Status};

use crate::iam::{col, credential_report, days_since, is_true, user_tags, CREDENTIAL_REPORT};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam_rotate_access_key_90_days",
        title: "IAM user does not have active access keys older than 90 days",
        service: "iam",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsIamUser",
        categories: &["secrets"],
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
    let max = scan.settings.max_access_key_age_days;
    let Some(rows) = credential_report(scan, id, emit) else {
        return;
    };
    for row in rows {
        let (name, arn) = (col(row, "user"), col(row, "arn"));
        let tags = user_tags(scan, arn);
        if col(row, "access_key_1_last_rotated") == "N/A"
            && col(row, "access_key_2_last_rotated") == "N/A"
        {
            emit(
                Finding::new(
                    id,
                    Status::Pass,
                    region,
                    name,
                    arn,
                    format!("User {name} does not have access keys."),
                )
                .with_tags(&tags),
            );
            continue;
        }
        let mut stale = false;
        for n in [1, 2] {
            if !is_true(row, &format!("access_key_{n}_active")) {
                continue;
            }
            let Some(age) = days_since(scan, col(row, &format!("access_key_{n}_last_rotated")))
            else {
                continue;
            };
            if age > max {
                stale = true;
                emit(
                    Finding::new(
                        id,
                        Status::Fail,
                        region,
                        &format!("{name}-access-key-{n}"),
                        arn,
                        format!(
                            "User {name} has not rotated access key {n} in over {max} days ({age} days)."
                        ),
                    )
                    .with_tags(&tags),
                );
            }
        }
        if !stale {
            emit(
                Finding::new(
                    id,
                    Status::Pass,
                    region,
                    name,
                    arn,
                    format!("User {name} does not have access keys older than {max} days."),
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
    use crate::iam::Row;
    use crate::testkit::{run, snapshot, statuses};
    use kestrel_model::{iam::User, Fetched};

    fn check(rows: Vec<Row>) -> Vec<Finding> {
        let mut s = snapshot();
        s.iam.credential_report = Fetched::Ok(rows);
        s.iam.users = Fetched::Ok(vec![User {
            name: "alice".into(),
            arn: "arn:aws:iam::123456789012:user/alice".into(),
            tags: [("team".to_string(), "ops".to_string())].into(),
            ..Default::default()
        }]);
        run(&CHECK, &s)
    }

    #[test]
    fn pass_without_keys_or_with_fresh_keys() {
        let fresh = with(
            user("alice"),
            &[
                ("access_key_1_active", "true"),
                ("access_key_1_last_rotated", "2024-12-01T00:00:00+00:00"),
            ],
        );
        let f = check(vec![user("bob"), fresh]);
        assert_eq!(statuses(&f), [Status::Pass, Status::Pass]);
        assert!(f[0].status_extended.contains("does not have access keys."));
        assert_eq!(
            f[1].resource_tags.get("team").map(String::as_str),
            Some("ops")
        );
    }

    #[test]
    fn fail_per_stale_active_key() {
        let old = with(
            user("alice"),
            &[
                ("access_key_1_active", "true"),
                ("access_key_1_last_rotated", "2024-01-01T00:00:00+00:00"),
                ("access_key_2_active", "true"),
                ("access_key_2_last_rotated", "2024-02-01T00:00:00+00:00"),
            ],
        );
        let f = check(vec![old]);
        assert_eq!(statuses(&f), [Status::Fail, Status::Fail]);
        assert_eq!(f[0].resource_id, "alice-access-key-1");
        assert_eq!(f[1].resource_id, "alice-access-key-2");
        assert_eq!(
            f[0].status_extended,
            "User alice has not rotated access key 1 in over 90 days (366 days)."
        );
    }

    #[test]
    fn inactive_old_key_passes() {
        let inactive = with(
            user("alice"),
            &[("access_key_1_last_rotated", "2020-01-01T00:00:00+00:00")],
        );
        assert_eq!(statuses(&check(vec![inactive])), [Status::Pass]);
    }

    #[test]
    fn error_when_report_denied() {
        let mut s = snapshot();
        s.iam.credential_report = Fetched::Error(kestrel_model::ApiError::new(
            "iam:GenerateCredentialReport",
            "AccessDenied",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
