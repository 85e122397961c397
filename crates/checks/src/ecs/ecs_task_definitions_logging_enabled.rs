//! # ecs_task_definitions_logging_enabled
//!
//! ## Description
//!
//! Checks that every container of an ECS task definition (each active revision) has a log
//! configuration with a log driver.
//!
//! AWS Security Hub control ECS.9.
//!
//! ## Risk
//!
//! A container without a log driver leaves no record of what it did: errors, intrusions and
//! misuse cannot be investigated.
//!
//! ## Remediation
//!
//! Add a logConfiguration (for example the awslogs driver to CloudWatch Logs, or
//! FireLens) to every container definition and register a new revision.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/using_awslogs.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-9

use kestrel_model::{Finding, Severity, Status};

use super::{containers_where, named, run_task_definition_check};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ecs_task_definitions_logging_enabled",
        title: "ECS task definition sends every container's logs somewhere",
        service: "ecs",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsEcsTaskDefinition",
        categories: &["logging"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices/Runtime Behavior Analysis", "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices"],
        needs: &[
            kestrel_model::ecs::LIST_TASK_DEFINITIONS,
            kestrel_model::ecs::DESCRIBE_TASK_DEFINITION,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_task_definition_check(scan, emit, CHECK.meta.id, |td, d| {
        let bad = containers_where(d, |c| c.log_driver.is_empty());
        if bad.is_empty() {
            (
                Status::Pass,
                format!("{} containers have logging configured.", named(td)),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "{} has containers running with no logging configuration: {bad}.",
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

    #[test]
    fn pass_when_every_container_logs() {
        let mut c = container("app");
        c.log_driver = "awslogs".into();
        let f = run(&CHECK, &snap(with(vec![c])));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(f[0].resource_id, "web:3");
        assert_eq!(
            f[0].status_extended,
            "ECS task definition web with revision 3 containers have logging configured."
        );
    }

    #[test]
    fn fail_names_the_silent_containers() {
        let mut logs = container("app");
        logs.log_driver = "awslogs".into();
        let f = run(
            &CHECK,
            &snap(with(vec![logs, container("sidecar"), container("init")])),
        );
        assert_eq!(statuses(&f), [Status::Fail]);
        assert!(f[0]
            .status_extended
            .ends_with("configuration: sidecar, init."));
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
