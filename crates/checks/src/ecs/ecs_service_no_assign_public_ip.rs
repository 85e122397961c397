//! # ecs_service_no_assign_public_ip
//!
//! ## Description
//!
//! Checks that no ECS service assigns public IP addresses to its tasks' network
//! interfaces (awsvpc network configuration with assignPublicIp ENABLED).
//!
//! AWS Security Hub control ECS.2. The resource id is cluster/service, as in Prowler.
//!
//! ## Risk
//!
//! Tasks with public addresses are reachable from the internet wherever their security
//! groups allow it, outside any load balancer, WAF or private network boundary.
//!
//! ## Remediation
//!
//! Update the service's network configuration to disable public IP assignment and place
//! its tasks in private subnets, reaching the internet through a NAT gateway or VPC
//! endpoints.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task-networking-awsvpc.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ecs-controls.html#ecs-2

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ecs_service_no_assign_public_ip",
        title: "ECS service does not give its tasks public IP addresses",
        service: "ecs",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsEcsService",
        categories: &["internet-exposed"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Network Reachability",
        ],
        needs: &[
            kestrel_model::ecs::LIST_CLUSTERS,
            kestrel_model::ecs::LIST_SERVICES,
            kestrel_model::ecs::DESCRIBE_SERVICES,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(services) = collected(&r.ecs.services, id, region, scan.account_id(), "", emit)
        else {
            continue;
        };
        for s in services {
            let (status, text) = if s.assign_public_ip {
                (
                    Status::Fail,
                    format!("ECS Service {} has automatic public IP assignment.", s.name),
                )
            } else {
                (
                    Status::Pass,
                    format!(
                        "ECS Service {} does not have automatic public IP assignment.",
                        s.name
                    ),
                )
            };
            let rid = format!("{}/{}", s.cluster, s.name);
            emit(Finding::new(id, status, region, &rid, &s.arn, text).with_tags(&s.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ecs::Service, ApiError, Fetched};

    #[test]
    fn pass_and_fail_per_service() {
        let mut s = snapshot();
        let svc = |name: &str, public: bool| Service {
            name: name.into(),
            arn: format!("arn:aws:ecs:us-east-1:123456789012:service/prod/{name}"),
            cluster: "prod".into(),
            assign_public_ip: public,
            ..Default::default()
        };
        region(&mut s).ecs.services = Fetched::Ok(vec![svc("api", false), svc("web", true)]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert_eq!(f[1].resource_id, "prod/web");
        assert_eq!(
            f[1].status_extended,
            "ECS Service web has automatic public IP assignment."
        );
    }

    #[test]
    fn error_when_unreadable() {
        let mut s = snapshot();
        region(&mut s).ecs.services = Fetched::Error(ApiError::new(
            "ecs:DescribeServices",
            "AccessDeniedException",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
