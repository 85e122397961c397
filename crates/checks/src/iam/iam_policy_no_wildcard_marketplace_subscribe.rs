//! # iam_policy_no_wildcard_marketplace_subscribe
//!
//! ## Description
//!
//! Checks that no customer-managed IAM policy allows aws-marketplace:Subscribe on all
//! resources.
//!
//! Allows through Action or NotAction count, conditional or not; an unconditional Deny
//! on all resources that covers the action clears it, as in Prowler. Unattached
//! policies are assessed only when unused services are scanned.
//!
//! ## Risk
//!
//! Whoever holds the policy can subscribe the account to any Marketplace product,
//! including paid foundation models, incurring charges and bringing unvetted software
//! in.
//!
//! ## Remediation
//!
//! Limit aws-marketplace:Subscribe to the product ids that are approved
//! (aws-marketplace:ProductId condition), or remove it and let a central team
//! subscribe.
//!
//! `aws iam create-policy-version --policy-arn <policy-arn> --policy-document
//! file://scoped.json --set-as-default`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/marketplace/latest/buyerguide/buyer-iam-users-groups-policies.html
//! - https://docs.aws.amazon.com/bedrock/latest/userguide/model-access-permissions.html

use kestrel_model::{Finding, Severity, Status};

use crate::iam::each_custom_policy;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam_policy_no_wildcard_marketplace_subscribe",
        title: "Custom IAM policy does not allow 'aws-marketplace:Subscribe' on all resources",
        service: "iam",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsIamPolicy",
        categories: &["gen-ai", "identity-access"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices"],
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
            if crate::util::policy::allows_on_all_resources(doc, "aws-marketplace:Subscribe") {
                (
                    Status::Fail,
                    format!(
                        "Custom Policy {name} allows 'aws-marketplace:Subscribe' on all resources."
                    ),
                )
            } else {
                (
                Status::Pass,
                format!("Custom Policy {name} does not allow 'aws-marketplace:Subscribe' on all resources."),
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
    fn wildcard_subscribe_fails_scoped_passes() {
        let open = json!({"Effect": "Allow", "Action": "aws-marketplace:*", "Resource": "*"});
        let scoped = json!({"Effect": "Allow", "Action": "aws-marketplace:Subscribe", "Resource": "arn:aws:aws-marketplace:::prod-1"});
        let f = run(
            &CHECK,
            &snap(vec![
                policy("open", 1, open.clone()),
                policy("scoped", 1, scoped),
                policy("spare", 0, open),
            ]),
        );
        assert_eq!(statuses(&f), [Status::Fail, Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "Custom Policy open allows 'aws-marketplace:Subscribe' on all resources."
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
