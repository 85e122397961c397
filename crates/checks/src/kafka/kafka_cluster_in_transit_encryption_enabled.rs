//! # kafka_cluster_in_transit_encryption_enabled
//!
//! ## Description
//!
//! Checks that an Amazon MSK cluster encrypts data in transit both ways: TLS only between
//! clients and brokers, and between brokers. Serverless clusters always do.
//!
//! AWS Security Hub control MSK.1.
//!
//! ## Risk
//!
//! Plaintext Kafka traffic exposes every message, and the credentials of clients that
//! authenticate with SASL, to anyone on the network path.
//!
//! ## Remediation
//!
//! Set the client-broker encryption to TLS and turn on in-cluster encryption (a new cluster
//! is needed to turn in-cluster encryption on); move clients to the TLS listeners.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/msk/latest/developerguide/msk-encryption.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/msk-controls.html#msk-1

use kestrel_model::{Finding, Severity, Status};

use super::run_cluster_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "kafka_cluster_in_transit_encryption_enabled",
        title: "MSK cluster encrypts data in transit",
        service: "kafka",
        subservice: "",
        severity: Severity::High,
        resource_type: "AwsMskCluster",
        categories: &["encryption"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
        ],
        needs: &[kestrel_model::kafka::LIST_CLUSTERS_V2],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    run_cluster_check(scan, emit, CHECK.meta.id, |k| {
        if k.serverless {
            (
                Status::Pass,
                format!(
                    "Kafka cluster '{}' is serverless and always has encryption in transit enabled by default.",
                    k.name
                ),
            )
        } else if k.client_broker == "TLS" && k.in_cluster {
            (
                Status::Pass,
                format!(
                    "Kafka cluster '{}' has encryption in transit enabled.",
                    k.name
                ),
            )
        } else {
            (
                Status::Fail,
                format!(
                    "Kafka cluster '{}' does not have encryption in transit enabled.",
                    k.name
                ),
            )
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kafka::tests::snap;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ApiError, Fetched};

    #[test]
    fn pass_with_tls_both_ways_or_serverless() {
        let f = run(
            &CHECK,
            &snap(|k| {
                k.client_broker = "TLS".into();
                k.in_cluster = true;
            }),
        );
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(f[0].resource_id, "abc-1");
        assert_eq!(
            statuses(&run(&CHECK, &snap(|k| k.serverless = true))),
            [Status::Pass]
        );
    }

    #[test]
    fn fail_with_any_plaintext() {
        for (broker, inside) in [("TLS_PLAINTEXT", true), ("PLAINTEXT", true), ("TLS", false)] {
            let f = run(
                &CHECK,
                &snap(|k| {
                    k.client_broker = broker.into();
                    k.in_cluster = inside;
                }),
            );
            assert_eq!(statuses(&f), [Status::Fail], "{broker} {inside}");
        }
    }

    #[test]
    fn error_when_unreadable() {
        let mut s = snapshot();
        region(&mut s).kafka.clusters = Fetched::Error(ApiError::new(
            "kafka:ListClustersV2",
            "ForbiddenException",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
