//! # iam_no_expired_server_certificates_stored
//!
//! ## Description
//!
//! Checks the SSL/TLS server certificates stored in IAM for certificates past their
//! expiration date.
//!
//! CIS 2.17. The date is the `Expiration` returned by ListServerCertificates. Each
//! certificate is one finding, and a certificate counts as expired from its expiration day
//! on, as in Prowler.
//!
//! ## Risk
//!
//! Expired certificates kept in IAM can be attached by mistake to Elastic Load Balancing or
//! CloudFront, causing outages and browser warnings and weakening the credibility of the
//! application.
//!
//! ## Remediation
//!
//! Delete expired server certificates from IAM after confirming that no load balancer or
//! distribution still references them; prefer AWS Certificate Manager for automatic
//! renewal.
//!
//! `aws iam delete-server-certificate --server-certificate-name <name>`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_server-certs.html#delete-server-certificate
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_server-certs.html

use kestrel_model::{Finding, Severity, Status};

use crate::iam::days_since;
use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "iam_no_expired_server_certificates_stored",
        title: "IAM server certificate is not expired",
        service: "iam",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsCertificateManagerCertificate",
        categories: &["encryption"],
        check_type: &["Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark"],
        needs: &[kestrel_model::iam::LIST_SERVER_CERTIFICATES],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let region = scan.global_region();
    let Some(certs) = collected(
        &scan.snapshot.iam.server_certificates,
        id,
        region,
        scan.account_id(),
        "",
        emit,
    ) else {
        return;
    };
    for c in certs {
        let (status, text) = match c.expiration.as_deref().and_then(|e| days_since(scan, e)) {
            Some(days) if days >= 0 => (
                Status::Fail,
                format!("IAM Certificate {} has expired {days} days ago.", c.name),
            ),
            Some(_) => (
                Status::Pass,
                format!("IAM Certificate {} is not expired.", c.name),
            ),
            None => (
                Status::Manual,
                format!(
                    "IAM Certificate {} has no readable expiration date ({}); check it in the IAM API or CLI.",
                    c.name,
                    c.expiration.as_deref().unwrap_or("none")
                ),
            ),
        };
        emit(Finding::new(id, status, region, &c.id, &c.arn, text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{run, snapshot, statuses};
    use kestrel_model::{iam::ServerCertificate, Fetched};

    fn cert(name: &str, expiration: Option<&str>) -> ServerCertificate {
        ServerCertificate {
            name: name.into(),
            arn: format!("arn:aws:iam::123456789012:server-certificate/{name}"),
            id: format!("ASCA{}", name.to_uppercase()),
            expiration: expiration.map(String::from),
        }
    }

    #[test]
    fn expired_fail_valid_pass() {
        let mut s = snapshot();
        s.iam.server_certificates = Fetched::Ok(vec![
            cert("old", Some("2024-12-01T00:00:00Z")),
            cert("new", Some("2026-01-01T00:00:00Z")),
            cert("today", Some("2024-12-31T12:00:00Z")),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Fail, Status::Pass, Status::Fail]);
        assert_eq!(
            f[0].status_extended,
            "IAM Certificate old has expired 31 days ago."
        );
        assert_eq!(f[0].resource_id, "ASCAOLD");
    }

    #[test]
    fn unknown_expiration_is_not_a_pass() {
        let mut s = snapshot();
        s.iam.server_certificates = Fetched::Ok(vec![cert("odd", None)]);
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Manual]);
    }

    #[test]
    fn error_when_not_collected() {
        assert_eq!(statuses(&run(&CHECK, &snapshot())), [Status::Error]);
    }
}
