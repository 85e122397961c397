//! # kafka_cluster_enhanced_monitoring_enabled
//!
//! ## Description
//!
//! Checks that an Amazon MSK cluster has enhanced monitoring (per broker, per topic or per
//! partition metrics) rather than the DEFAULT level. Serverless clusters always pass.
//!
//! AWS Security Hub control MSK.2.
//!
//! ## Risk
//!
//! At the default level the broker metrics that reveal disk pressure, under-replicated
//! partitions or unusual traffic are missing, so problems surface as outages.
//!
//! ## Remediation
//!
//! Raise the cluster's monitoring level to PER_BROKER or finer.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/msk/latest/developerguide/monitoring.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/msk-controls.html#msk-2

use kestrel_model::{Finding, Severity, Status};

use super::run_cluster_check;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "kafka_cluster_enhanced_monitoring_enabled",
        title: "MSK cluster has enhanced monitoring",
        service: "kafka",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "AwsMskCluster",
        categories: &["logging"],
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
                    "Kafka cluster '{}' is serverless and always has enhanced monitoring enabled by default.",
                    k.name
                ),
            )
        } else if k.enhanced_monitoring == "DEFAULT" {
            (
                Status::Fail,
                format!(
                    "Kafka cluster '{}' does not have enhanced monitoring enabled.",
                    k.name
                ),
            )
        } else {
            (
                Status::Pass,
                format!(
                    "Kafka cluster '{}' has enhanced monitoring enabled.",
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
    use crate::testkit::{run, statuses};

    #[test]
    fn pass_and_fail() {
        assert_eq!(statuses(&run(&CHECK, &snap(|_| {}))), [Status::Fail]);
        let f = run(
            &CHECK,
            &snap(|k| k.enhanced_monitoring = "PER_BROKER".into()),
        );
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(
            statuses(&run(&CHECK, &snap(|k| k.serverless = true))),
            [Status::Pass]
        );
    }
}
