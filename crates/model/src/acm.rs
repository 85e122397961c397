//! AWS Certificate Manager certificates (regional).

use serde::{Deserialize, Serialize};

use crate::{Action, Fetched, Tags};

// The API actions collected for this service, with how many dependent round trips
// can follow each call (the request scheduler serves deeper chains first).
pub const LIST_CERTIFICATES: Action = Action::new("acm:ListCertificates", 0);

/// The service's data in one region.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Acm {
    /// Every certificate, of every key type (ListCertificates asked for all of them).
    pub certificates: Fetched<Vec<Certificate>>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Certificate {
    pub arn: String,
    pub domain_name: String,
    /// `AMAZON_ISSUED`, `IMPORTED`, `PRIVATE`.
    pub cert_type: String,
    /// As ListCertificates spells it: `RSA_2048`, `EC_prime256v1`, …
    pub key_algorithm: String,
    /// Associated with another AWS resource (a load balancer, a distribution, …).
    pub in_use: bool,
    /// The end of validity (RFC 3339), when reported.
    pub not_after: Option<String>,
    pub tags: Tags,
}

impl Certificate {
    /// The last part of the ARN, the finding's resource id (as in Prowler).
    pub fn id(&self) -> &str {
        self.arn.rsplit('/').next().unwrap_or(&self.arn)
    }
}
