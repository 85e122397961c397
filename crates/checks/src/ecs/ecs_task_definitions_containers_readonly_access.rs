//! # ecs_task_definitions_containers_readonly_access
//!
//! ## Description
//!
//! Checks that every container of an ECS task definition (each active revision) has a
//! read-only root filesystem. A container that does not set it can write to its root
//! filesystem.
//!
//! AWS Security Hub control ECS.5.
//!
//! ## Risk
//!
//! A writable root filesystem lets an intruder in the container drop tools, alter binaries
//! or plant persistence that survives in the running task.
//!
//! ## Remediation
//!
//! Set readonlyRootFilesystem to true for each container, giving it volumes for the paths
//! it must write (temporary files, caches), and register a new revision.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_ContainerDefinition.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-5

use kestrel_model::{Finding, Severity, Status};

use super::{containers_where, named, run_task_definition_check};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ecs_task_definitions_containers_readonly_access",
        title: "ECS task definition gives containers read-only root filesystems",
        service: "ecs",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsEcsTaskDefinition",
        categories: &["container-security"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices", "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices", "Software and Configuration Checks/Industry and Regulatory Standards/CIS Host Hardening Benchmarks"],
        needs: &[
            kestrel_model::ecs::LIST_TASK_DEFINITIONS,
            kestrel_model::ecs::DESCRIBE_TASK_DEFINITION,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_task_definition_check(scan, emit, CHECK.meta.id, |td, d| {
        let bad = containers_where(d, |c| !c.readonly_root_filesystem);
        if bad.is_empty() {
            (
                Status::Pass,
                format!(
                    "{} does not have containers with write access to the root filesystems.",
                    named(td)
                ),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "{} has containers with write access to the root filesystem: {bad}.",
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

    fn readonly(name: &str, on: bool) -> Container {
        Container {
            readonly_root_filesystem: on,
            ..container(name)
        }
    }

    #[test]
    fn pass_when_all_read_only() {
        let f = run(
            &CHECK,
            &snap(with(vec![readonly("a", true), readonly("b", true)])),
        );
        assert_eq!(statuses(&f), [Status::Pass]);
    }

    #[test]
    fn fail_names_the_writable_ones() {
        let f = run(
            &CHECK,
            &snap(with(vec![readonly("a", true), readonly("b", false)])),
        );
        assert_eq!(statuses(&f), [Status::Fail]);
        assert!(f[0].status_extended.ends_with("root filesystem: b."));
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
