//! # iam_check_saml_providers_sts
//!
//! ## Description
//!
//! Checks that at least one SAML identity provider is configured in IAM, so users can
//! federate into the account with temporary STS credentials (AssumeRoleWithSAML).
//!
//! CIS 2.19. Each SAML provider is one PASS; an account without any gets one FAIL.
//!
//! ## Risk
//!
//! Without identity federation, people access the account with IAM users and long-lived
//! passwords and access keys that are managed per account and easily forgotten when staff
//! leave.
//!
//! ## Remediation
//!
//! Configure a SAML 2.0 identity provider (or IAM Identity Center) and have users assume
//! roles with temporary credentials instead of using IAM users.
//!
//! `aws iam create-saml-provider --name <name> --saml-metadata-document
//! file://metadata.xml`, then roles whose trust policy names the provider.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_saml.html
//! - https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithSAML.html

use kestrel_model::{Finding, Severity, Status};

use crate::iam::root_arn;
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam_check_saml_providers_sts",
        title: "IAM SAML provider exists in the account",
        service: "iam",
        subservice: "",
        severity: Severity::Low,
        resource_type: "Other",
        categories: &["identity-access"],
        check_type: &["Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark"],
        needs: &[kestrel_model::iam::LIST_SAML_PROVIDERS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let region = scan.global_region();
    let account = scan.account_id();
    let Some(providers) = collected(
        &scan.snapshot.iam.saml_providers,
        id,
        region,
        account,
        &root_arn(scan),
        emit,
    ) else {
        return;
    };
    if providers.is_empty() {
        emit(Finding::new(
            id,
            Status::Fail,
            region,
            account,
            &root_arn(scan),
            "No SAML Providers found.",
        ));
    }
    for arn in providers {
        // ListSAMLProviders gives ARNs (`arn:aws:iam::<account>:saml-provider/<name>`).
        let name = arn.rsplit('/').next().unwrap_or(arn);
        emit(Finding::new(
            id,
            Status::Pass,
            region,
            name,
            arn,
            format!("SAML Provider {name} has been found."),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{run, snapshot, statuses};
    use kestrel_model::{ApiError, Fetched};

    #[test]
    fn pass_per_provider() {
        let mut s = snapshot();
        s.iam.saml_providers = Fetched::Ok(vec![
            "arn:aws:iam::123456789012:saml-provider/Okta".into(),
            "arn:aws:iam::123456789012:saml-provider/AzureAD".into(),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass, Status::Pass]);
        assert_eq!(f[0].resource_id, "Okta");
        assert_eq!(f[0].status_extended, "SAML Provider Okta has been found.");
    }

    #[test]
    fn fail_without_providers() {
        let mut s = snapshot();
        s.iam.saml_providers = Fetched::Ok(vec![]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].resource_id, "123456789012");
    }

    #[test]
    fn error_when_denied() {
        let mut s = snapshot();
        s.iam.saml_providers =
            Fetched::Error(ApiError::new("iam:ListSAMLProviders", "AccessDenied", ""));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
