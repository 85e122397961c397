//! # organizations_delegated_administrators
//!
//! ## Description
//!
//! Checks the AWS Organization's delegated administrator accounts against the configured
//! list of trusted delegated administrators.
//!
//! CIS 2.1.5 and 2.1.6. The list is `trusted_delegated_administrators` (account ids), and
//! an empty list trusts none. One finding for the organization; accounts outside an
//! organization get none, as in Prowler. Delegated administrators can only be listed from
//! the management account or a delegated administrator: elsewhere the finding is an ERROR,
//! where Prowler reports MANUAL.
//!
//! ## Risk
//!
//! An untrusted or forgotten delegated administrator can manage an integrated service
//! (security tooling, policies, StackSets) across every account of the organization,
//! enabling privilege escalation and lateral movement.
//!
//! ## Remediation
//!
//! Review the delegated administrators, deregister those that are not intended, and list
//! the intended ones as trusted delegated administrators in kestrel's configuration.
//!
//! `aws organizations deregister-delegated-administrator --account-id <id>
//! --service-principal <principal>`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/organizations/latest/userguide/orgs_delegate_policies.html
//! - https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListDelegatedAdministrators.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "organizations_delegated_administrators",
        title: "AWS Organization has only trusted delegated administrators",
        service: "organizations",
        subservice: "",
        severity: Severity::Critical,
        resource_type: "Other",
        categories: &["identity-access"],
        check_type: &["Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark"],
        needs: &[
            kestrel_model::organizations::DESCRIBE_ORGANIZATION,
            kestrel_model::organizations::LIST_DELEGATED_ADMINISTRATORS,
        ],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let region = scan.global_region();
    let orgs = &scan.snapshot.organizations;
    let Some(org) = collected(&orgs.organization, id, region, scan.account_id(), "", emit) else {
        return;
    };
    let Some(org) = org else {
        return;
    };
    let Some(admins) = collected(
        &orgs.delegated_administrators,
        id,
        region,
        &org.id,
        &org.arn,
        emit,
    ) else {
        return;
    };
    let trusted_list = &scan.settings.trusted_delegated_administrators;
    let (mut trusted, mut untrusted): (Vec<&str>, Vec<&str>) = admins
        .iter()
        .map(|a| a.id.as_str())
        .partition(|a| trusted_list.iter().any(|t| t == a));
    trusted.sort_unstable();
    untrusted.sort_unstable();
    let plural = |n: usize, one: &str, many: &str| if n == 1 { one } else { many }.to_string();
    let (status, text) = if !untrusted.is_empty() {
        (
            Status::Fail,
            format!(
                "AWS Organization {} has {}: {}.",
                org.id,
                plural(
                    untrusted.len(),
                    "an untrusted Delegated Administrator",
                    "untrusted Delegated Administrators"
                ),
                untrusted.join(", ")
            ),
        )
    } else if !trusted.is_empty() {
        (
            Status::Pass,
            format!(
                "AWS Organization {} has {}: {}.",
                org.id,
                plural(
                    trusted.len(),
                    "a trusted Delegated Administrator",
                    "trusted Delegated Administrators"
                ),
                trusted.join(", ")
            ),
        )
    } else {
        (
            Status::Pass,
            format!(
                "AWS Organization {} has no Delegated Administrators.",
                org.id
            ),
        )
    };
    emit(Finding::new(id, status, region, &org.id, &org.arn, text));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{run, run_with, snapshot, statuses};
    use crate::Settings;
    use kestrel_model::{
        organizations::DelegatedAdministrator, organizations::Organization, ApiError, Fetched,
        Snapshot,
    };

    fn snap(admins: &[&str]) -> Snapshot {
        let mut s = snapshot();
        s.organizations.organization = Fetched::Ok(Some(Organization {
            id: "o-abc".into(),
            arn: "arn:aws:organizations::111111111111:organization/o-abc".into(),
            master_account_id: "111111111111".into(),
            feature_set: "ALL".into(),
        }));
        s.organizations.delegated_administrators = Fetched::Ok(
            admins
                .iter()
                .map(|id| DelegatedAdministrator {
                    id: id.to_string(),
                    status: "ACTIVE".into(),
                    ..Default::default()
                })
                .collect(),
        );
        s
    }

    fn trusting(ids: &[&str]) -> Settings {
        Settings {
            trusted_delegated_administrators: ids.iter().map(|s| s.to_string()).collect(),
            ..Settings::default()
        }
    }

    #[test]
    fn pass_without_admins_or_with_trusted_ones() {
        let f = run(&CHECK, &snap(&[]));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "AWS Organization o-abc has no Delegated Administrators."
        );
        assert_eq!(f[0].resource_id, "o-abc");
        let f = run_with(
            &CHECK,
            &snap(&["222222222222"]),
            &trusting(&["222222222222"]),
        );
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "AWS Organization o-abc has a trusted Delegated Administrator: 222222222222."
        );
    }

    #[test]
    fn fail_with_any_untrusted_admin() {
        // With the default (empty) trusted list no delegated administrator is trusted.
        let f = run(&CHECK, &snap(&["333333333333", "222222222222"]));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "AWS Organization o-abc has untrusted Delegated Administrators: 222222222222, 333333333333."
        );
        // One untrusted among trusted ones still fails, whatever the listing order.
        let f = run_with(
            &CHECK,
            &snap(&["333333333333", "222222222222"]),
            &trusting(&["333333333333"]),
        );
        assert_eq!(statuses(&f), [Status::Fail]);
        assert!(f[0]
            .status_extended
            .ends_with("an untrusted Delegated Administrator: 222222222222."));
    }

    #[test]
    fn no_organization_nothing_denied_listing_error() {
        let mut s = snap(&[]);
        s.organizations.organization = Fetched::Ok(None);
        assert!(run(&CHECK, &s).is_empty());
        let mut s = snap(&[]);
        s.organizations.delegated_administrators = Fetched::Error(ApiError::new(
            "organizations:ListDelegatedAdministrators",
            "AccessDeniedException",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
