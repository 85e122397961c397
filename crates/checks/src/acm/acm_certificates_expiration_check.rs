//! # acm_certificates_expiration_check
//!
//! ## Description
//!
//! Checks that every ACM certificate in use is valid for more than days_to_expire_threshold
//! more days (Prowler's setting name and default, 7). A certificate closer to its end fails
//! with medium severity, an expired one with high severity.
//!
//! AWS Security Hub control ACM.1. Only certificates associated with a resource are judged,
//! unless --scan-unused-services is given, as in Prowler. Days are whole days left, rounded
//! down. A certificate with no validity period (never issued) is not judged.
//!
//! ## Risk
//!
//! When a certificate expires, clients refuse the TLS connection: the site or API it
//! protects is down for everyone until it is replaced.
//!
//! ## Remediation
//!
//! Renew the certificate: for an ACM-issued one, make sure its DNS validation records are in
//! place so managed renewal succeeds; for an imported one, import the renewed certificate.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/acm/latest/userguide/managed-renewal.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/acm-controls.html#acm-1

use kestrel_model::{Finding, Severity, Status};

use super::run_certificate_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "acm_certificates_expiration_check",
        title: "ACM certificate is not about to expire",
        service: "acm",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsCertificateManagerCertificate",
        categories: &[],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Effects/Denial of Service",
        ],
        needs: &[kestrel_model::acm::LIST_CERTIFICATES],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let threshold = scan.settings.days_to_expire_threshold;
    run_certificate_check(scan, emit, id, |c, region| {
        let end = kestrel_model::time::parse(c.not_after.as_deref()?)?;
        let days = (end - scan.now).div_euclid(86_400);
        let named = format!("ACM Certificate {} for {}", c.id(), c.domain_name);
        let finding = |status, text| Finding::new(id, status, region, c.id(), &c.arn, text);
        Some(if days > threshold {
            finding(Status::Pass, format!("{named} expires in {days} days."))
        } else if days < 0 {
            finding(
                Status::Fail,
                format!("{named} has expired ({} days ago).", -days),
            )
        } else {
            finding(
                Status::Fail,
                format!("{named} is about to expire in {days} days."),
            )
            .with_severity(Severity::Medium)
        })
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::acm::tests::snap;
    use crate::testkit::{run, run_with, statuses};
    use crate::Settings;

    /// The test scan's clock is 2025-01-01T00:00:00Z.
    fn ends(at: &str) -> Vec<Finding> {
        run(&CHECK, &snap(|c| c.not_after = Some(at.into())))
    }

    #[test]
    fn pass_far_from_expiry() {
        let f = ends("2025-03-01T00:00:00Z");
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(f[0].resource_id, "abc-123");
        assert_eq!(
            f[0].status_extended,
            "ACM Certificate abc-123 for example.com expires in 59 days."
        );
    }

    #[test]
    fn fail_close_to_expiry_is_medium_expired_is_high() {
        let f = ends("2025-01-04T12:00:00Z");
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].severity, Some(Severity::Medium));
        assert!(f[0]
            .status_extended
            .ends_with("is about to expire in 3 days."));
        let f = ends("2024-12-27T12:00:00Z");
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].severity, None);
        assert!(f[0].status_extended.ends_with("has expired (5 days ago)."));
        // The threshold itself fails.
        assert_eq!(statuses(&ends("2025-01-08T00:00:00Z")), [Status::Fail]);
        assert_eq!(statuses(&ends("2025-01-09T00:00:00Z")), [Status::Pass]);
    }

    #[test]
    fn unused_and_unissued_certificates_are_not_judged() {
        let unused = snap(|c| c.in_use = false);
        assert!(run(&CHECK, &unused).is_empty());
        let all = Settings {
            scan_unused_services: true,
            ..Settings::default()
        };
        assert_eq!(statuses(&run_with(&CHECK, &unused, &all)), [Status::Pass]);
        assert!(run(&CHECK, &snap(|c| c.not_after = None)).is_empty());
    }
}
