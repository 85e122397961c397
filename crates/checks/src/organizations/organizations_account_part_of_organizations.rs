//! # organizations_account_part_of_organizations
//!
//! ## Description
//!
//! Checks that the scanned account belongs to an AWS Organization.
//!
//! An account outside any organization is reported on the resource `unknown`, as in
//! Prowler. The check needs only organizations:DescribeOrganization, which any member
//! account may call.
//!
//! ## Risk
//!
//! A standalone account cannot be governed centrally: no service control policies, no
//! organization-wide trail, GuardDuty or Config, and no consolidated view of who owns
//! it.
//!
//! ## Remediation
//!
//! Invite the account into the organization from its management account (or create an
//! organization), then accept the invitation from the account.
//!
//! `aws organizations invite-account-to-organization --target Id=<account-id>,Type=ACCOUNT`
//! from the management account; `aws organizations accept-handshake --handshake-id <id>`
//! from the invited one.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_accounts_invites.html
//! - https://docs.aws.amazon.com/organizations/latest/userguide/orgs_introduction.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "organizations_account_part_of_organizations",
        title: "AWS account is a member of an active AWS Organization",
        service: "organizations",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "Other",
        categories: &["identity-access"],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices"],
        needs: &[kestrel_model::organizations::DESCRIBE_ORGANIZATION],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let region = scan.global_region();
    let account = scan.account_id();
    let orgs = &scan.snapshot.organizations;
    let Some(org) = collected(&orgs.organization, id, region, account, "", emit) else {
        return;
    };
    emit(match org {
        Some(org) => Finding::new(
            id,
            Status::Pass,
            region,
            &org.id,
            &org.arn,
            format!("AWS Organization {} contains this AWS account.", org.id),
        ),
        None => Finding::new(
            id,
            Status::Fail,
            region,
            "unknown",
            &format!("arn:{}:organizations::{account}:unknown", scan.partition()),
            "AWS Organizations is not in-use for this AWS Account.".to_string(),
        ),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{run, snapshot, statuses};
    use kestrel_model::{organizations::Organization, ApiError, Fetched};

    #[test]
    fn member_passes() {
        let mut s = snapshot();
        s.organizations.organization = Fetched::Ok(Some(Organization {
            id: "o-abc123".into(),
            arn: "arn:aws:organizations::111111111111:organization/o-abc123".into(),
            ..Default::default()
        }));
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(f[0].resource_id, "o-abc123");
        assert_eq!(f[0].region, "us-east-1");
    }

    #[test]
    fn standalone_account_fails_on_unknown() {
        let mut s = snapshot();
        s.organizations.organization = Fetched::Ok(None);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].resource_id, "unknown");
        assert_eq!(
            f[0].resource_arn,
            "arn:aws:organizations::123456789012:unknown"
        );
    }

    #[test]
    fn error_when_denied() {
        let mut s = snapshot();
        s.organizations.organization = Fetched::Error(ApiError::new(
            "organizations:DescribeOrganization",
            "AccessDeniedException",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
