//! # ec2_securitygroup_not_used
//!
//! ## Description
//!
//! Checks that every security group other than the default ones is in use.
//!
//! AWS FSBP EC2.22. As in Prowler, a group is in use when a network interface of the
//! region lists it (whatever the interface's kind or state), a Lambda function's VPC
//! configuration names it, or an ingress rule of any group (itself included) takes it as
//! its source. Launch templates and Auto Scaling configurations that name a group do not
//! count. Groups named `default` are not reported.
//!
//! ## Risk
//!
//! Unused groups pile up with old, often permissive rules; anyone who can attach a group
//! can reuse one of them and open access nobody reviews any more.
//!
//! ## Remediation
//!
//! Delete groups nothing uses, after checking launch templates and infrastructure code
//! that may still name them.
//!
//! `aws ec2 delete-security-group --group-id <sg>`; `aws ec2
//! describe-security-group-references --group-id <sg>` shows references from peered VPCs.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-22
//! - https://docs.aws.amazon.com/vpc/latest/userguide/deleting-security-groups.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2_securitygroup_not_used",
        title: "Non-default security group is in use",
        service: "ec2",
        subservice: "",
        severity: Severity::Low,
        resource_type: "AwsEc2SecurityGroup",
        categories: &["trust-boundaries"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices"],
        needs: &[
            kestrel_model::ec2::DESCRIBE_SECURITY_GROUPS,
            kestrel_model::ec2::DESCRIBE_NETWORK_INTERFACES,
            kestrel_model::lambda::LIST_FUNCTIONS,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let account = scan.account_id();
    for (region, r) in scan.regions() {
        let Some(groups) = collected(&r.ec2.security_groups, id, region, account, "", emit) else {
            continue;
        };
        let custom: Vec<_> = groups.iter().filter(|g| g.name != "default").collect();
        if custom.is_empty() {
            continue;
        }
        // Without interfaces or functions, "not used" cannot be told from "not known".
        let Some(enis) = collected(&r.ec2.network_interfaces, id, region, account, "", emit) else {
            continue;
        };
        let Some(functions) = collected(&r.lambda.functions, id, region, account, "", emit) else {
            continue;
        };
        for sg in custom {
            let used = enis.iter().any(|e| e.security_group_ids.contains(&sg.id))
                || functions
                    .iter()
                    .any(|f| f.vpc_security_group_ids.contains(&sg.id))
                || groups
                    .iter()
                    .flat_map(|g| &g.ingress)
                    .any(|rule| rule.group_ids.contains(&sg.id));
            let label = format!("Security group {} ({})", sg.name, sg.id);
            let (status, text) = if used {
                (Status::Pass, format!("{label} it is being used."))
            } else {
                (Status::Fail, format!("{label} it is not being used."))
            };
            emit(
                Finding::new(id, status, region, &sg.id, &sg.arn, text)
                    .with_tags(&sg.tags)
                    .with_details(&sg.name),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{
        ec2::IpPermission, ec2::NetworkInterface, ec2::SecurityGroup, lambda::LambdaFunction,
        ApiError, Fetched, Snapshot,
    };

    fn group(id: &str, name: &str, sources: &[&str]) -> SecurityGroup {
        SecurityGroup {
            id: id.into(),
            name: name.into(),
            ingress: vec![IpPermission {
                protocol: "tcp".into(),
                group_ids: sources.iter().map(|s| s.to_string()).collect(),
                ..Default::default()
            }],
            ..Default::default()
        }
    }

    fn snap(groups: Vec<SecurityGroup>, eni_groups: &[&str], lambda_groups: &[&str]) -> Snapshot {
        let mut s = snapshot();
        let r = region(&mut s);
        r.ec2.security_groups = Fetched::Ok(groups);
        r.ec2.network_interfaces = Fetched::Ok(vec![NetworkInterface {
            id: "eni-1".into(),
            security_group_ids: eni_groups.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }]);
        r.lambda.functions = Fetched::Ok(vec![LambdaFunction {
            name: "f".into(),
            vpc_security_group_ids: lambda_groups.iter().map(|s| s.to_string()).collect(),
            ..Default::default()
        }]);
        s
    }

    #[test]
    fn in_use_by_an_interface_a_function_or_a_rule() {
        let s = snap(
            vec![
                group("sg-1", "web", &[]),
                group("sg-2", "fn", &[]),
                group("sg-3", "db", &["sg-4"]),
                group("sg-4", "app", &[]),
                group("sg-5", "old", &[]),
                group("sg-0", "default", &[]),
            ],
            &["sg-1"],
            &["sg-2"],
        );
        let f = run(&CHECK, &s);
        assert_eq!(
            statuses(&f),
            [
                Status::Pass,
                Status::Pass,
                Status::Fail,
                Status::Pass,
                Status::Fail
            ]
        );
        assert_eq!(
            f[2].status_extended,
            "Security group db (sg-3) it is not being used."
        );
        assert_eq!(
            f[3].status_extended,
            "Security group app (sg-4) it is being used."
        );
        assert_eq!(f[4].resource_details, "old");
    }

    #[test]
    fn a_self_reference_counts_and_defaults_are_not_reported() {
        let f = run(
            &CHECK,
            &snap(vec![group("sg-1", "self", &["sg-1"])], &[], &[]),
        );
        assert_eq!(statuses(&f), [Status::Pass]);
        assert!(run(&CHECK, &snap(vec![group("sg-0", "default", &[])], &[], &[])).is_empty());
    }

    #[test]
    fn error_when_functions_are_unknown() {
        let mut s = snap(vec![group("sg-1", "web", &[])], &[], &[]);
        region(&mut s).lambda.functions = Fetched::Error(ApiError::new(
            "lambda:ListFunctions",
            "AccessDeniedException",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
