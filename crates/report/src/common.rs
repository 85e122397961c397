//! Values several formats derive the same way from a finding, its check and the scan.

use std::collections::HashMap;
use std::sync::OnceLock;

use kestrel_checks::compliance;
use kestrel_model::{Finding, Tags};

use crate::ScanInfo;

/// `CIS-7.0` → requirement ids, for one check; frameworks in name order.
pub type ComplianceMap = Vec<(String, Vec<String>)>;

/// Every framework requirement that maps `check_id`, as Prowler's `finding.compliance`:
/// `{"CIS-7.0": ["2.5", "2.6"], "SOC2": ["cc_6_1"]}` (key `<Framework>-<Version>`, or
/// `<Framework>` when it has no version).
pub fn compliance_of(check_id: &str) -> &'static [(String, Vec<String>)] {
    static INDEX: OnceLock<HashMap<String, ComplianceMap>> = OnceLock::new();
    let index = INDEX.get_or_init(|| {
        let mut index: HashMap<String, ComplianceMap> = HashMap::new();
        for fw in compliance::frameworks() {
            let key = fw.key();
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

    /// Prowler 5.46's COMPLIANCE cell for this check (its CSV on the demo account),
    /// entries in its own (file system) order.
    const PROWLER_S3_DEFAULT_ENCRYPTION: &str = "NIST-CSF-1.1: ds_1 | PCI-4.0: 3.5.1.30, 8.3.2.48 | AWS-Well-Architected-Framework-Security-Pillar: SEC08-BP03 | RBI-Cyber-Security-Framework: annex_i_1_3 | NIST-CSF-2.0: ds_1, ds_3 | SecNumCloud-3.2: 10.1 | CIS-1.4: 2.1.1 | C5-2025: OPS-31.01B, IAM-07.03B, CRY-01.02AC, CRY-05.01AC, PSS-12.02B | KISA-ISMS-P-2023: 2.7.1, 2.10.2 | ISO27001-2022: A.8.11, A.8.24 | SOC2: pi_1_4 | MITRE-ATTACK: T1119, T1530 | KISA-ISMS-P-2023-korean: 2.7.1, 2.10.2 | NIST-800-171-Revision-2: 3_3_8, 3_5_10, 3_13_11, 3_13_16 | CIS-1.5: 2.1.1 | FedRAMP-Low-Revision-4: sc-13 | AWS-Foundational-Technical-Review: S3-001 | NIST-800-53-Revision-4: sc_28 | CISA: your-systems-3, your-data-1, your-data-2 | FFIEC: d3-pc-am-b-12 | PCI-3.2.1: 3.4, 3.4.1, 3.4.1.a, 3.4.1.c, 3.4.a, 3.4.b, 3.4.d, 8.2, 8.2.1, 8.2.1.a | FedRamp-Moderate-Revision-4: sc-13, sc-28 | GxP-EU-Annex-11: 7.1-data-storage-damage-protection | GDPR: article_32 | AWS-AI-Security-Framework-1.0: AISF-INFRA-05, AISF-DATA-04 | HIPAA: 164_308_a_1_ii_b, 164_308_a_4_ii_a, 164_312_a_2_iv, 164_312_c_1, 164_312_c_2, 164_312_e_2_ii | ENS-RD2022: mp.si.2.aws.s3.1 | NIST-800-53-Revision-5: au_9_3, cm_6_a, cm_9_b, cp_9_d, cp_9_8, pm_11_b, sc_8_3, sc_8_4, sc_13_a, sc_16_1, sc_28_1, si_19_4 | GxP-21-CFR-Part-11: 11.10-c, 11.30 | CCC-v2025.10: CCC.Core.CN02.AR01";

    #[test]
    fn compliance_cell_lists_every_framework_as_prowler() {
        let ours = compliance_cell("s3_bucket_default_encryption");
        let mut a: Vec<&str> = ours.split(" | ").collect();
        let mut b: Vec<&str> = PROWLER_S3_DEFAULT_ENCRYPTION.split(" | ").collect();
        a.sort();
        b.sort();
        assert_eq!(a, b);
        // In kestrel's order: by framework file name.
        assert!(
            ours.starts_with("AWS-AI-Security-Framework-1.0: "),
            "{ours}"
        );
        assert!(compliance_cell("iam_no_root_access_key").contains("CIS-7.0: 2.4 | "));
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
