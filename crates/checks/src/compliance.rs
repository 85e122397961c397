//! The compliance frameworks kestrel maps its checks to: CIS AWS Foundations 7.0 and 6.0,
//! as Prowler maps them (`data/`, copied from Prowler's compliance JSON by
//! `../shared/reference`). Requirements without checks are reported as MANUAL.

use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    pub id: String,
    pub description: String,
    /// `2 Identity and Access Management` (7.0; empty where the source has none).
    pub section: String,
    /// `Level 1` / `Level 2`.
    pub profile: String,
    /// `Automated` / `Manual`.
    pub assessment_status: String,
    pub checks: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Framework {
    /// `cis_7.0_aws`.
    pub name: String,
    /// `CIS`.
    pub framework: String,
    pub version: String,
    pub provider: String,
    pub description: String,
    pub requirements: Vec<Requirement>,
}

impl Framework {
    /// Requirements that map this check.
    pub fn requirements_for<'a>(
        &'a self,
        check_id: &'a str,
    ) -> impl Iterator<Item = &'a Requirement> + 'a {
        self.requirements
            .iter()
            .filter(move |r| r.checks.iter().any(|c| c == check_id))
    }

    /// Every check id the framework uses.
    pub fn check_ids(&self) -> Vec<&str> {
        let mut ids: Vec<&str> = self
            .requirements
            .iter()
            .flat_map(|r| r.checks.iter().map(String::as_str))
            .collect();
        ids.sort();
        ids.dedup();
        ids
    }
}

const SOURCES: [(&str, &str, &str); 2] = [
    ("cis_7.0_aws", "7.0", include_str!("data/cis_7.0_aws.txt")),
    ("cis_6.0_aws", "6.0", include_str!("data/cis_6.0_aws.txt")),
];

/// All frameworks, newest first.
pub fn frameworks() -> &'static [Framework] {
    static CELL: OnceLock<Vec<Framework>> = OnceLock::new();
    CELL.get_or_init(|| {
        SOURCES
            .iter()
            .map(|(name, version, text)| parse(name, version, text))
            .collect()
    })
}

pub fn find(name: &str) -> Option<&'static Framework> {
    frameworks().iter().find(|f| f.name == name)
}

/// Parses the mapping text. Two layouts: `Id | Profile | Status | Section | Description`
/// with `=> checks` on the next line (7.0), or `Id | Profile | Status | Description =>
/// checks` on one line (6.0). `(none - MANUAL)` means no checks.
fn parse(name: &str, version: &str, text: &str) -> Framework {
    let mut requirements: Vec<Requirement> = Vec::new();
    let mut description = format!("CIS Amazon Web Services Foundations Benchmark v{version}");
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        if let Some(rest) = trimmed.strip_prefix('#') {
            if let Some((_, d)) = rest.split_once(": ") {
                if let Some(d) = d.split(" (Version").next() {
                    description = d.trim().to_string();
                }
            }
            continue;
        }
        if let Some(checks) = trimmed.strip_prefix("=>") {
            if let Some(last) = requirements.last_mut() {
                last.checks = parse_checks(checks);
            }
            continue;
        }
        let (head, checks) = match trimmed.split_once(" => ") {
            Some((h, c)) => (h, Some(c)),
            None => (trimmed, None),
        };
        let parts: Vec<&str> = head.split(" | ").map(str::trim).collect();
        if parts.len() < 4 {
            continue;
        }
        let (section, desc) = if parts.len() >= 5 {
            (parts[3].to_string(), parts[4..].join(" | "))
        } else {
            (String::new(), parts[3].to_string())
        };
        requirements.push(Requirement {
            id: parts[0].to_string(),
            profile: parts[1].to_string(),
            assessment_status: parts[2].to_string(),
            section,
            description: desc,
            checks: checks.map(parse_checks).unwrap_or_default(),
        });
    }
    Framework {
        name: name.to_string(),
        framework: "CIS".into(),
        version: version.to_string(),
        provider: "AWS".into(),
        description,
        requirements,
    }
}

fn parse_checks(s: &str) -> Vec<String> {
    let s = s.trim();
    if s.starts_with("(none") || s.is_empty() {
        return Vec::new();
    }
    s.split(',')
        .map(|c| c.trim().to_string())
        .filter(|c| !c.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cis_7_has_70_requirements_and_82_checks() {
        let fw = find("cis_7.0_aws").unwrap();
        assert_eq!(fw.requirements.len(), 70);
        assert_eq!(fw.check_ids().len(), 82);
        let r = fw.requirements.iter().find(|r| r.id == "2.1.2").unwrap();
        assert!(r.checks.is_empty(), "manual requirement");
        assert_eq!(r.section, "2 Identity and Access Management");
        let r = fw.requirements.iter().find(|r| r.id == "2.14").unwrap();
        assert_eq!(r.checks.len(), 2);
    }

    #[test]
    fn cis_6_parses() {
        let fw = find("cis_6.0_aws").unwrap();
        assert_eq!(fw.requirements.len(), 63);
        assert!(fw.check_ids().contains(&"iam_user_two_active_access_key"));
        assert!(fw.description.contains("v6.0.0"));
    }
}
