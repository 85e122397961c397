//! # ec2_instance_profile_attached
//!
//! ## Description
//!
//! Checks that each EC2 instance has an IAM instance profile attached, so AWS API access
//! from the instance uses temporary role credentials.
//!
//! CIS 2.16. Terminated instances are ignored.
//!
//! ## Risk
//!
//! Instances without a role push workloads to store static access keys, which can be stolen
//! from the instance and stay valid until someone rotates them.
//!
//! ## Remediation
//!
//! Attach an instance profile whose role grants least-privilege permissions, and remove any
//! access keys stored on the instance.
//!
//! `aws ec2 associate-iam-instance-profile --instance-id <id> --iam-instance-profile
//! Name=<profile>`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/attach-iam-role.html
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html

use kestrel_model::{Finding, Severity, Status};

use crate::ec2::instance_in_scope;
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2_instance_profile_attached",
        title: "EC2 instance is associated with an IAM instance profile role",
        service: "ec2",
        subservice: "instance",
        severity: Severity::Medium,
        resource_type: "AwsEc2Instance",
        categories: &["identity-access"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices"],
        needs: &[kestrel_model::ec2::DESCRIBE_INSTANCES],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for (region, r) in scan.regions() {
        let Some(instances) = collected(&r.ec2.instances, id, region, scan.account_id(), "", emit)
        else {
            continue;
        };
        for i in instances.iter().filter(|i| instance_in_scope(i)) {
            let (status, text) = match i.iam_instance_profile_arn.as_deref() {
                Some(profile) if !profile.is_empty() => (
                    Status::Pass,
                    format!(
                        "EC2 Instance {} associated with Instance Profile Role {profile}.",
                        i.id
                    ),
                ),
                _ => (
                    Status::Fail,
                    format!(
                        "EC2 Instance {} not associated with an Instance Profile Role.",
                        i.id
                    ),
                ),
            };
            emit(Finding::new(id, status, region, &i.id, &i.arn, text).with_tags(&i.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ec2::Instance, ApiError, Fetched};

    fn instance(id: &str, state: &str, profile: Option<&str>) -> Instance {
        Instance {
            id: id.into(),
            state: state.into(),
            iam_instance_profile_arn: profile.map(String::from),
            ..Default::default()
        }
    }

    fn check(instances: Vec<Instance>) -> Vec<Finding> {
        let mut s = snapshot();
        region(&mut s).ec2.instances = Fetched::Ok(instances);
        run(&CHECK, &s)
    }

    #[test]
    fn pass_with_profile() {
        let f = check(vec![instance(
            "i-1",
            "running",
            Some("arn:aws:iam::123456789012:instance-profile/web"),
        )]);
        assert_eq!(statuses(&f), [Status::Pass]);
        assert!(f[0].status_extended.contains("instance-profile/web"));
    }

    #[test]
    fn fail_without_profile_and_skip_terminated() {
        let f = check(vec![
            instance("i-1", "stopped", None),
            instance("i-2", "terminated", None),
        ]);
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].resource_id, "i-1");
    }

    #[test]
    fn error_when_denied() {
        let mut s = snapshot();
        region(&mut s).ec2.instances = Fetched::Error(ApiError::new(
            "ec2:DescribeInstances",
            "UnauthorizedOperation",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
