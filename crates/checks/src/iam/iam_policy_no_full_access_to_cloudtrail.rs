//! # iam_policy_no_full_access_to_cloudtrail
//!
//! ## Description
//!
//! Checks that no customer-managed IAM policy grants every cloudtrail action
//! (cloudtrail:*) on all resources.
//!
//! Unattached policies are assessed only when unused services are scanned, as in
//! Prowler. A Deny in the same policy that names any of the service's actions clears
//! it; a policy that lists each action by name instead of with a wildcard is not
//! recognised (Prowler expands patterns against its action catalog).
//!
//! ## Risk
//!
//! Full CloudTrail access lets its holder stop trails, delete them or redirect their
//! logs, erasing the record of what they and others do.
//!
//! ## Remediation
//!
//! Replace cloudtrail:* with the specific actions the policy's users need, on specific
//! resources.
//!
//! `aws iam create-policy-version --policy-arn <policy-arn> --policy-document
//! file://narrowed.json --set-as-default`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/awscloudtrail/latest/userguide/security_iam_id-based-policy-examples.html
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#grant-least-privilege

use kestrel_model::{Finding, Severity, Status};

use crate::iam::each_custom_policy;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam_policy_no_full_access_to_cloudtrail",
        title: "Customer managed IAM policy does not allow cloudtrail:* privileges",
        service: "iam",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsIamPolicy",
        categories: &["identity-access"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark",
            "TTPs/Defense Evasion",
        ],
        needs: &[
            kestrel_model::iam::LIST_POLICIES,
            kestrel_model::iam::GET_POLICY_VERSION,
            kestrel_model::iam::LIST_POLICY_TAGS,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let all = scan.settings.scan_unused_services;
    each_custom_policy(
        scan,
        CHECK.meta.id,
        emit,
        |attached| attached || all,
        |name, doc| {
            if crate::util::policy::grants_full_service(doc, "cloudtrail") {
                (
                    Status::Fail,
                    format!("Custom Policy {name} allows 'cloudtrail:*' privileges."),
                )
            } else {
                (
                    Status::Pass,
                    format!("Custom Policy {name} does not allow 'cloudtrail:*' privileges."),
                )
            }
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{run, run_with, snapshot, statuses};
    use crate::Settings;
    use kestrel_model::{iam::Policy, ApiError, Fetched, Snapshot};
    use serde_json::{json, Value};

    fn policy(name: &str, attached: i64, stmt: Value) -> Policy {
        Policy {
            name: name.into(),
            arn: format!("arn:aws:iam::123456789012:policy/{name}"),
            scope: "Local".into(),
            attachment_count: attached,
            document: Fetched::Ok(json!({"Version": "2012-10-17", "Statement": [stmt]})),
            ..Default::default()
        }
    }

    fn snap(policies: Vec<Policy>) -> Snapshot {
        let mut s = snapshot();
        s.iam.policies = Fetched::Ok(policies);
        s
    }

    #[test]
    fn full_access_fails_narrow_passes_unattached_skipped() {
        let full = json!({"Effect": "Allow", "Action": "cloudtrail:*", "Resource": "*"});
        let narrow = json!({"Effect": "Allow", "Action": "cloudtrail:Describe*", "Resource": "*"});
        let s = snap(vec![
            policy("full", 1, full.clone()),
            policy("narrow", 1, narrow),
            policy("spare", 0, full),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Fail, Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "Custom Policy full allows 'cloudtrail:*' privileges."
        );
        let all = Settings {
            scan_unused_services: true,
            ..Default::default()
        };
        assert_eq!(
            statuses(&run_with(&CHECK, &s, &all)),
            [Status::Fail, Status::Pass, Status::Fail]
        );
    }

    #[test]
    fn unreadable_document_is_error() {
        let mut p = policy("p", 1, json!({}));
        p.document = Fetched::Error(ApiError::new("iam:GetPolicyVersion", "AccessDenied", ""));
        let all = Settings {
            scan_unused_services: true,
            ..Default::default()
        };
        assert_eq!(
            statuses(&run_with(&CHECK, &snap(vec![p.clone()]), &all)),
            [Status::Error]
        );
        let mut s = snapshot();
        s.iam.policies = Fetched::Error(ApiError::new("iam:ListPolicies", "AccessDenied", ""));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
