//! kestrel's checks: pure functions from an account [`Snapshot`] to [`Finding`]s.
//!
//! No SDK, no I/O, no clock (the scan time comes in the [`Context`]), so every check is
//! tested on a tiny hand-built snapshot and runs the same on a live scan and on a
//! saved inventory.
//!
//! One check = one file under its Prowler service (`src/<service>/<check_id>.rs`) holding
//! `pub const CHECK: Check` (the metadata: Prowler's id, title, severity, resource type,
//! description, risk, remediation, and the API actions it needs) and its `run`
//! function, with PASS and FAIL tests beside it. Each service's `mod.rs` lists its checks;
//! [`all`] is the registry that `--list-checks`, the reports and the scan-role template
//! read.

use kestrel_model::{Finding, Severity, Snapshot};

pub mod compliance;
pub mod util;

pub mod accessanalyzer;
pub mod account;
pub mod apigateway;
pub mod apigatewayv2;
pub mod awslambda;
pub mod cloudfront;
pub mod cloudtrail;
pub mod cloudwatch;
pub mod config;
pub mod ec2;
pub mod efs;
pub mod elbv2;
pub mod eventbridge;
pub mod glacier;
pub mod iam;
pub mod kms;
pub mod macie;
pub mod organizations;
pub mod rds;
pub mod s3;
pub mod secretsmanager;
pub mod securityhub;
pub mod sns;
pub mod sqs;
pub mod vpc;

/// What a check is, for listings and reports.
#[derive(Debug)]
pub struct CheckMeta {
    /// Prowler's check id.
    pub id: &'static str,
    pub title: &'static str,
    /// Prowler's service name (`iam`, `ec2`, `vpc`, `awslambda`, …).
    pub service: &'static str,
    pub subservice: &'static str,
    pub severity: Severity,
    /// Prowler's resource type (`AwsIamUser`, `AwsS3Bucket`, `Other`, …).
    pub resource_type: &'static str,
    pub description: &'static str,
    pub risk: &'static str,
    pub remediation: &'static str,
    pub remediation_url: &'static str,
    pub related_url: &'static str,
    pub categories: &'static [&'static str],
    /// Prowler's CheckType (ASFF types).
    pub check_type: &'static [&'static str],
    /// The API actions (`service:Action`, IAM names) the check's data comes from. The
    /// inventory collects only what selected checks need, and the scan-role template's
    /// inline policy is generated from these.
    pub needs: &'static [&'static str],
}

/// A check: its metadata and its function.
pub struct Check {
    pub meta: CheckMeta,
    pub run: fn(&Context, &mut dyn FnMut(Finding)),
}

impl std::fmt::Debug for Check {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Check").field("id", &self.meta.id).finish()
    }
}

/// Settings with Prowler's defaults (`prowler/config/config.yaml`).
#[derive(Debug, Clone)]
pub struct Settings {
    /// Also report unused resources (Prowler's `--scan-unused-services`).
    pub scan_unused_services: bool,
    /// iam_user_accesskey_unused / iam_user_console_access_unused.
    pub max_unused_credential_days: i64,
    /// iam_rotate_access_key_90_days.
    pub max_access_key_age_days: i64,
    /// iam_avoid_root_usage.
    pub max_root_unused_days: i64,
    /// organizations_delegated_administrators: account ids that may be delegated admins.
    pub trusted_delegated_administrators: Vec<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            scan_unused_services: false,
            max_unused_credential_days: 45,
            max_access_key_age_days: 90,
            max_root_unused_days: 1,
            trusted_delegated_administrators: Vec::new(),
        }
    }
}

/// What a check sees.
pub struct Context<'a> {
    pub snapshot: &'a Snapshot,
    pub settings: &'a Settings,
    /// The scan time, seconds since the Unix epoch (checks never read the clock).
    pub now: i64,
}

impl<'a> Context<'a> {
    pub fn new(snapshot: &'a Snapshot, settings: &'a Settings, now: i64) -> Self {
        Context {
            snapshot,
            settings,
            now,
        }
    }

    pub fn account_id(&self) -> &str {
        &self.snapshot.account.account_id
    }

    pub fn partition(&self) -> &str {
        if self.snapshot.account.partition.is_empty() {
            "aws"
        } else {
            &self.snapshot.account.partition
        }
    }

    /// The region for findings about global services (the first scanned region, as
    /// Prowler reports global resources in its default region).
    pub fn global_region(&self) -> &str {
        self.snapshot
            .regions
            .first()
            .map(String::as_str)
            .unwrap_or("us-east-1")
    }

    /// Each scanned region with its data, in scan order.
    pub fn regions(&self) -> impl Iterator<Item = (&'a str, &'a kestrel_model::Regional)> {
        let snap = self.snapshot;
        snap.regions
            .iter()
            .filter_map(move |r| snap.regional.get(r).map(|data| (r.as_str(), data)))
    }
}

