//! # cloudtrail_kms_encryption_enabled
//!
//! ## Description
//!
//! Checks that each CloudTrail trail has a KMS key configured (KmsKeyId), so its log files
//! are encrypted with SSE-KMS.
//!
//! CIS 4.5. Each trail is reported once, in its home region.
//!
//! ## Risk
//!
//! Without a KMS key, anyone who can read the log bucket can read the audit trail; there is
//! no separate key policy guarding it and no record of decryptions.
//!
//! ## Remediation
//!
//! Create a customer managed KMS key whose policy allows CloudTrail to encrypt and your
//! auditors to decrypt, then set it on the trail (update-trail --kms-key-id).
//!
//! `aws cloudtrail update-trail --name <trail> --kms-key-id <key-arn>`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/encrypting-cloudtrail-log-files-with-aws-kms.html
//! - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/create-kms-key-policy-for-cloudtrail.html

use kestrel_model::{Finding, Severity, Status};

use crate::cloudtrail::{scope, trails};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "cloudtrail_kms_encryption_enabled",
        title: "CloudTrail trail logs are encrypted at rest with a KMS key",
        service: "cloudtrail",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsCloudTrailTrail",
        categories: &["encryption"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
        ],
        needs: &[kestrel_model::cloudtrail::DESCRIBE_TRAILS, kestrel_model::cloudtrail::LIST_TAGS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    for t in trails(scan, id, emit).trails {
        let (status, state) = match &t.kms_key_id {
            Some(k) if !k.is_empty() => (Status::Pass, "enabled"),
            _ => (Status::Fail, "disabled"),
        };
        let text = format!("{} trail {} has encryption {state}.", scope(t), t.name);
        emit(Finding::new(id, status, &t.home_region, &t.name, &t.arn, text).with_tags(&t.tags));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cloudtrail::testdata::trail;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ApiError, Fetched};

    fn check(key: Option<&str>, multi: bool) -> Vec<Finding> {
        let mut s = snapshot();
        let mut t = trail("main", "us-east-1", multi);
        t.kms_key_id = key.map(String::from);
        region(&mut s).cloudtrail.trails = Fetched::Ok(vec![t]);
        run(&CHECK, &s)
    }

    #[test]
    fn pass_with_a_kms_key() {
        let f = check(Some("arn:aws:kms:us-east-1:123456789012:key/k"), true);
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "Multiregion trail main has encryption enabled."
        );
        assert_eq!(f[0].resource_id, "main");
        assert_eq!(
            f[0].resource_arn,
            "arn:aws:cloudtrail:us-east-1:123456789012:trail/main"
        );
    }

    #[test]
    fn fail_without_a_key() {
        let f = check(None, false);
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "Single region trail main has encryption disabled."
        );
    }

    #[test]
    fn no_trails_no_findings_and_error_when_denied() {
        let mut s = snapshot();
        region(&mut s).cloudtrail.trails = Fetched::Ok(vec![]);
        assert!(run(&CHECK, &s).is_empty());
        region(&mut s).cloudtrail.trails = Fetched::Error(ApiError::new(
            "cloudtrail:DescribeTrails",
            "AccessDenied",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
