//! # ec2_instance_imdsv2_enabled
//!
//! ## Description
//!
//! Checks that each EC2 instance requires IMDSv2 tokens (HttpTokens required) or has the
//! instance metadata endpoint disabled.
//!
//! CIS 6.7. Terminated instances are ignored.
//!
//! ## Risk
//!
//! With IMDSv1 allowed, server-side request forgery or a misconfigured proxy on the
//! instance can fetch the instance role's temporary credentials.
//!
//! IMDSv2 hands out credentials only against a session token obtained with a PUT request,
//! which such forged requests can rarely issue.
//!
//! ## Remediation
//!
//! Set the instance metadata options to HttpTokens=required (or disable the endpoint when
//! unused), and make IMDSv2 the account default for new instances.
//!
//! `aws ec2 modify-instance-metadata-options --instance-id <id> --http-tokens required
//! --http-endpoint enabled`; `aws ec2 modify-instance-metadata-defaults --http-tokens
//! required` sets the account default in a region.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-existing-instances.html
//! - https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-instance-metadata-service.html

use kestrel_model::{Finding, Severity, Status};

use crate::ec2::instance_in_scope;
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2_instance_imdsv2_enabled",
        title: "EC2 instance requires IMDSv2 or has the instance metadata service disabled",
        service: "ec2",
        subservice: "instance",
        severity: Severity::High,
        resource_type: "AwsEc2Instance",
        categories: &["identity-access", "secrets", "ec2-imdsv1"],
        check_type: &["Infrastructure Security"],
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
            let endpoint = i.http_endpoint.as_deref();
            let (status, text) =
                if endpoint == Some("enabled") && i.http_tokens.as_deref() == Some("required") {
                    (
                        Status::Pass,
                        format!("EC2 Instance {} has IMDSv2 enabled and required.", i.id),
                    )
                } else if endpoint == Some("disabled") {
                    (
                        Status::Pass,
                        format!("EC2 Instance {} has metadata service disabled.", i.id),
                    )
                } else {
                    (
                        Status::Fail,
                        format!("EC2 Instance {} has IMDSv2 disabled or not required.", i.id),
                    )
                };
            emit(Finding::new(id, status, region, &i.id, &i.arn, text).with_tags(&i.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ec2::Instance, Fetched};

    fn instance(id: &str, state: &str, endpoint: &str, tokens: &str) -> Instance {
        Instance {
            id: id.into(),
            arn: format!("arn:aws:ec2:us-east-1:123456789012:instance/{id}"),
            state: state.into(),
            http_endpoint: Some(endpoint.into()),
            http_tokens: Some(tokens.into()),
            ..Default::default()
        }
    }

    fn check(instances: Vec<Instance>) -> Vec<Status> {
        let mut s = snapshot();
        region(&mut s).ec2.instances = Fetched::Ok(instances);
        statuses(&run(&CHECK, &s))
    }

    #[test]
    fn pass_when_required_or_disabled() {
        assert_eq!(
            check(vec![
                instance("i-1", "running", "enabled", "required"),
                instance("i-2", "stopped", "disabled", "optional"),
            ]),
            [Status::Pass, Status::Pass]
        );
    }

    #[test]
    fn fail_when_optional() {
        assert_eq!(
            check(vec![instance("i-1", "running", "enabled", "optional")]),
            [Status::Fail]
        );
    }

    #[test]
    fn terminated_instances_are_skipped() {
        assert!(check(vec![instance("i-1", "terminated", "enabled", "optional")]).is_empty());
    }
}
