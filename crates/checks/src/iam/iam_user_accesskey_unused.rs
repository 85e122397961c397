//! # iam_user_accesskey_unused
//!
//! ## Description
//!
//! Checks the credential report for active access keys that have not been used within the
//! configured number of days (45 by default).
//!
//! CIS 2.11. The report columns are `access_key_N_active` and
//! `access_key_N_last_used_date`, and the limit is `max_unused_credential_days`. Every
//! report row is checked, the root row included, as in Prowler: one FAIL per unused active
//! key (resource `<user>/AccessKeyN`), otherwise one PASS. A key that was never used is
//! left to iam_user_no_setup_initial_access_key, as in Prowler.
//!
//! ## Risk
//!
//! Unused but active access keys are standing credentials no one relies on or monitors; if
//! leaked they give an attacker programmatic access that is unlikely to be noticed.
//!
//! ## Remediation
//!
//! Deactivate access keys that have not been used for 45 days or more, and delete them once
//! nothing depends on them.
//!
//! `aws iam update-access-key --user-name <user> --access-key-id <key> --status Inactive`,
//! later `aws iam delete-access-key`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_finding-unused.html
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_access-keys.html

use kestrel_model::{Finding, Severity, Status};

use crate::iam::{col, credential_report, days_since, is_true, user_tags, CREDENTIAL_REPORT};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam_user_accesskey_unused",
        title: "IAM user does not have unused access keys older than 45 days",
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
    let max = scan.settings.max_unused_credential_days;
    let Some(rows) = credential_report(scan, id, emit) else {
        return;
    };
    for row in rows {
        let (name, arn) = (col(row, "user"), col(row, "arn"));
        let tags = user_tags(scan, arn);
        let active: Vec<u8> = [1, 2]
            .into_iter()
            .filter(|n| is_true(row, &format!("access_key_{n}_active")))
            .collect();
        if active.is_empty() {
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
        let mut unused = false;
        for n in active {
            let Some(days) = days_since(scan, col(row, &format!("access_key_{n}_last_used_date")))
            else {
                continue;
            };
            if days > max {
                unused = true;
                emit(
                    Finding::new(
                        id,
                        Status::Fail,
                        region,
                        &format!("{name}/AccessKey{n}"),
                        arn,
                        format!(
                            "User {name} has not used access key {n} in the last {max} days ({days} days)."
                        ),
                    )
                    .with_tags(&tags),
                );
            }
        }
        if !unused {
            emit(
                Finding::new(
                    id,
                    Status::Pass,
                    region,
                    name,
                    arn,
                    format!("User {name} does not have unused access keys for {max} days."),
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
    use crate::testkit::{run, run_with, snapshot, statuses};
    use crate::Settings;
    use kestrel_model::{Fetched, Snapshot};

    fn snap(rows: Vec<Row>) -> Snapshot {
        let mut s = snapshot();
        s.iam.credential_report = Fetched::Ok(rows);
        s
    }

    fn key1(last_used: &str) -> Row {
        with(
            user("alice"),
            &[
                ("access_key_1_active", "true"),
                ("access_key_1_last_rotated", "2023-01-01T00:00:00+00:00"),
                ("access_key_1_last_used_date", last_used),
            ],
        )
    }

    #[test]
    fn pass_without_keys_recently_used_or_never_used() {
        let f = run(
            &CHECK,
            &snap(vec![
                user("bob"),
                key1("2024-12-20T00:00:00+00:00"),
                key1("N/A"),
            ]),
        );
        assert_eq!(statuses(&f), [Status::Pass, Status::Pass, Status::Pass]);
        assert_eq!(
            f[1].status_extended,
            "User alice does not have unused access keys for 45 days."
        );
    }

    #[test]
    fn fail_when_active_key_unused() {
        let f = run(&CHECK, &snap(vec![key1("2024-10-01T00:00:00+00:00")]));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].resource_id, "alice/AccessKey1");
        assert_eq!(
            f[0].status_extended,
            "User alice has not used access key 1 in the last 45 days (92 days)."
        );
    }

    #[test]
    fn threshold_from_settings() {
        let s = snap(vec![key1("2024-10-01T00:00:00+00:00")]);
        let settings = Settings {
            max_unused_credential_days: 100,
            ..Settings::default()
        };
        assert_eq!(statuses(&run_with(&CHECK, &s, &settings)), [Status::Pass]);
    }

    #[test]
    fn error_when_not_collected() {
        assert_eq!(statuses(&run(&CHECK, &snapshot())), [Status::Error]);
    }
}
