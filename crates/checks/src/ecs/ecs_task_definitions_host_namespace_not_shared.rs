//! # ecs_task_definitions_host_namespace_not_shared
//!
//! ## Description
//!
//! Checks that an ECS task definition (each active revision) does not use the host's
//! process namespace (pidMode host).
//!
//! AWS Security Hub control ECS.3.
//!
//! ## Risk
//!
//! Containers that see the host's processes can inspect them, read their environments and
//! signal them, which breaks the isolation between tasks and from the host.
//!
//! ## Remediation
//!
//! Remove pidMode host (or use task) from the task definition and register a new revision.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#task_definition_pidmode
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-3

use kestrel_model::{Finding, Severity, Status};

use super::{named, run_task_definition_check};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ecs_task_definitions_host_namespace_not_shared",
        title: "ECS task definition does not share the host's process namespace",
        service: "ecs",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsEcsTaskDefinition",
        categories: &["container-security"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices", "Software and Configuration Checks/Industry and Regulatory Standards/CIS Host Hardening Benchmarks", "TTPs/Privilege Escalation", "TTPs/Discovery"],
        needs: &[
            kestrel_model::ecs::LIST_TASK_DEFINITIONS,
            kestrel_model::ecs::DESCRIBE_TASK_DEFINITION,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_task_definition_check(scan, emit, CHECK.meta.id, |td, d| {
        if d.pid_mode == "host" {
            (
                Status::Fail,
                format!(
                    "{} is configured to share a host's process namespace with its containers.",
                    named(td)
                ),
            )
        } else {
            (
                Status::Pass,
                format!(
                    "{} does not share a host's process namespace with its containers.",
                    named(td)
                ),
            )
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ecs::tests::snap;
    use crate::testkit::{region, run, snapshot, statuses};
    #[allow(unused_imports)]
    use kestrel_model::{
        ecs::{Container, TaskDefinitionDetails},
        ApiError, Fetched,
    };

    fn pid(mode: &str) -> Fetched<TaskDefinitionDetails> {
        Fetched::Ok(TaskDefinitionDetails {
            pid_mode: mode.into(),
            ..Default::default()
        })
    }

    #[test]
    fn pass_and_fail() {
        assert_eq!(statuses(&run(&CHECK, &snap(pid("")))), [Status::Pass]);
        assert_eq!(statuses(&run(&CHECK, &snap(pid("task")))), [Status::Pass]);
        assert_eq!(statuses(&run(&CHECK, &snap(pid("host")))), [Status::Fail]);
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
