//! # emr_cluster_account_public_block_enabled
//!
//! ## Description
//!
//! Checks, in each scanned region, that EMR's account-level Block Public Access is on: no
//! cluster can start with a security group open to the internet (except on the ports the
//! setting allows). One finding per region for the account.
//!
//! AWS Security Hub control EMR.2. An answer that does not state the setting counts as off.
//!
//! ## Risk
//!
//! Without it a cluster can be launched with security groups that let anyone reach its
//! master node, its web interfaces and its data.
//!
//! ## Remediation
//!
//! Turn on Block Public Access in EMR's settings for the region, allowing only the ports
//! that must stay open (22 by default).
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-block-public-access.html
//! - https://docs.aws.amazon.com/securityhub/latest/userguide/emr-controls.html#emr-2

use kestrel_model::{Finding, Severity, Status};

use crate::util::{arn, collected};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "emr_cluster_account_public_block_enabled",
        title: "EMR Block Public Access is on for the account",
        service: "emr",
        subservice: "",
        severity: Severity::High,
        resource_type: "Other",
        categories: &["internet-exposed"],
        check_type: &[
            "Software and Configuration Checks/AWS Security Best Practices/Network Reachability",
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
        ],
        needs: &[kestrel_model::emr::GET_BLOCK_PUBLIC_ACCESS_CONFIGURATION],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let account = scan.account_id();
    for (region, r) in scan.regions() {
        let rarn = arn(
            scan.partition(),
            "elasticmapreduce",
            region,
            account,
            "cluster",
        );
        let Some(on) = collected(&r.emr.block_public_access, id, region, account, &rarn, emit)
        else {
            continue;
        };
        let (status, text) = if *on {
            (Status::Pass, "EMR Account has Block Public Access enabled.")
        } else {
            (
                Status::Fail,
                "EMR Account has Block Public Access disabled.",
            )
        };
        emit(Finding::new(id, status, region, account, &rarn, text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{ApiError, Fetched};

    fn check(on: Fetched<bool>) -> Vec<Finding> {
        let mut s = snapshot();
        region(&mut s).emr.block_public_access = on;
        run(&CHECK, &s)
    }

    #[test]
    fn one_finding_per_region() {
        let f = check(Fetched::Ok(true));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(f[0].resource_id, "123456789012");
        assert_eq!(
            f[0].resource_arn,
            "arn:aws:elasticmapreduce:us-east-1:123456789012:cluster"
        );
        assert_eq!(statuses(&check(Fetched::Ok(false))), [Status::Fail]);
    }

    #[test]
    fn error_when_unreadable() {
        let e = ApiError::new(
            "elasticmapreduce:GetBlockPublicAccessConfiguration",
            "AccessDeniedException",
            "",
        );
        assert_eq!(statuses(&check(Fetched::Error(e))), [Status::Error]);
    }
}
