//! # acm_certificates_with_secure_key_algorithms
//!
//! ## Description
//!
//! Checks that no ACM certificate in use has a key algorithm listed in the setting
//! insecure_key_algorithms (Prowler's name and default: RSA-1024, P-192).
//!
//! AWS Security Hub control ACM.2. Only certificates associated with a resource are
//! judged, unless --scan-unused-services is given, as in Prowler. ListCertificates spells
//! algorithms with underscores (RSA_1024) where the setting uses hyphens: kestrel treats
//! the two spellings as one, so an RSA 1024-bit certificate fails; Prowler 5.46 compares
//! the strings as they are and passes it.
//!
//! ## Risk
//!
//! A short key can be factored with enough computing power: whoever does it impersonates
//! the site and decrypts recorded traffic.
//!
//! ## Remediation
//!
//! Request or import a replacement certificate with an RSA key of 2048 bits or more, or an
//! ECDSA P-256 or P-384 key, and move the resources that use the old one to it.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/acm/latest/userguide/acm-certificate.html#algorithms
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/acm-controls.html#acm-2

use kestrel_model::{Finding, Severity, Status};

use super::run_certificate_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "acm_certificates_with_secure_key_algorithms",
        title: "ACM certificate uses a secure key algorithm",
        service: "acm",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsCertificateManagerCertificate",
        categories: &["encryption"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/PCI-DSS",
            "Software and Configuration Checks/Industry and Regulatory Standards/NIST 800-53 Controls (USA)",
        ],
        needs: &[kestrel_model::acm::LIST_CERTIFICATES],
    },
    run,
};

/// `RSA-1024` and `RSA_1024` are one algorithm.
fn spelled(a: &str) -> String {
    a.replace('-', "_").to_ascii_uppercase()
}

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let insecure: Vec<String> = scan
        .settings
        .insecure_key_algorithms
        .iter()
        .map(|a| spelled(a))
        .collect();
    run_certificate_check(scan, emit, id, |c, region| {
        let named = format!("ACM Certificate {} for {}", c.id(), c.domain_name);
        let (status, text) = if insecure.contains(&spelled(&c.key_algorithm)) {
            (
                Status::Fail,
                format!(
                    "{named} does not use a secure key algorithm ({}).",
                    c.key_algorithm
                ),
            )
        } else {
            (
                Status::Pass,
                format!("{named} uses a secure key algorithm ({}).", c.key_algorithm),
            )
        };
        Some(Finding::new(id, status, region, c.id(), &c.arn, text))
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::acm::tests::snap;
    use crate::testkit::{run, statuses};

    fn algorithm(a: &str) -> Vec<Finding> {
        run(&CHECK, &snap(|c| c.key_algorithm = a.into()))
    }

    #[test]
    fn pass_with_strong_keys() {
        let f = algorithm("RSA_2048");
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "ACM Certificate abc-123 for example.com uses a secure key algorithm (RSA_2048)."
        );
        assert_eq!(statuses(&algorithm("EC_prime256v1")), [Status::Pass]);
    }

    #[test]
    fn fail_with_rsa_1024_in_either_spelling() {
        assert_eq!(statuses(&algorithm("RSA_1024")), [Status::Fail]);
        assert_eq!(statuses(&algorithm("RSA-1024")), [Status::Fail]);
    }

    #[test]
    fn unused_certificates_are_not_judged() {
        assert!(run(&CHECK, &snap(|c| c.in_use = false)).is_empty());
    }
}
