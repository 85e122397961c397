//! # ecs_task_definitions_host_networking_mode_users
//!
//! ## Description
//!
//! Checks that an ECS task definition (each active revision) using the host network mode
//! has no non-privileged container running as root or without a user. Other network modes
//! pass.
//!
//! AWS Security Hub control ECS.1. The user is compared as written ("root" or empty), as in
//! Prowler: "0" or "root:root" are not recognized as root.
//!
//! ## Risk
//!
//! In host network mode a container shares the instance's network stack: running as root
//! it can sniff or bind any interface and port of the host and reach the instance
//! metadata service with the instance's credentials.
//!
//! ## Remediation
//!
//! Use the awsvpc or bridge network mode, or set a non-root user for each container of a
//! host-mode task definition, and register a new revision.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-1

use kestrel_model::{Finding, Severity, Status};

use super::{containers_where, named, run_task_definition_check};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ecs_task_definitions_host_networking_mode_users",
        title: "ECS task definition in host network mode runs no container as root",
        service: "ecs",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsEcsTaskDefinition",
        categories: &["container-security", "trust-boundaries"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices/Network Reachability", "Software and Configuration Checks/AWS Security Best Practices/Runtime Behavior Analysis", "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices", "Software and Configuration Checks/Industry and Regulatory Standards/CIS Host Hardening Benchmarks", "TTPs/Privilege Escalation", "TTPs/Lateral Movement"],
        needs: &[
            kestrel_model::ecs::LIST_TASK_DEFINITIONS,
            kestrel_model::ecs::DESCRIBE_TASK_DEFINITION,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_task_definition_check(scan, emit, CHECK.meta.id, |td, d| {
        if d.network_mode != "host" {
            return (
                Status::Pass,
                format!("{} does not have host network mode.", named(td)),
            );
        }
        let bad = containers_where(d, |c| {
            !c.privileged && (c.user.is_empty() || c.user == "root")
        });
        if bad.is_empty() {
            (
                Status::Pass,
                format!(
                    "{} has host network mode but no containers running as root or with no user specified.",
                    named(td)
                ),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "{} has containers with host network mode and non-privileged containers running as root or with no user specified: {bad}.",
                    named(td)
                ),
            )
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ecs::tests::{container, snap, with};
    use crate::testkit::{region, run, snapshot, statuses};
    #[allow(unused_imports)]
    use kestrel_model::{
        ecs::{Container, TaskDefinitionDetails},
        ApiError, Fetched,
    };

    fn host(containers: Vec<Container>) -> Fetched<TaskDefinitionDetails> {
        Fetched::Ok(TaskDefinitionDetails {
            network_mode: "host".into(),
            containers,
            ..Default::default()
        })
    }

    fn user(name: &str, user: &str, privileged: bool) -> Container {
        Container {
            user: user.into(),
            privileged,
            ..container(name)
        }
    }

    #[test]
    fn pass_outside_host_mode() {
        let f = run(&CHECK, &snap(with(vec![user("a", "root", false)])));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert!(f[0]
            .status_extended
            .ends_with("does not have host network mode."));
    }

    #[test]
    fn host_mode_fails_on_root_or_no_user() {
        let f = run(
            &CHECK,
            &snap(host(vec![
                user("a", "root", false),
                user("b", "", false),
                user("c", "app", false),
                user("d", "root", true),
            ])),
        );
        assert_eq!(statuses(&f), [Status::Fail]);
        assert!(f[0].status_extended.ends_with("no user specified: a, b."));
        let f = run(
            &CHECK,
            &snap(host(vec![user("c", "app", false), user("d", "root", true)])),
        );
        assert_eq!(statuses(&f), [Status::Pass]);
    }

    #[test]
    fn error_when_unreadable() {
        let denied = ApiError::new("ecs:DescribeTaskDefinition", "AccessDeniedException", "");
        let f = run(&CHECK, &snap(Fetched::Error(denied)));
        assert_eq!(statuses(&f), [Status::Error]);
        assert_eq!(f[0].resource_id, "web:3");
        let mut s = snapshot();
        region(&mut s).ecs.task_definitions = Fetched::Error(ApiError::new(
            "ecs:ListTaskDefinitions",
            "AccessDeniedException",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