/// Every check, in a stable order (by service, then id).
pub fn all() -> Vec<&'static Check> {
    let lists: [&'static [&'static Check]; 25] = [
        accessanalyzer::CHECKS,
        account::CHECKS,
        apigateway::CHECKS,
        apigatewayv2::CHECKS,
        awslambda::CHECKS,
        cloudfront::CHECKS,
        cloudtrail::CHECKS,
        cloudwatch::CHECKS,
        config::CHECKS,
        ec2::CHECKS,
        efs::CHECKS,
        elbv2::CHECKS,
        eventbridge::CHECKS,
        glacier::CHECKS,
        iam::CHECKS,
        kms::CHECKS,
        macie::CHECKS,
        organizations::CHECKS,
        rds::CHECKS,
        s3::CHECKS,
        secretsmanager::CHECKS,
        securityhub::CHECKS,
        sns::CHECKS,
        sqs::CHECKS,
        vpc::CHECKS,
    ];
    let mut v: Vec<&'static Check> = lists.iter().flat_map(|l| l.iter().copied()).collect();
    v.sort_by_key(|c| (c.meta.service, c.meta.id));
    v
}

/// The check with this id.
pub fn find(id: &str) -> Option<&'static Check> {
    all().into_iter().find(|c| c.meta.id == id)
}

/// Prowler service names that have checks.
pub fn services() -> Vec<&'static str> {
    let mut s: Vec<&'static str> = all().iter().map(|c| c.meta.service).collect();
    s.dedup();
    s
}

/// Runs one check, streaming its findings.
pub fn run(check: &Check, ctx: &Context, emit: &mut dyn FnMut(Finding)) {
    (check.run)(ctx, emit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_ids_are_unique_and_well_formed() {
        let checks = all();
        let mut ids: Vec<&str> = checks.iter().map(|c| c.meta.id).collect();
        ids.sort();
        let before = ids.len();
        ids.dedup();
        assert_eq!(before, ids.len(), "duplicate check ids");
        for c in &checks {
            let m = &c.meta;
            assert!(
                m.id.starts_with(&format!("{}_", m.service)),
                "{} is not under service {}",
                m.id,
                m.service
            );
            assert!(!m.title.is_empty() && !m.description.is_empty(), "{}", m.id);
            assert!(!m.risk.is_empty() && !m.remediation.is_empty(), "{}", m.id);
            assert!(!m.needs.is_empty(), "{} declares no API actions", m.id);
            for a in m.needs {
                assert!(
                    a.contains(':'),
                    "{}: action {a} is not service:Action",
                    m.id
                );
            }
        }
    }

    #[test]
    fn every_compliance_check_is_implemented() {
        for fw in compliance::frameworks() {
            for req in &fw.requirements {
                for id in &req.checks {
                    assert!(
                        find(id).is_some(),
                        "{} {}: {id} is not implemented",
                        fw.name,
                        req.id
                    );
                }
            }
        }
    }
}

/// Building blocks for check tests: a one-region snapshot and a runner.
#[cfg(test)]
pub(crate) mod testkit {
    use kestrel_model::{Finding, Regional, Snapshot, Status};

    use crate::{Check, Context, Settings};

    pub const ACCOUNT: &str = "123456789012";
    pub const REGION: &str = "us-east-1";
    /// 2025-01-01T00:00:00Z: the scan time of every check test.
    pub const NOW: i64 = 1_735_689_600;

    /// An account with one scanned region and nothing collected yet.
    pub fn snapshot() -> Snapshot {
        let mut s = Snapshot {
            regions: vec![REGION.to_string()],
            ..Default::default()
        };
        s.account.account_id = ACCOUNT.into();
        s.account.partition = "aws".into();
        s.regional.insert(REGION.to_string(), Regional::default());
        s
    }

    /// The only region's data, for editing.
    pub fn region(s: &mut Snapshot) -> &mut Regional {
        s.regional.get_mut(REGION).unwrap()
    }

    pub fn run(check: &Check, snap: &Snapshot) -> Vec<Finding> {
        run_with(check, snap, &Settings::default())
    }

    pub fn run_with(check: &Check, snap: &Snapshot, settings: &Settings) -> Vec<Finding> {
        let ctx = Context::new(snap, settings, NOW);
        let mut out = Vec::new();
        (check.run)(&ctx, &mut |f| out.push(f));
        for f in &out {
            assert_eq!(f.check_id, check.meta.id, "findings carry their check id");
        }
        out
    }

    pub fn statuses(findings: &[Finding]) -> Vec<Status> {
        findings.iter().map(|f| f.status).collect()
    }
}
