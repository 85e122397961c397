//! # s3_bucket_cross_account_access
//!
//! ## Description
//!
//! Checks that no S3 bucket policy lets in principals outside the account: everyone, or
//! another account that is not in the setting trusted_account_ids (Prowler's name), without
//! a condition tying the access to the account, its organization, a VPC or private
//! addresses. A bucket without a policy passes.
//!
//! AWS Security Hub controls S3.6 and S3.7. Principals and conditions are read as Prowler
//! reads them (util::cross_account): an account is recognized by its id appearing in the
//! principal or the condition value.
//!
//! ## Risk
//!
//! Another account with access can read, change or delete the bucket's data under its own
//! identities, outside this account's IAM policies, monitoring and offboarding.
//!
//! ## Remediation
//!
//! Remove the other accounts from the bucket policy, or add them to trusted_account_ids if
//! they are yours, or restrict the statements with aws:PrincipalOrgID or
//! aws:SourceAccount conditions.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/AmazonS3/latest/userguide/example-walkthroughs-managing-access-example2.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/s3-controls.html#s3-6

use kestrel_model::{Finding, Severity, Status};

use super::run_bucket_check;
use crate::util::cross_account::allows_outside_access;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "s3_bucket_cross_account_access",
        title: "S3 bucket policy does not allow access from other accounts",
        service: "s3",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsS3Bucket",
        categories: &["identity-access", "trust-boundaries"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "TTPs/Initial Access/Unauthorized Access",
            "Effects/Data Exposure",
        ],
        needs: &[
            kestrel_model::s3::LIST_ALL_MY_BUCKETS,
            kestrel_model::s3::GET_BUCKET_POLICY,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let account = scan.account_id();
    let trusted = &scan.settings.trusted_account_ids;
    run_bucket_check(
        scan,
        emit,
        CHECK.meta.id,
        |b| &b.policy,
        |b, policy| match policy {
            None => (
                Status::Pass,
                format!("S3 Bucket {} does not have a bucket policy.", b.name),
            ),
            Some(doc) if allows_outside_access(doc, account, trusted) => (
                Status::Fail,
                format!(
                    "S3 Bucket {} has a bucket policy allowing cross account access.",
                    b.name
                ),
            ),
            Some(_) => (
                Status::Pass,
                format!(
                    "S3 Bucket {} has a bucket policy but it does not allow cross account access.",
                    b.name
                ),
            ),
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::s3::tests::{bucket, with_buckets};
    use crate::testkit::{run, run_with, statuses};
    use crate::Settings;
    use kestrel_model::{ApiError, Fetched};
    use serde_json::json;

    fn with_policy(policy: Fetched<Option<serde_json::Value>>) -> kestrel_model::Snapshot {
        let mut b = bucket("data");
        b.policy = policy;
        with_buckets(vec![b])
    }

    fn granting(principal: &str) -> Fetched<Option<serde_json::Value>> {
        Fetched::Ok(Some(json!({"Statement": [{"Effect": "Allow",
            "Principal": {"AWS": principal}, "Action": "s3:GetObject", "Resource": "arn:aws:s3:::data/*"}]})))
    }

    #[test]
    fn pass_without_policy_or_with_own_account() {
        let f = run(&CHECK, &with_policy(Fetched::Ok(None)));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "S3 Bucket data does not have a bucket policy."
        );
        let own = with_policy(granting("arn:aws:iam::123456789012:role/app"));
        assert_eq!(statuses(&run(&CHECK, &own)), [Status::Pass]);
    }

    #[test]
    fn fail_for_another_account_unless_trusted() {
        let other = with_policy(granting("arn:aws:iam::111122223333:root"));
        let f = run(&CHECK, &other);
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "S3 Bucket data has a bucket policy allowing cross account access."
        );
        let trusted = Settings {
            trusted_account_ids: vec!["111122223333".into()],
            ..Settings::default()
        };
        assert_eq!(
            statuses(&run_with(&CHECK, &other, &trusted)),
            [Status::Pass]
        );
    }

    #[test]
    fn error_when_the_policy_is_unreadable() {
        let denied = Fetched::Error(ApiError::new("s3:GetBucketPolicy", "AccessDenied", ""));
        assert_eq!(
            statuses(&run(&CHECK, &with_policy(denied))),
            [Status::Error]
        );
    }
}
