//! # ecs_task_definitions_no_environment_secrets
//!
//! ## Description
//!
//! Checks that no container of an ECS task definition (each active revision) holds a
//! secret in a plain environment variable: credentials recognized by their format (AWS
//! access keys, provider tokens, private keys, JSON Web Tokens, passwords in URLs) or
//! values stored under a password, secret, token or API-key name.
//!
//! AWS Security Hub control ECS.8. kestrel uses its own detector (util::secrets), where
//! Prowler runs the Kingfisher scanner: the two agree on clear cases and can differ on
//! borderline values. A secret whose line matches one of secrets_ignore_patterns is not
//! reported, as in Prowler.
//!
//! ## Risk
//!
//! Plain environment variables are readable by anyone who can describe the task
//! definition, and they end up in logs, crash dumps and every copy of the definition:
//! a leaked value gives direct access to the database or service it unlocks.
//!
//! ## Remediation
//!
//! Store the values in AWS Secrets Manager or SSM Parameter Store and reference them from
//! the container definition's secrets section; rotate every value that was exposed.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-8

use kestrel_model::{Finding, Severity, Status};

use super::{named, run_task_definition_check};
use crate::util::secrets;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ecs_task_definitions_no_environment_secrets",
        title: "ECS task definition keeps no secrets in environment variables",
        service: "ecs",
        subservice: "",
        severity: Severity::Critical,
        resource_type: "AwsEcsTaskDefinition",
        categories: &["secrets"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Sensitive Data Identifications/Passwords",
            "TTPs/Credential Access",
        ],
        needs: &[
            kestrel_model::ecs::LIST_TASK_DEFINITIONS,
            kestrel_model::ecs::DESCRIBE_TASK_DEFINITION,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let ignore = match secrets::ignore_patterns(&scan.settings.secrets_ignore_patterns) {
        Ok(p) => p,
        Err(e) => {
            // A bad setting: one ERROR saying which, instead of unfiltered verdicts.
            emit(Finding::new(
                CHECK.meta.id,
                Status::Error,
                scan.global_region(),
                scan.account_id(),
                "",
                format!("Could not evaluate: {e}."),
            ));
            return;
        }
    };
    run_task_definition_check(scan, emit, CHECK.meta.id, |td, d| {
        let mut parts = Vec::new();
        for c in &d.containers {
            let found: Vec<String> = c
                .environment
                .iter()
                .flat_map(|(name, value)| {
                    let line = secrets::source_line(name, value);
                    let ignored = ignore.iter().any(|p| p.is_match(&line));
                    secrets::find(name, value)
                        .into_iter()
                        .filter(move |_| !ignored)
                        .map(move |rule| format!("{rule} on the environment variable {name}"))
                })
                .collect();
            if !found.is_empty() {
                parts.push(format!(
                    "Secrets in container {} -> {}",
                    c.name,
                    found.join(", ")
                ));
            }
        }
        if parts.is_empty() {
            (
                Status::Pass,
                format!("No secrets found in variables of {}.", named(td)),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "Potential secrets found in {}: {}.",
                    named(td),
                    parts.join("; ")
                ),
            )
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ecs::tests::{container, snap, with};
    use crate::testkit::{run, run_with, statuses};
    use crate::Settings;
    use kestrel_model::ecs::Container;

    fn env(name: &str, vars: &[(&str, &str)]) -> Container {
        Container {
            environment: vars
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            ..container(name)
        }
    }

    #[test]
    fn pass_without_secrets() {
        let f = run(
            &CHECK,
            &snap(with(vec![
                env("app", &[("host", "localhost:1234")]),
                container("b"),
            ])),
        );
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "No secrets found in variables of ECS task definition web with revision 3."
        );
    }

    #[test]
    fn fail_names_container_rule_and_variable() {
        let f = run(
            &CHECK,
            &snap(with(vec![
                env(
                    "app",
                    &[("host", "db"), ("DB_PASSWORD", "Tr0ub4dor3xKq9vLmZ")],
                ),
                env("worker", &[("KEY", "AKIAIOSFODNN7EXAMPLE")]),
            ])),
        );
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "Potential secrets found in ECS task definition web with revision 3: \
             Secrets in container app -> Generic Password on the environment variable DB_PASSWORD; \
             Secrets in container worker -> AWS Access Key ID on the environment variable KEY."
        );
    }

    #[test]
    fn ignore_patterns_drop_matching_lines() {
        let s = snap(with(vec![env(
            "worker",
            &[("KEY", "AKIAIOSFODNN7EXAMPLE")],
        )]));
        let settings = Settings {
            secrets_ignore_patterns: vec!["EXAMPLE\"$".into()],
            ..Settings::default()
        };
        assert_eq!(statuses(&run_with(&CHECK, &s, &settings)), [Status::Pass]);
        let bad = Settings {
            secrets_ignore_patterns: vec!["(".into()],
            ..Settings::default()
        };
        let f = run_with(&CHECK, &s, &bad);
        assert_eq!(statuses(&f), [Status::Error]);
        assert!(f[0].status_extended.contains("secrets_ignore_patterns"));
    }
}
