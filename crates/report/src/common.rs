//! Values several formats derive the same way from a finding, its check and the scan.

use std::collections::HashMap;
use std::sync::OnceLock;

use kestrel_checks::compliance;
use kestrel_model::{Finding, Tags};

use crate::ScanInfo;

/// `CIS-7.0` → requirement ids, for one check; frameworks newest first.
pub type ComplianceMap = Vec<(String, Vec<String>)>;

/// Every framework requirement that maps `check_id`, as Prowler's `finding.compliance`:
/// `{"CIS-7.0": ["2.5", "2.6"], "CIS-6.0": ["2.4"]}` (key `<Framework>-<Version>`).
pub fn compliance_of(check_id: &str) -> &'static [(String, Vec<String>)] {
    static INDEX: OnceLock<HashMap<String, ComplianceMap>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut index: HashMap<String, ComplianceMap> = HashMap::new();
        for fw in compliance::frameworks() {
            let key = format!("{}-{}", fw.framework, fw.version);
            for req in &fw.requirements {
                for check in &req.checks {
                    let entries = index.entry(check.clone()).or_default();
                    match entries.iter_mut().find(|(k, _)| *k == key) {
                        Some((_, ids)) => {
                            if !ids.contains(&req.id) {
                                ids.push(req.id.clone());
                            }
                        }
                        None => entries.push((key.clone(), vec![req.id.clone()])),
                    }
                }
            }
        }
        index
    });
    index.get(check_id).map(Vec::as_slice).unwrap_or(&[])
}

/// The CSV's COMPLIANCE cell: `CIS-7.0: 2.5, 2.6 | CIS-6.0: 2.4`.
pub fn compliance_cell(check_id: &str) -> String {
    compliance_of(check_id)
        .iter()
        .map(|(k, ids)| format!("{k}: {}", ids.join(", ")))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Prowler's `unroll_dict`: `k<sep>v | k2<sep>v2`.
pub fn unroll_tags(tags: &Tags, sep: &str) -> String {
    tags.iter()
        .map(|(k, v)| format!("{k}{sep}{v}"))
        .collect::<Vec<_>>()
        .join(" | ")
}

/// Prowler's `unroll_dict_to_list`: `["k:v", …]`.
pub fn tag_labels(tags: &Tags) -> Vec<String> {
    tags.iter().map(|(k, v)| format!("{k}:{v}")).collect()
}

/// Prowler's finding uid with kestrel's prefix:
/// `kestrel-aws-<CheckID>-<account>-<region>-<resource_id>`.
pub fn finding_uid(f: &Finding, scan: &ScanInfo) -> String {
    format!(
        "kestrel-aws-{}-{}-{}-{}",
        f.check_id, scan.account.account_id, f.region, f.resource_id
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compliance_cell_lists_every_framework() {
        // iam_no_root_access_key is CIS 7.0 2.4 and CIS 6.0 2.3.
        let cell = compliance_cell("iam_no_root_access_key");
        assert_eq!(cell, "CIS-7.0: 2.4 | CIS-6.0: 2.3");
        assert_eq!(compliance_cell("no_such_check"), "");
    }

    #[test]
    fn tags_unroll_like_prowler() {
        let mut t = Tags::new();
        t.insert("env".into(), "prod".into());
        t.insert("team".into(), "a".into());
        assert_eq!(unroll_tags(&t, "="), "env=prod | team=a");
        assert_eq!(unroll_tags(&t, ":"), "env:prod | team:a");
        assert_eq!(tag_labels(&t), ["env:prod", "team:a"]);
    }
}
