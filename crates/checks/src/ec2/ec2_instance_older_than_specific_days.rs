//! # ec2_instance_older_than_specific_days
//!
//! ## Description
//!
//! Checks that running EC2 instances were launched less than a set number of days ago,
//! 180 by default.
//!
//! AWS FSBP EC2.4 (stopped instances are its concern; Prowler reads it as instance age).
//! The limit is the setting `max_ec2_instance_age_in_days`, with Prowler's name and
//! default. Every instance is reported, as in Prowler: one that is not running passes.
//! Age is counted in whole days since launch at the scan time; an instance older than the
//! limit fails, one exactly at it passes.
//!
//! ## Risk
//!
//! Long-lived instances drift from their baseline: they miss the patches and hardening of
//! newer images, accumulate manual changes and credentials, and are the hosts attackers
//! most like to persist on.
//!
//! ## Remediation
//!
//! Replace instances regularly from freshly patched images (an Auto Scaling group instance
//! refresh, or a pipeline that rebuilds AMIs), rather than patching them in place forever.
//!
//! `aws autoscaling start-instance-refresh --auto-scaling-group-name <group>` replaces a
//! group's instances with ones launched from its current template.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/ec2-controls.html#ec2-4
//! - https://docs.aws.amazon.com/autoscaling/ec2/userguide/asg-instance-refresh.html

use kestrel_model::{time, Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "ec2_instance_older_than_specific_days",
        title: "Running EC2 instance is younger than the configured maximum age",
        service: "ec2",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsEc2Instance",
        categories: &[],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Patch Management",
        ],
        needs: &[kestrel_model::ec2::DESCRIBE_INSTANCES],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let max = scan.settings.max_ec2_instance_age_in_days;
    for (region, r) in scan.regions() {
        let Some(instances) = collected(&r.ec2.instances, id, region, scan.account_id(), "", emit)
        else {
            continue;
        };
        for i in instances {
            let (status, text) = if i.state != "running" {
                (
                    Status::Pass,
                    format!("EC2 Instance {} is not running.", i.id),
                )
            } else if let Some(launched) = i.launch_time.as_deref().and_then(time::parse) {
                let days = time::days_between(launched, scan.now);
                if days > max {
                    (
                        Status::Fail,
                        format!(
                            "EC2 Instance {} is older than {max} days ({days} days).",
                            i.id
                        ),
                    )
                } else {
                    (
                        Status::Pass,
                        format!(
                            "EC2 Instance {} is not older than {max} days ({days} days).",
                            i.id
                        ),
                    )
                }
            } else {
                (
                    Status::Error,
                    format!(
                        "Could not evaluate: EC2 did not report when instance {} was launched.",
                        i.id
                    ),
                )
            };
            emit(Finding::new(id, status, region, &i.id, &i.arn, text).with_tags(&i.tags));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, run_with, snapshot, statuses, NOW};
    use crate::Settings;
    use kestrel_model::{ec2::Instance, Fetched, Snapshot};

    fn snap(state: &str, days_ago: Option<i64>) -> Snapshot {
        let mut s = snapshot();
        region(&mut s).ec2.instances = Fetched::Ok(vec![Instance {
            id: "i-1".into(),
            state: state.into(),
            launch_time: days_ago.map(|d| time::rfc3339(NOW - d * 86_400 - 60)),
            ..Default::default()
        }]);
        s
    }

    #[test]
    fn fail_beyond_the_limit_pass_at_it() {
        let f = run(&CHECK, &snap("running", Some(181)));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "EC2 Instance i-1 is older than 180 days (181 days)."
        );
        let f = run(&CHECK, &snap("running", Some(180)));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "EC2 Instance i-1 is not older than 180 days (180 days)."
        );
    }

    #[test]
    fn instances_not_running_pass_and_the_limit_is_a_setting() {
        for state in ["stopped", "terminated"] {
            let f = run(&CHECK, &snap(state, Some(900)));
            assert_eq!(statuses(&f), [Status::Pass]);
            assert_eq!(f[0].status_extended, "EC2 Instance i-1 is not running.");
        }
        let settings = Settings {
            max_ec2_instance_age_in_days: 30,
            ..Default::default()
        };
        assert_eq!(
            statuses(&run_with(&CHECK, &snap("running", Some(31)), &settings)),
            [Status::Fail]
        );
    }

    #[test]
    fn error_without_a_launch_time() {
        assert_eq!(
            statuses(&run(&CHECK, &snap("running", None))),
            [Status::Error]
        );
    }
}
