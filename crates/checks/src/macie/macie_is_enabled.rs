//! # macie_is_enabled
//!
//! ## Description
//!
//! Checks that Amazon Macie is enabled and running in every region that holds S3 buckets,
//! so sensitive data stored in S3 is discovered and monitored.
//!
//! CIS 3.1.3. Regions without S3 buckets are reported too when unused services are scanned,
//! as in Prowler.
//!
//! ## Risk
//!
//! Without Macie, sensitive data in S3 stays unclassified and exposures (public or shared
//! buckets holding personal data or secrets) can go unnoticed.
//!
//! ## Remediation
//!
//! Enable Amazon Macie in each region with S3 buckets (or resume it where it is suspended),
//! and turn on automated sensitive data discovery.
//!
//! `aws macie2 enable-macie --region <region>`; a suspended Macie is resumed with `aws
//! macie2 update-macie-session --status ENABLED`.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/macie/latest/user/getting-started.html
//! - https://aws.amazon.com/macie/getting-started/

use std::collections::BTreeSet;

use kestrel_model::{Finding, Severity, Status};

use crate::util::{arn, collected};
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "macie_is_enabled",
        title: "Amazon Macie is enabled",
        service: "macie",
        subservice: "",
        severity: Severity::Medium,
        resource_type: "Other",
        categories: &["secrets", "forensics-ready"],
        check_type: &[
            "Software and Configuration Checks/Industry and Regulatory Standards/AWS Foundational Security Best Practices",
            "Software and Configuration Checks/AWS Security Best Practices",
        ],
        needs: &[kestrel_model::macie::GET_MACIE_SESSION, kestrel_model::s3::LIST_ALL_MY_BUCKETS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let account = scan.account_id();
    // Regions holding buckets, computed only if some region needs it.
    let mut bucket_regions: Option<Option<BTreeSet<&str>>> = None;
    for (region, r) in scan.regions() {
        let session = arn(scan.partition(), "macie", region, account, "session");
        let Some(status) = collected(&r.macie.status, id, region, account, &session, emit) else {
            continue;
        };
        if status.as_deref() == Some("ENABLED") {
            emit(Finding::new(
                id,
                Status::Pass,
                region,
                account,
                &session,
                "Macie is enabled.",
            ));
            continue;
        }
        if !scan.settings.scan_unused_services {
            let regions = bucket_regions.get_or_insert_with(|| {
                scan.snapshot
                    .s3
                    .buckets
                    .ok()
                    .map(|bs| bs.iter().map(|b| b.region.as_str()).collect())
            });
            match regions {
                Some(regions) if !regions.contains(region) => continue,
                Some(_) => {}
                None => {
                    // Whether the region is in use is unknown: say why.
                    collected(
                        &scan.snapshot.s3.buckets,
                        id,
                        region,
                        account,
                        &session,
                        emit,
                    );
                    continue;
                }
            }
        }
        let text = if status.as_deref() == Some("PAUSED") {
            "Macie is currently in a SUSPENDED state."
        } else {
            "Macie is not enabled."
        };
        emit(Finding::new(
            id,
            Status::Fail,
            region,
            account,
            &session,
            text,
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, run_with, snapshot, statuses, ACCOUNT, REGION};
    use crate::Settings;
    use kestrel_model::{s3::Bucket, ApiError, Fetched, Snapshot};

    fn snap(status: Option<&str>, bucket_region: Option<&str>) -> Snapshot {
        let mut s = snapshot();
        region(&mut s).macie.status = Fetched::Ok(status.map(Into::into));
        s.s3.buckets = Fetched::Ok(
            bucket_region
                .map(|r| Bucket {
                    name: "b".into(),
                    region: r.into(),
                    ..Default::default()
                })
                .into_iter()
                .collect(),
        );
        s
    }

    #[test]
    fn pass_when_enabled() {
        let f = run(&CHECK, &snap(Some("ENABLED"), None));
        assert_eq!(statuses(&f), [Status::Pass]);
        assert_eq!(f[0].resource_id, ACCOUNT);
        assert_eq!(
            f[0].resource_arn,
            format!("arn:aws:macie:{REGION}:{ACCOUNT}:session")
        );
    }

    #[test]
    fn fail_when_off_or_paused_in_a_region_with_buckets() {
        let f = run(&CHECK, &snap(None, Some(REGION)));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert_eq!(f[0].status_extended, "Macie is not enabled.");
        let f = run(&CHECK, &snap(Some("PAUSED"), Some(REGION)));
        assert_eq!(statuses(&f), [Status::Fail]);
        assert!(f[0].status_extended.contains("SUSPENDED"));
    }

    #[test]
    fn regions_without_buckets_only_with_scan_unused_services() {
        assert!(run(&CHECK, &snap(None, Some("eu-west-1"))).is_empty());
        assert!(run(&CHECK, &snap(None, None)).is_empty());
        let settings = Settings {
            scan_unused_services: true,
            ..Default::default()
        };
        assert_eq!(
            statuses(&run_with(&CHECK, &snap(None, None), &settings)),
            [Status::Fail]
        );
    }

    #[test]
    fn error_when_session_or_buckets_unknown() {
        let mut s = snap(None, Some(REGION));
        region(&mut s).macie.status = Fetched::Error(ApiError::new(
            "macie2:GetMacieSession",
            "AccessDeniedException",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
        let mut s = snap(None, None);
        s.s3.buckets = Fetched::Error(ApiError::new("s3:ListBuckets", "AccessDenied", ""));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
        // Enabled needs no bucket listing.
        let mut s = snap(Some("ENABLED"), None);
        s.s3.buckets = Fetched::NotCollected;
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Pass]);
    }
}
