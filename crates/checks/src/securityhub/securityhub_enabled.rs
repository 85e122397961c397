//! # securityhub_enabled
//!
//! ## Description
//!
//! Checks that AWS Security Hub is enabled in every region and has at least one security
//! standard or product integration enabled.
//!
//! CIS 5.16. Integrations count whether they come from AWS or from third parties.
//!
//! ## Risk
//!
//! Without Security Hub (or with a hub that has no standard nor integration), security
//! findings are not aggregated and misconfigurations against best practices go unnoticed.
//!
//! ## Remediation
//!
//! Enable Security Hub in each region with the default standards (AWS Foundational Security
//! Best Practices, CIS), or enable at least one standard or integration on the hub.
//!
//! `aws securityhub enable-security-hub --enable-default-standards` in each region.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-settingup.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-standards-enable-disable.html

use kestrel_model::{securityhub::Hub, Finding, Severity, Status};

use crate::util::{arn, collected};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "securityhub_enabled",
        title: "Security Hub is enabled with standards or integrations configured",
        service: "securityhub",
        subservice: "",
        severity: Severity::High,
        resource_type: "Other",
        categories: &[],
        check_type: &["Software and Configuration Checks/AWS Security Best Practices"],
        needs: &[
            kestrel_model::securityhub::DESCRIBE_HUB,
            kestrel_model::securityhub::GET_ENABLED_STANDARDS,
            kestrel_model::securityhub::LIST_ENABLED_PRODUCTS_FOR_IMPORT,
        ],
    },
    run,
};

/// `arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0` →
/// `cis-aws-foundations-benchmark` (Prowler's name: the second `/` segment).
fn standard_name(standards_arn: &str) -> &str {
    standards_arn.split('/').nth(1).unwrap_or(standards_arn)
}

/// Product subscriptions other than Security Hub's own, by their last `/` segment.
fn integration_names(subscriptions: &[String]) -> Vec<&str> {
    subscriptions
        .iter()
        .filter(|s| !s.contains("/aws/securityhub"))
        .map(|s| s.rsplit('/').next().unwrap_or(s))
        .collect()
}

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let account = scan.account_id();
    for (region, r) in scan.regions() {
        let unknown = arn(
            scan.partition(),
            "securityhub",
            region,
            account,
            "hub/unknown",
        );
        let Some(hub) = collected(
            &r.securityhub.hub,
            id,
            region,
            "hub/unknown",
            &unknown,
            emit,
        ) else {
            continue;
        };
        let Some(hub) = hub else {
            emit(Finding::new(
                id,
                Status::Fail,
                region,
                "hub/unknown",
                &unknown,
                "Security Hub is not enabled.",
            ));
            continue;
        };
        // Prowler's hub id: `hub/default` → `default`.
        let hub_id = hub.arn.split('/').nth(1).unwrap_or(&hub.arn);
        if let Some((status, text)) = evaluate(hub, id, region, hub_id, emit) {
            emit(Finding::new(id, status, region, hub_id, &hub.arn, text));
        }
    }
}

/// The status of an enabled hub; None (after an ERROR finding) when its standards or
/// integrations could not be read.
fn evaluate(
    hub: &Hub,
    id: &str,
    region: &str,
    hub_id: &str,
    emit: &mut dyn FnMut(Finding),
) -> Option<(Status, String)> {
    let standards = collected(&hub.standards, id, region, hub_id, &hub.arn, emit)?;
    if !standards.is_empty() {
        let names: Vec<&str> = standards.iter().map(|s| standard_name(s)).collect();
        return Some((
            Status::Pass,
            format!(
                "Security Hub is enabled with standards: {}.",
                names.join(" ")
            ),
        ));
    }
    let integrations = collected(&hub.integrations, id, region, hub_id, &hub.arn, emit)?;
    let names = integration_names(integrations);
    if !names.is_empty() {
        return Some((
            Status::Pass,
            format!(
                "Security Hub is enabled without standards but with integrations: {}.",
                names.join(" ")
            ),
        ));
    }
    Some((
        Status::Fail,
        "Security Hub is enabled but without any standard or integration.".to_string(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses, ACCOUNT, REGION};
    use kestrel_model::{ApiError, Fetched, Snapshot};

    const HUB_ARN: &str = "arn:aws:securityhub:us-east-1:123456789012:hub/default";

    fn snap(standards: Fetched<Vec<String>>, integrations: Fetched<Vec<String>>) -> Snapshot {
        let mut s = snapshot();
        region(&mut s).securityhub.hub = Fetched::Ok(Some(Hub {
            arn: HUB_ARN.into(),
            subscribed_at: None,
            standards,
            integrations,
        }));
        s
    }

    fn strings(v: &[&str]) -> Fetched<Vec<String>> {
        Fetched::Ok(v.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn pass_with_standards() {
        let f = run(
            &CHECK,
            &snap(
                strings(&[
                    "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0",
                    "arn:aws:securityhub:::ruleset/cis-aws-foundations-benchmark/v/1.2.0",
                ]),
                Fetched::NotCollected,
            ),
        );
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(f[0].resource_id, "default");
        assert_eq!(f[0].resource_arn, HUB_ARN);
        assert_eq!(
            f[0].status_extended,
            "Security Hub is enabled with standards: aws-foundational-security-best-practices cis-aws-foundations-benchmark."
        );
    }

    #[test]
    fn pass_with_integrations_only() {
        let f = run(
            &CHECK,
            &snap(
                strings(&[]),
                strings(&[
                    "arn:aws:securityhub:us-east-1:123456789012:product-subscription/aws/securityhub",
                    "arn:aws:securityhub:us-east-1:123456789012:product-subscription/aws/guardduty",
                ]),
            ),
        );
        assert_eq!(statuses(&f), [Status::Pass]);
        assert!(f[0].status_extended.ends_with("integrations: guardduty."));
    }

    #[test]
    fn fail_when_disabled_or_empty() {
        let mut s = snapshot();
        region(&mut s).securityhub.hub = Fetched::Ok(None);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].resource_id, "hub/unknown");
        assert_eq!(
            f[0].resource_arn,
            format!("arn:aws:securityhub:{REGION}:{ACCOUNT}:hub/unknown")
        );
        // Only Security Hub's own integration does not count.
        let f = run(
            &CHECK,
            &snap(
                strings(&[]),
                strings(&[
                    "arn:aws:securityhub:us-east-1:123456789012:product-subscription/aws/securityhub",
                ]),
            ),
        );
        assert_eq!(statuses(&f), [Status::Fail]);
    }

    #[test]
    fn error_when_denied() {
        fn denied<T>(op: &str) -> Fetched<T> {
            Fetched::Error(ApiError::new(op, "AccessDeniedException", ""))
        }
        let mut s = snapshot();
        region(&mut s).securityhub.hub = denied("securityhub:DescribeHub");
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
        let s = snap(denied("securityhub:GetEnabledStandards"), strings(&[]));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
        let s = snap(
            strings(&[]),
            denied("securityhub:ListEnabledProductsForImport"),
        );
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
