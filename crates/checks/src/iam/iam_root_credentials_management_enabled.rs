//! # iam_root_credentials_management_enabled
//!
//! ## Description
//!
//! Checks that centralized root access management (RootCredentialsManagement) is enabled
//! for the AWS Organization the account belongs to.
//!
//! CIS 2.1.1. Enabled means `RootCredentialsManagement` is among the features IAM's
//! ListOrganizationsFeatures returns. Accounts outside an organization get no finding, as
//! in Prowler. The features can only be listed from the management account or a delegated
//! administrator for IAM; from any other account the finding is an ERROR, where Prowler
//! skips silently.
//!
//! ## Risk
//!
//! Member accounts keep individual root users whose passwords, access keys and MFA devices
//! must each be secured; a forgotten or recovered root credential gives full control of
//! that account.
//!
//! ## Remediation
//!
//! From the management account, enable trusted access for IAM and centralized root
//! credentials management, then delete the root credentials of member accounts.
//!
//! `aws iam enable-organizations-root-credentials-management` from the management account,
//! once trusted access for IAM is on (`aws organizations enable-aws-service-access
//! --service-principal iam.amazonaws.com`).
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-enable-root-access.html
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_root-user.html#id_root-user-access-management

use kestrel_model::{Finding, Severity, Status};

use crate::iam::root_arn;
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

const FEATURE: &str = "RootCredentialsManagement";

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam_root_credentials_management_enabled",
        title: "AWS Organization has centralized root credentials management enabled",
        service: "iam",
        subservice: "",
        severity: Severity::High,
        resource_type: "Other",
        categories: &["identity-access", "secrets"],
        check_type: &["Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark"],
        needs: &[
            kestrel_model::organizations::DESCRIBE_ORGANIZATION,
            kestrel_model::iam::LIST_ORGANIZATIONS_FEATURES,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let region = scan.global_region();
    let account = scan.account_id();
    let arn = root_arn(scan);
    let Some(org) = collected(
        &scan.snapshot.organizations.organization,
        id,
        region,
        account,
        &arn,
        emit,
    ) else {
        return;
    };
    if org.is_none() {
        return;
    }
    let Some(features) = collected(
        &scan.snapshot.iam.organizations_features,
        id,
        region,
        account,
        &arn,
        emit,
    ) else {
        return;
    };
    let (status, text) = if features.iter().any(|f| f == FEATURE) {
        (Status::Pass, "Root credentials management is enabled.")
    } else {
        (Status::Fail, "Root credentials management is not enabled.")
    };
    emit(Finding::new(id, status, region, account, &arn, text));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{run, snapshot, statuses};
    use kestrel_model::{organizations::Organization, ApiError, Fetched, Snapshot};

    fn snap(features: Fetched<Vec<String>>) -> Snapshot {
        let mut s = snapshot();
        s.organizations.organization = Fetched::Ok(Some(Organization {
            id: "o-abc".into(),
            arn: "arn:aws:organizations::111111111111:organization/o-abc".into(),
            master_account_id: "111111111111".into(),
            feature_set: "ALL".into(),
        }));
        s.iam.organizations_features = features;
        s
    }

    #[test]
    fn pass_when_enabled() {
        let f = run(
            &CHECK,
            &snap(Fetched::Ok(vec![
                "RootSessions".into(),
                "RootCredentialsManagement".into(),
            ])),
        );
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(f[0].resource_arn, "arn:aws:iam::123456789012:root");
    }

    #[test]
    fn fail_when_not_enabled() {
        let f = run(&CHECK, &snap(Fetched::Ok(vec!["RootSessions".into()])));
        assert_eq!(statuses(&f), [Status::Fail]);
    }

    #[test]
    fn outside_an_organization_nothing_and_denied_is_error() {
        let mut s = snap(Fetched::Ok(vec![]));
        s.organizations.organization = Fetched::Ok(None);
        assert!(run(&CHECK, &s).is_empty());
        let s = snap(Fetched::Error(ApiError::new(
            "iam:ListOrganizationsFeatures",
            "AccessDenied",
            "",
        )));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
