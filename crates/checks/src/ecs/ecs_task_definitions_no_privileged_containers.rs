//! # ecs_task_definitions_no_privileged_containers
//!
//! ## Description
//!
//! Checks that no container of an ECS task definition (each active revision) runs in
//! privileged mode.
//!
//! AWS Security Hub control ECS.4.
//!
//! ## Risk
//!
//! A privileged container has root's full power on the host: one compromised container
//! takes the instance and every other task on it.
//!
//! ## Remediation
//!
//! Remove privileged from the container definitions (grant only the Linux capabilities a
//! container needs) and register a new revision.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definition_parameters.html#container_definition_security
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-4

use kestrel_model::{Finding, Severity, Status};

use super::{containers_where, named, run_task_definition_check};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ecs_task_definitions_no_privileged_containers",
        title: "ECS task definition runs no privileged container",
        service: "ecs",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsEcsTaskDefinition",
        categories: &["container-security"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices", "Software and Configuration Checks/Industry and Regulatory Standards/CIS Host Hardening Benchmarks", "TTPs/Privilege Escalation"],
        needs: &[
            kestrel_model::ecs::LIST_TASK_DEFINITIONS,
            kestrel_model::ecs::DESCRIBE_TASK_DEFINITION,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_task_definition_check(scan, emit, CHECK.meta.id, |td, d| {
        let bad = containers_where(d, |c| c.privileged);
        if bad.is_empty() {
            (
                Status::Pass,
                format!("{} does not have privileged containers.", named(td)),
            )
        } else {
            (
                Status::Fail,
                format!("{} has privileged containers: {bad}.", named(td)),
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
    fn pass_and_fail() {
        assert_eq!(
            statuses(&run(&CHECK, &snap(with(vec![container("a")])))),
            [Status::Pass]
        );
        let root = Container {
            privileged: true,
            ..container("b")
        };
        let f = run(&CHECK, &snap(with(vec![container("a"), root])));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert!(f[0].status_extended.ends_with("privileged containers: b."));
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
