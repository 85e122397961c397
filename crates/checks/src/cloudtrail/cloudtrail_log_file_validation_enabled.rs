//! # cloudtrail_log_file_validation_enabled
//!
//! ## Description
//!
//! Checks that each CloudTrail trail has log file integrity validation enabled, so
//! CloudTrail delivers signed digest files alongside the logs.
//!
//! CIS 4.2. The trail's `LogFileValidationEnabled` setting decides. Each trail is reported
//! once, in its home region.
//!
//! ## Risk
//!
//! Without validation, log files can be altered or deleted after delivery without
//! detection, undermining investigations and non-repudiation.
//!
//! ## Remediation
//!
//! Enable log file validation on every trail and protect the digest files (restricted
//! bucket access, Object Lock or MFA delete).
//!
//! `aws cloudtrail update-trail --name <trail> --enable-log-file-validation`; `aws
//! cloudtrail validate-logs --trail-arn <arn> --start-time <time>` then verifies the
//! delivered files.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-enabling.html
//! - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-log-file-validation-intro.html

use kestrel_model::{Finding, Severity, Status};

use crate::cloudtrail::{scope, trails};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudtrail_log_file_validation_enabled",
        title: "CloudTrail trail has log file validation enabled",
        service: "cloudtrail",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsCloudTrailTrail",
        categories: &["logging", "forensics-ready"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
        ],
        needs: &[kestrel_model::cloudtrail::DESCRIBE_TRAILS, kestrel_model::cloudtrail::LIST_TAGS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for t in trails(scan, id, emit).trails {
        let (status, state) = if t.log_file_validation_enabled {
            (Status::Pass, "enabled")
        } else {
            (Status::Fail, "disabled")
        };
        let text = format!(
            "{} trail {} has log file validation {state}.",
            scope(t),
            t.name
        );
        emit(Finding::new(id, status, &t.home_region, &t.name, &t.arn, text).with_tags(&t.tags));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloudtrail::testdata::trail;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{Fetched, Regional};

    #[test]
    fn pass_when_enabled_fail_when_not() {
        let mut s = snapshot();
        let mut on = trail("on", "us-east-1", true);
        on.log_file_validation_enabled = true;
        let off = trail("off", "us-east-1", false);
        region(&mut s).cloudtrail.trails = Fetched::Ok(vec![on, off]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "Multiregion trail on has log file validation enabled."
        );
        assert_eq!(
            f[1].status_extended,
            "Single region trail off has log file validation disabled."
        );
    }

    #[test]
    fn a_multi_region_trail_is_reported_once_in_its_home_region() {
        let mut s = snapshot();
        s.regions.push("eu-west-1".into());
        let t = trail("org", "eu-west-1", true);
        region(&mut s).cloudtrail.trails = Fetched::Ok(vec![t.clone()]);
        s.regional.insert(
            "eu-west-1".into(),
            Regional {
                cloudtrail: kestrel_model::cloudtrail::CloudTrail {
                    trails: Fetched::Ok(vec![t]),
                },
                ..Default::default()
            },
        );
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].region, "eu-west-1");
    }
}
