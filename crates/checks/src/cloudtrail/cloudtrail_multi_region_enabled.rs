//! # cloudtrail_multi_region_enabled
//!
//! ## Description
//!
//! Checks that each region is covered by at least one CloudTrail trail that is logging,
//! either a multi-region trail or a trail in that region.
//!
//! CIS 4.1. Each region is one finding: a PASS names the first logging trail found, a FAIL
//! is reported against the account.
//!
//! ## Risk
//!
//! Regions without a logging trail leave API activity unrecorded, so unauthorized changes
//! and data access there cannot be detected or investigated.
//!
//! Attackers favour regions nobody uses, where their activity is least likely to be
//! watched.
//!
//! ## Remediation
//!
//! Create a multi-region trail (or one trail per region) and make sure logging is started.
//!
//! `aws cloudtrail create-trail --name <trail> --s3-bucket-name <bucket>
//! --is-multi-region-trail`, then `aws cloudtrail start-logging --name <trail>`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html
//! - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-create-and-update-a-trail.html

use kestrel_model::{Finding, Severity, Status};

use crate::cloudtrail::{trail_arn_template, trails};
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudtrail_multi_region_enabled",
        title: "Region has at least one CloudTrail trail logging",
        service: "cloudtrail",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsCloudTrailTrail",
        categories: &["logging", "forensics-ready"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
        ],
        needs: &[
            kestrel_model::cloudtrail::DESCRIBE_TRAILS,
            kestrel_model::cloudtrail::GET_TRAIL_STATUS,
            kestrel_model::cloudtrail::LIST_TAGS,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let all = trails(scan, id, emit);
    for (region, _) in scan.regions() {
        if all.failed_regions.contains(&region) {
            continue;
        }
        let covering: Vec<_> = all
            .trails
            .iter()
            .filter(|t| t.is_multi_region || t.home_region == region)
            .collect();
        if let Some(t) = covering.iter().find(|t| t.is_logging.ok() == Some(&true)) {
            let text = if t.is_multi_region {
                format!("Trail {} is multiregion and it is logging.", t.name)
            } else {
                format!("Trail {} is not multiregion and it is logging.", t.name)
            };
            emit(Finding::new(id, Status::Pass, region, &t.name, &t.arn, text).with_tags(&t.tags));
            continue;
        }
        // No trail is known to log here; a trail whose status could not be read might.
        let mut unknown = false;
        for t in covering.iter().filter(|t| t.is_logging.ok().is_none()) {
            collected(&t.is_logging, id, region, &t.name, &t.arn, emit);
            unknown = true;
        }
        if !unknown {
            emit(Finding::new(
                id,
                Status::Fail,
                region,
                scan.account_id(),
                &trail_arn_template(scan, region),
                "No CloudTrail trails enabled with logging were found.",
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloudtrail::testdata::trail;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ApiError, Fetched, Regional, Snapshot};

    /// us-east-1 and eu-west-1, with these trails listed in us-east-1.
    fn two_regions(trails: Vec<kestrel_model::cloudtrail::Trail>) -> Snapshot {
        let mut s = snapshot();
        s.regions.push("eu-west-1".into());
        let shadows: Vec<_> = trails
            .iter()
            .filter(|t| t.is_multi_region)
            .cloned()
            .collect();
        region(&mut s).cloudtrail.trails = Fetched::Ok(trails);
        s.regional.insert(
            "eu-west-1".into(),
            Regional {
                cloudtrail: kestrel_model::cloudtrail::CloudTrail {
                    trails: Fetched::Ok(shadows),
                },
                ..Default::default()
            },
        );
        s
    }

    #[test]
    fn multi_region_logging_trail_covers_every_region() {
        let f = run(&CHECK, &two_regions(vec![trail("org", "us-east-1", true)]));
        assert_eq!(statuses(&f), [Status::Pass, Status::Pass]);
        assert_eq!(f[1].region, "eu-west-1");
        assert_eq!(f[1].resource_id, "org");
        assert_eq!(
            f[1].status_extended,
            "Trail org is multiregion and it is logging."
        );
    }

    #[test]
    fn single_region_trail_covers_only_its_region() {
        let f = run(
            &CHECK,
            &two_regions(vec![trail("local", "us-east-1", false)]),
        );
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "Trail local is not multiregion and it is logging."
        );
        assert_eq!(f[1].region, "eu-west-1");
        assert_eq!(f[1].resource_id, "123456789012");
        assert_eq!(
            f[1].resource_arn,
            "arn:aws:cloudtrail:eu-west-1:123456789012:trail"
        );
        assert_eq!(
            f[1].status_extended,
            "No CloudTrail trails enabled with logging were found."
        );
    }

    #[test]
    fn fail_when_the_trail_is_stopped_or_there_is_none() {
        let mut stopped = trail("org", "us-east-1", true);
        stopped.is_logging = Fetched::Ok(false);
        let f = run(&CHECK, &two_regions(vec![stopped]));
        assert_eq!(statuses(&f), [Status::Fail, Status::Fail]);
        let f = run(&CHECK, &two_regions(vec![]));
        assert_eq!(statuses(&f), [Status::Fail, Status::Fail]);
    }

    #[test]
    fn unreadable_status_is_an_error_not_a_fail() {
        let mut t = trail("org", "us-east-1", true);
        t.is_logging = Fetched::Error(ApiError::new(
            "cloudtrail:GetTrailStatus",
            "AccessDenied",
            "",
        ));
        let mut s = snapshot();
        region(&mut s).cloudtrail.trails = Fetched::Ok(vec![t.clone()]);
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
        // Another trail that is logging still decides the region.
        let mut s2 = snapshot();
        region(&mut s2).cloudtrail.trails = Fetched::Ok(vec![t, trail("ok", "us-east-1", false)]);
        assert_eq!(statuses(&run(&CHECK, &s2)), [Status::Pass]);
    }

    #[test]
    fn denied_listing_is_an_error_for_that_region() {
        let mut s = two_regions(vec![trail("org", "us-east-1", true)]);
        s.regional.get_mut("eu-west-1").unwrap().cloudtrail.trails = Fetched::Error(ApiError::new(
            "cloudtrail:DescribeTrails",
            "AccessDenied",
            "",
        ));
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Error, Status::Pass]);
        assert_eq!(f[0].region, "eu-west-1");
        assert_eq!(f[1].region, "us-east-1");
    }
}
