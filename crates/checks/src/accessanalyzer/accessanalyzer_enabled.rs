//! # accessanalyzer_enabled
//!
//! ## Description
//!
//! Checks each scanned region for an IAM Access Analyzer analyzer and whether it is active.
//!
//! CIS 2.18. Each analyzer is one finding, PASS when its status is `ACTIVE` and FAIL
//! otherwise; a region without any analyzer gets a single FAIL, as in Prowler.
//!
//! ## Risk
//!
//! Without an active analyzer, resources shared outside the account or organization (S3
//! buckets, KMS keys, IAM role trusts, snapshots, secrets) go unnoticed and can be used for
//! data exfiltration or lateral movement.
//!
//! ## Remediation
//!
//! Create an IAM Access Analyzer analyzer (account or organization zone of trust) in every
//! region in use and review its findings.
//!
//! In each region: `aws accessanalyzer create-analyzer --analyzer-name <name> --type
//! ACCOUNT`, or `--type ORGANIZATION` from the organization's delegated administrator.
//!
//! ## References
//!
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-getting-started.html
//! - https://docs.aws.amazon.com/IAM/latest/UserGuide/what-is-access-analyzer.html

use kestrel_model::{Finding, Severity, Status};

use crate::util::collected;
use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "accessanalyzer_enabled",
        title: "IAM Access Analyzer is enabled",
        service: "accessanalyzer",
        subservice: "",
        severity: Severity::Low,
        resource_type: "Other",
        categories: &["identity-access", "trust-boundaries"],
        check_type: &["Software and Configuration Checks/Industry and Regulatory Standards/CIS AWS Foundations Benchmark"],
        needs: &[kestrel_model::accessanalyzer::LIST_ANALYZERS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    let id = CHECK.meta.id;
    let account = scan.account_id();
    let account_arn = format!("arn:{}:iam::{account}:root", scan.partition());
    for (region, r) in scan.regions() {
        let Some(analyzers) = collected(
            &r.accessanalyzer.analyzers,
            id,
            region,
            account,
            &account_arn,
            emit,
        ) else {
            continue;
        };
        if analyzers.is_empty() {
            emit(Finding::new(
                id,
                Status::Fail,
                region,
                account,
                &account_arn,
                format!("IAM Access Analyzer in account {account} is not enabled."),
            ));
        }
        for a in analyzers {
            let (status, text) = if a.status == "ACTIVE" {
                (
                    Status::Pass,
                    format!("IAM Access Analyzer {} is enabled.", a.name),
                )
            } else {
                (
                    Status::Fail,
                    format!("IAM Access Analyzer {} is not active.", a.name),
                )
            };
            emit(Finding::new(id, status, region, &a.name, &a.arn, text));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testkit::{region, run, snapshot, statuses};
    use kestrel_model::{accessanalyzer::Analyzer, ApiError, Fetched, Regional};

    fn analyzer(name: &str, status: &str) -> Analyzer {
        Analyzer {
            name: name.into(),
            arn: format!("arn:aws:access-analyzer:us-east-1:123456789012:analyzer/{name}"),
            status: status.into(),
            analyzer_type: "ACCOUNT".into(),
        }
    }

    #[test]
    fn pass_per_active_analyzer_fail_when_not_active() {
        let mut s = snapshot();
        region(&mut s).accessanalyzer.analyzers = Fetched::Ok(vec![
            analyzer("main", "ACTIVE"),
            analyzer("broken", "FAILED"),
        ]);
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Pass, Status::Fail]);
        assert_eq!(f[0].status_extended, "IAM Access Analyzer main is enabled.");
        assert_eq!(
            f[1].status_extended,
            "IAM Access Analyzer broken is not active."
        );
        assert_eq!(f[0].region, "us-east-1");
    }

    #[test]
    fn fail_per_region_without_analyzer() {
        let mut s = snapshot();
        region(&mut s).accessanalyzer.analyzers = Fetched::Ok(vec![]);
        s.regions.push("eu-west-1".into());
        s.regional.insert(
            "eu-west-1".into(),
            Regional {
                accessanalyzer: kestrel_model::accessanalyzer::AccessAnalyzer {
                    analyzers: Fetched::Ok(vec![analyzer("eu", "ACTIVE")]),
                },
                ..Default::default()
            },
        );
        let f = run(&CHECK, &s);
        assert_eq!(statuses(&f), [Status::Fail, Status::Pass]);
        assert_eq!(
            f[0].status_extended,
            "IAM Access Analyzer in account 123456789012 is not enabled."
        );
        assert_eq!(f[0].resource_arn, "arn:aws:iam::123456789012:root");
        assert_eq!(f[1].region, "eu-west-1");
    }

    #[test]
    fn error_when_denied() {
        let mut s = snapshot();
        region(&mut s).accessanalyzer.analyzers = Fetched::Error(ApiError::new(
            "access-analyzer:ListAnalyzers",
            "AccessDeniedException",
            "",
        ));
        assert_eq!(statuses(&run(&CHECK, &s)), [Status::Error]);
    }
}
