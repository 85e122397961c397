//! The compliance frameworks: Prowler 5.46's 44 AWS frameworks, each mapping its
//! requirements to check ids, as Prowler maps them. The data is one file per framework in
//! `src/data/compliance/` (written by `bench/compliance_data.py` from Prowler's JSON:
//! the mapping and the short labels of Prowler's CSV columns, not the frameworks' texts),
//! embedded at build time.
//!
//! Requirements without checks are reported as MANUAL. A requirement whose checks kestrel
//! does not all implement is never assessed as passing: see [`Requirement::coverage`].

use std::sync::OnceLock;

/// The compliance CSV model Prowler uses for a framework (11 of them for AWS).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layout {
    Cis,
    Generic,
    Ens,
    Iso27001,
    Mitre,
    ThreatScore,
    C5,
    Ccc,
    Kisa,
    WellArchitected,
    AsdEssentialEight,
}

/// The columns every layout shares that do not come from the requirement's attributes.
pub const FIXED_COLUMNS: [&str; 16] = [
    "PROVIDER",
    "DESCRIPTION",
    "ACCOUNTID",
    "REGION",
    "ASSESSMENTDATE",
    "REQUIREMENTS_ID",
    "REQUIREMENTS_NAME",
    "REQUIREMENTS_DESCRIPTION",
    "STATUS",
    "STATUSEXTENDED",
    "RESOURCEID",
    "RESOURCENAME",
    "CHECKID",
    "MUTED",
    "FRAMEWORK",
    "NAME",
];

macro_rules! columns {
    ($($c:literal),* $(,)?) => { &[$($c),*] };
}

impl Layout {
    pub const ALL: [Layout; 11] = [
        Layout::Cis,
        Layout::Generic,
        Layout::Ens,
        Layout::Iso27001,
        Layout::Mitre,
        Layout::ThreatScore,
        Layout::C5,
        Layout::Ccc,
        Layout::Kisa,
        Layout::WellArchitected,
        Layout::AsdEssentialEight,
    ];

    /// The name used in the data files.
    pub fn key(self) -> &'static str {
        match self {
            Layout::Cis => "cis",
            Layout::Generic => "generic",
            Layout::Ens => "ens",
            Layout::Iso27001 => "iso27001",
            Layout::Mitre => "mitre",
            Layout::ThreatScore => "threatscore",
            Layout::C5 => "c5",
            Layout::Ccc => "ccc",
            Layout::Kisa => "kisa",
            Layout::WellArchitected => "wellarchitected",
            Layout::AsdEssentialEight => "asd",
        }
    }

    pub fn parse(s: &str) -> Option<Layout> {
        Layout::ALL.into_iter().find(|l| l.key() == s)
    }

    /// The CSV header, in Prowler 5.46's order (its `*Model` classes of
    /// `prowler/lib/outputs/compliance/`; a test holds them equal to a Prowler run's).
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Layout::Cis => columns![
                "PROVIDER",
                "DESCRIPTION",
                "ACCOUNTID",
                "REGION",
                "ASSESSMENTDATE",
                "REQUIREMENTS_ID",
                "REQUIREMENTS_DESCRIPTION",
                "REQUIREMENTS_ATTRIBUTES_SECTION",
                "REQUIREMENTS_ATTRIBUTES_SUBSECTION",
                "REQUIREMENTS_ATTRIBUTES_PROFILE",
                "REQUIREMENTS_ATTRIBUTES_ASSESSMENTSTATUS",
                "REQUIREMENTS_ATTRIBUTES_DESCRIPTION",
                "REQUIREMENTS_ATTRIBUTES_RATIONALESTATEMENT",
                "REQUIREMENTS_ATTRIBUTES_IMPACTSTATEMENT",
                "REQUIREMENTS_ATTRIBUTES_REMEDIATIONPROCEDURE",
                "REQUIREMENTS_ATTRIBUTES_AUDITPROCEDURE",
                "REQUIREMENTS_ATTRIBUTES_ADDITIONALINFORMATION",
                "REQUIREMENTS_ATTRIBUTES_DEFAULTVALUE",
                "REQUIREMENTS_ATTRIBUTES_REFERENCES",
                "STATUS",
                "STATUSEXTENDED",
                "RESOURCEID",
                "RESOURCENAME",
                "CHECKID",
                "MUTED",
                "FRAMEWORK",
                "NAME",
            ],
            Layout::Generic => columns![
                "PROVIDER",
                "DESCRIPTION",
                "ACCOUNTID",
                "REGION",
                "ASSESSMENTDATE",
                "REQUIREMENTS_ID",
                "REQUIREMENTS_DESCRIPTION",
                "REQUIREMENTS_ATTRIBUTES_SECTION",
                "REQUIREMENTS_ATTRIBUTES_SUBSECTION",
                "REQUIREMENTS_ATTRIBUTES_SUBGROUP",
                "REQUIREMENTS_ATTRIBUTES_SERVICE",
                "REQUIREMENTS_ATTRIBUTES_TYPE",
                "STATUS",
                "STATUSEXTENDED",
                "RESOURCEID",
                "CHECKID",
                "MUTED",
                "RESOURCENAME",
                "FRAMEWORK",
                "NAME",
                "REQUIREMENTS_ATTRIBUTES_COMMENT",
            ],
            Layout::Ens => columns![
                "PROVIDER",
                "DESCRIPTION",
                "ACCOUNTID",
                "REGION",
                "ASSESSMENTDATE",
                "REQUIREMENTS_ID",
                "REQUIREMENTS_DESCRIPTION",
                "REQUIREMENTS_ATTRIBUTES_IDGRUPOCONTROL",
                "REQUIREMENTS_ATTRIBUTES_MARCO",
                "REQUIREMENTS_ATTRIBUTES_CATEGORIA",
                "REQUIREMENTS_ATTRIBUTES_DESCRIPCIONCONTROL",
                "REQUIREMENTS_ATTRIBUTES_NIVEL",
                "REQUIREMENTS_ATTRIBUTES_TIPO",
                "REQUIREMENTS_ATTRIBUTES_DIMENSIONES",
                "REQUIREMENTS_ATTRIBUTES_MODOEJECUCION",
                "REQUIREMENTS_ATTRIBUTES_DEPENDENCIAS",
                "STATUS",
                "STATUSEXTENDED",
                "RESOURCEID",
                "CHECKID",
                "MUTED",
                "RESOURCENAME",
                "FRAMEWORK",
                "NAME",
            ],
            Layout::Iso27001 => columns![
                "PROVIDER",
                "DESCRIPTION",
                "ACCOUNTID",
                "REGION",
                "ASSESSMENTDATE",
                "REQUIREMENTS_ID",
                "REQUIREMENTS_NAME",
                "REQUIREMENTS_DESCRIPTION",
                "REQUIREMENTS_ATTRIBUTES_CATEGORY",
                "REQUIREMENTS_ATTRIBUTES_OBJETIVE_ID",
                "REQUIREMENTS_ATTRIBUTES_OBJETIVE_NAME",
                "REQUIREMENTS_ATTRIBUTES_CHECK_SUMMARY",
                "STATUS",
                "STATUSEXTENDED",
                "RESOURCEID",
                "CHECKID",
                "MUTED",
                "RESOURCENAME",
                "FRAMEWORK",
                "NAME",
            ],
            Layout::Mitre => columns![
                "PROVIDER",
                "DESCRIPTION",
                "ACCOUNTID",
                "REGION",
                "ASSESSMENTDATE",
                "REQUIREMENTS_ID",
                "REQUIREMENTS_NAME",
                "REQUIREMENTS_DESCRIPTION",
                "REQUIREMENTS_TACTICS",
                "REQUIREMENTS_SUBTECHNIQUES",
                "REQUIREMENTS_PLATFORMS",
                "REQUIREMENTS_TECHNIQUEURL",
                "REQUIREMENTS_ATTRIBUTES_SERVICES",
                "REQUIREMENTS_ATTRIBUTES_CATEGORIES",
                "REQUIREMENTS_ATTRIBUTES_VALUES",
                "REQUIREMENTS_ATTRIBUTES_COMMENTS",
                "STATUS",
                "STATUSEXTENDED",
                "RESOURCEID",
                "CHECKID",
                "MUTED",
                "RESOURCENAME",
                "FRAMEWORK",
                "NAME",
            ],
            Layout::ThreatScore => columns![
                "PROVIDER",
                "DESCRIPTION",
                "ACCOUNTID",
                "REGION",
                "ASSESSMENTDATE",
                "REQUIREMENTS_ID",
                "REQUIREMENTS_DESCRIPTION",
                "REQUIREMENTS_ATTRIBUTES_TITLE",
                "REQUIREMENTS_ATTRIBUTES_SECTION",
                "REQUIREMENTS_ATTRIBUTES_SUBSECTION",
                "REQUIREMENTS_ATTRIBUTES_ATTRIBUTEDESCRIPTION",
                "REQUIREMENTS_ATTRIBUTES_ADDITIONALINFORMATION",
                "REQUIREMENTS_ATTRIBUTES_LEVELOFRISK",
                "REQUIREMENTS_ATTRIBUTES_WEIGHT",
                "STATUS",
                "STATUSEXTENDED",
                "RESOURCEID",
                "RESOURCENAME",
                "CHECKID",
                "MUTED",
                "FRAMEWORK",
                "NAME",
            ],
            Layout::C5 => columns![
                "PROVIDER",
                "DESCRIPTION",
                "ACCOUNTID",
                "REGION",
                "ASSESSMENTDATE",
                "REQUIREMENTS_ID",
                "REQUIREMENTS_DESCRIPTION",
                "REQUIREMENTS_ATTRIBUTES_SECTION",
                "REQUIREMENTS_ATTRIBUTES_SUBSECTION",
                "REQUIREMENTS_ATTRIBUTES_TYPE",
                "REQUIREMENTS_ATTRIBUTES_ABOUTCRITERIA",
                "REQUIREMENTS_ATTRIBUTES_COMPLEMENTARYCRITERIA",
                "STATUS",
                "STATUSEXTENDED",
                "RESOURCEID",
                "RESOURCENAME",
                "CHECKID",
                "MUTED",
                "FRAMEWORK",
                "NAME",
            ],
            Layout::Ccc => columns![
                "PROVIDER",
                "DESCRIPTION",
                "ACCOUNTID",
                "REGION",
                "ASSESSMENTDATE",
                "REQUIREMENTS_ID",
                "REQUIREMENTS_DESCRIPTION",
                "REQUIREMENTS_ATTRIBUTES_FAMILYNAME",
                "REQUIREMENTS_ATTRIBUTES_FAMILYDESCRIPTION",
                "REQUIREMENTS_ATTRIBUTES_SECTION",
                "REQUIREMENTS_ATTRIBUTES_SUBSECTION",
                "REQUIREMENTS_ATTRIBUTES_SUBSECTIONOBJECTIVE",
                "REQUIREMENTS_ATTRIBUTES_APPLICABILITY",
                "REQUIREMENTS_ATTRIBUTES_RECOMMENDATION",
                "REQUIREMENTS_ATTRIBUTES_SECTIONTHREATMAPPINGS",
                "REQUIREMENTS_ATTRIBUTES_SECTIONGUIDELINEMAPPINGS",
                "STATUS",
                "STATUSEXTENDED",
                "RESOURCEID",
                "RESOURCENAME",
                "CHECKID",
                "MUTED",
            ],
            Layout::Kisa => columns![
                "PROVIDER",
                "DESCRIPTION",
                "ACCOUNTID",
                "REGION",
                "ASSESSMENTDATE",
                "REQUIREMENTS_ID",
                "REQUIREMENTS_NAME",
                "REQUIREMENTS_DESCRIPTION",
                "REQUIREMENTS_ATTRIBUTES_DOMAIN",
                "REQUIREMENTS_ATTRIBUTES_SUBDOMAIN",
                "REQUIREMENTS_ATTRIBUTES_SECTION",
                "REQUIREMENTS_ATTRIBUTES_AUDITCHECKLIST",
                "REQUIREMENTS_ATTRIBUTES_RELATEDREGULATIONS",
                "REQUIREMENTS_ATTRIBUTES_AUDITEVIDENCE",
                "REQUIREMENTS_ATTRIBUTES_NONCOMPLIANCECASES",
                "STATUS",
                "STATUSEXTENDED",
                "RESOURCEID",
                "RESOURCENAME",
                "CHECKID",
                "MUTED",
                "FRAMEWORK",
                "NAME",
            ],
            Layout::WellArchitected => columns![
                "PROVIDER",
                "DESCRIPTION",
                "ACCOUNTID",
                "REGION",
                "ASSESSMENTDATE",
                "REQUIREMENTS_ID",
                "REQUIREMENTS_DESCRIPTION",
                "REQUIREMENTS_ATTRIBUTES_NAME",
                "REQUIREMENTS_ATTRIBUTES_WELLARCHITECTEDQUESTIONID",
                "REQUIREMENTS_ATTRIBUTES_WELLARCHITECTEDPRACTICEID",
                "REQUIREMENTS_ATTRIBUTES_SECTION",
                "REQUIREMENTS_ATTRIBUTES_SUBSECTION",
                "REQUIREMENTS_ATTRIBUTES_LEVELOFRISK",
                "REQUIREMENTS_ATTRIBUTES_ASSESSMENTMETHOD",
                "REQUIREMENTS_ATTRIBUTES_DESCRIPTION",
                "REQUIREMENTS_ATTRIBUTES_IMPLEMENTATIONGUIDANCEURL",
                "STATUS",
                "STATUSEXTENDED",
                "RESOURCEID",
                "CHECKID",
                "MUTED",
                "RESOURCENAME",
                "FRAMEWORK",
                "NAME",
            ],
            Layout::AsdEssentialEight => columns![
                "PROVIDER",
                "DESCRIPTION",
                "ACCOUNTID",
                "REGION",
                "ASSESSMENTDATE",
                "REQUIREMENTS_ID",
                "REQUIREMENTS_DESCRIPTION",
                "REQUIREMENTS_ATTRIBUTES_SECTION",
                "REQUIREMENTS_ATTRIBUTES_MATURITYLEVEL",
                "REQUIREMENTS_ATTRIBUTES_ASSESSMENTSTATUS",
                "REQUIREMENTS_ATTRIBUTES_CLOUDAPPLICABILITY",
                "REQUIREMENTS_ATTRIBUTES_MITIGATEDTHREATS",
                "REQUIREMENTS_ATTRIBUTES_DESCRIPTION",
                "REQUIREMENTS_ATTRIBUTES_RATIONALESTATEMENT",
                "REQUIREMENTS_ATTRIBUTES_IMPACTSTATEMENT",
                "REQUIREMENTS_ATTRIBUTES_REMEDIATIONPROCEDURE",
                "REQUIREMENTS_ATTRIBUTES_AUDITPROCEDURE",
                "REQUIREMENTS_ATTRIBUTES_ADDITIONALINFORMATION",
                "REQUIREMENTS_ATTRIBUTES_REFERENCES",
                "STATUS",
                "STATUSEXTENDED",
                "RESOURCEID",
                "RESOURCENAME",
                "CHECKID",
                "MUTED",
                "FRAMEWORK",
                "NAME",
            ],
        }
    }

    /// The columns filled from a requirement's attribute set (all but [`FIXED_COLUMNS`]),
    /// in header order: the order of the values in the data files.
    pub fn attribute_columns(self) -> Vec<&'static str> {
        self.columns()
            .iter()
            .copied()
            .filter(|c| !FIXED_COLUMNS.contains(c))
            .collect()
    }

    /// MITRE writes one row per (finding, requirement), its attribute sets joined; the
    /// others one row per (finding, requirement, attribute set).
    pub fn one_row_per_finding(self) -> bool {
        self == Layout::Mitre
    }

    /// The attribute column that groups requirements into sections (terminal and HTML
    /// overviews).
    pub fn section_column(self) -> &'static str {
        match self {
            Layout::Ens => "REQUIREMENTS_ATTRIBUTES_MARCO",
            Layout::Iso27001 => "REQUIREMENTS_ATTRIBUTES_CATEGORY",
            Layout::Mitre => "REQUIREMENTS_TACTICS",
            Layout::Ccc => "REQUIREMENTS_ATTRIBUTES_FAMILYNAME",
            Layout::Kisa => "REQUIREMENTS_ATTRIBUTES_DOMAIN",
            _ => "REQUIREMENTS_ATTRIBUTES_SECTION",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    pub id: String,
    /// The requirement's short name (ISO 27001, MITRE, KISA; often empty).
    pub name: String,
    /// Only CIS's (the recommendation's title); the other frameworks' texts are not
    /// copied.
    pub description: String,
    pub checks: Vec<String>,
    /// One value list per attribute set, in [`Layout::attribute_columns`] order. Prowler
    /// writes a row per set; a requirement with none gets no row at all.
    pub attributes: Vec<Vec<String>>,
}

/// How much of a requirement kestrel can assess.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Coverage {
    /// No checks: a human decides (MANUAL rows).
    Manual,
    /// Every mapped check is implemented.
    Full,
    /// Some mapped checks are implemented, some not.
    Partial,
    /// None of the mapped checks is implemented.
    None,
}

impl Requirement {
    /// What to show beside the id: the short name, else the (CIS) description, else "".
    pub fn label(&self) -> &str {
        if self.name.is_empty() {
            &self.description
        } else {
            &self.name
        }
    }

    /// The mapped checks kestrel does not implement.
    pub fn missing_checks(&self) -> impl Iterator<Item = &str> + '_ {
        self.checks
            .iter()
            .map(String::as_str)
            .filter(|c| crate::find(c).is_none())
    }

    pub fn coverage(&self) -> Coverage {
        if self.checks.is_empty() {
            return Coverage::Manual;
        }
        match self.missing_checks().count() {
            0 => Coverage::Full,
            n if n == self.checks.len() => Coverage::None,
            _ => Coverage::Partial,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Framework {
    /// `cis_7.0_aws` (the data file's name, Prowler's `--compliance` name).
    pub name: String,
    /// `CIS` (Prowler's `Framework`, the CSV's FRAMEWORK column).
    pub framework: String,
    /// `7.0`; empty for frameworks without one.
    pub version: String,
    /// `CIS Amazon Web Services Foundations Benchmark v7.0.0` (the CSV's NAME column,
    /// and its DESCRIPTION: Prowler's framework description is not copied).
    pub title: String,
    pub provider: String,
    pub layout: Layout,
    pub requirements: Vec<Requirement>,
}

/// Requirement counts by [`Coverage`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CoverageCounts {
    pub full: usize,
    pub partial: usize,
    pub none: usize,
    pub manual: usize,
}

impl Framework {
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

    /// Prowler's key in a finding's compliance map: `CIS-7.0`, or `SOC2` without a version.
    pub fn key(&self) -> String {
        if self.version.is_empty() {
            self.framework.clone()
        } else {
            format!("{}-{}", self.framework, self.version)
        }
    }

    /// Index of an attribute column in the value lists.
    pub fn attribute_index(&self, column: &str) -> Option<usize> {
        self.layout
            .attribute_columns()
            .iter()
            .position(|c| *c == column)
    }

    /// A requirement's section (its first attribute set's [`Layout::section_column`]).
    pub fn section_of<'a>(&self, r: &'a Requirement) -> &'a str {
        self.attribute_index(self.layout.section_column())
            .and_then(|i| r.attributes.first().and_then(|a| a.get(i)))
            .map(String::as_str)
            .unwrap_or("")
    }

    pub fn coverage(&self) -> CoverageCounts {
        let mut c = CoverageCounts::default();
        for r in &self.requirements {
            match r.coverage() {
                Coverage::Full => c.full += 1,
                Coverage::Partial => c.partial += 1,
                Coverage::None => c.none += 1,
                Coverage::Manual => c.manual += 1,
            }
        }
        c
    }
}

include!(concat!(env!("OUT_DIR"), "/compliance_sources.rs"));

/// All frameworks, sorted by name.
pub fn frameworks() -> &'static [Framework] {
    static CELL: OnceLock<Vec<Framework>> = OnceLock::new();
    CELL.get_or_init(|| {
        SOURCES
            .iter()
            .map(|(name, text)| parse(name, text).unwrap_or_else(|e| panic!("{name}: {e}")))
            .collect()
    })
}

pub fn find(name: &str) -> Option<&'static Framework> {
    frameworks().iter().find(|f| f.name == name)
}

/// Parses a data file (format in `bench/compliance_data.py`).
fn parse(name: &str, text: &str) -> Result<Framework, String> {
    let mut fw = Framework {
        name: name.to_string(),
        framework: String::new(),
        version: String::new(),
        title: String::new(),
        provider: "AWS".into(),
        layout: Layout::Generic,
        requirements: Vec::new(),
    };
    let mut width = 0;
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if let Some(key) = fields[0].strip_prefix('@') {
            let value = fields.get(1).copied().unwrap_or("").to_string();
            match key {
                "framework" => fw.framework = value,
                "version" => fw.version = value,
                "title" => fw.title = value,
                "layout" => {
                    fw.layout = Layout::parse(&value)
                        .ok_or_else(|| format!("line {line_no}: unknown layout {value:?}"))?
                }
                "attributes" => {
                    let expected = fw.layout.attribute_columns();
                    if fields[1..] != expected[..] {
                        return Err(format!(
                            "line {line_no}: attribute columns {:?} are not layout {}'s {:?}",
                            &fields[1..],
                            fw.layout.key(),
                            expected
                        ));
                    }
                    width = expected.len();
                }
                _ => return Err(format!("line {line_no}: unknown key @{key}")),
            }
            continue;
        }
        if fields.len() < 4 {
            return Err(format!("line {line_no}: {} fields", fields.len()));
        }
        let attrs: Vec<String> = fields[4..].iter().map(|s| s.to_string()).collect();
        let no_attributes = attrs.len() == 1 && attrs[0] == "!noattributes";
        if !no_attributes && attrs.len() != width {
            return Err(format!(
                "line {line_no}: {} attribute values, the layout has {width}",
                attrs.len()
            ));
        }
        if fields[0] == "+" {
            let last = fw
                .requirements
                .last_mut()
                .ok_or_else(|| format!("line {line_no}: `+` before any requirement"))?;
            last.attributes.push(attrs);
            continue;
        }
        fw.requirements.push(Requirement {
            id: fields[0].to_string(),
            name: fields[1].to_string(),
            description: fields[2].to_string(),
            checks: fields[3]
                .split(',')
                .map(str::trim)
                .filter(|c| !c.is_empty())
                .map(str::to_string)
                .collect(),
            attributes: if no_attributes {
                Vec::new()
            } else {
                vec![attrs]
            },
        });
    }
    if fw.framework.is_empty() || fw.title.is_empty() || width == 0 {
        return Err("missing @framework, @title or @attributes".into());
    }
    Ok(fw)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_44_frameworks_parse() {
        let fws = frameworks();
        assert_eq!(fws.len(), 44);
        for fw in fws {
            assert!(!fw.requirements.is_empty(), "{}", fw.name);
            assert!(fw.name.ends_with("_aws"), "{}", fw.name);
        }
        // Sorted by name.
        let names: Vec<&str> = fws.iter().map(|f| f.name.as_str()).collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted);
    }

    #[test]
    fn every_layout_starts_with_the_common_head_and_is_used() {
        for l in Layout::ALL {
            let head = [
                "PROVIDER",
                "DESCRIPTION",
                "ACCOUNTID",
                "REGION",
                "ASSESSMENTDATE",
                "REQUIREMENTS_ID",
            ];
            assert_eq!(&l.columns()[..6], head);
            assert!(frameworks().iter().any(|f| f.layout == l), "{l:?} unused");
            assert!(l.attribute_columns().contains(&l.section_column()));
        }
    }

    #[test]
    fn cis_7_has_70_requirements_and_82_checks() {
        let fw = find("cis_7.0_aws").unwrap();
        assert_eq!(fw.layout, Layout::Cis);
        assert_eq!(fw.requirements.len(), 70);
        assert_eq!(fw.check_ids().len(), 82);
        assert_eq!(fw.key(), "CIS-7.0");
        assert_eq!(
            fw.title,
            "CIS Amazon Web Services Foundations Benchmark v7.0.0"
        );
        let r = fw.requirements.iter().find(|r| r.id == "2.1.2").unwrap();
        assert!(r.checks.is_empty(), "manual requirement");
        assert_eq!(r.coverage(), Coverage::Manual);
        assert_eq!(fw.section_of(r), "2 Identity and Access Management");
        let profile = fw
            .attribute_index("REQUIREMENTS_ATTRIBUTES_PROFILE")
            .unwrap();
        assert!(r.attributes[0][profile].starts_with("Level "));
        let r = fw.requirements.iter().find(|r| r.id == "2.14").unwrap();
        assert_eq!(r.checks.len(), 2);
        assert!(!r.description.is_empty());
    }

    #[test]
    fn keys_follow_prowler() {
        assert_eq!(find("soc2_aws").unwrap().key(), "SOC2");
        assert_eq!(find("cis_4.0_aws").unwrap().key(), "CIS-4.0.1");
        assert_eq!(find("ens_rd2022_aws").unwrap().key(), "ENS-RD2022");
        assert_eq!(find("ccc_aws").unwrap().key(), "CCC-v2025.10");
    }

    #[test]
    fn mitre_keeps_one_attribute_set_per_prowler_attribute() {
        let fw = find("mitre_attack_aws").unwrap();
        assert!(fw.layout.one_row_per_finding());
        let r = fw.requirements.iter().find(|r| r.id == "T1190").unwrap();
        assert_eq!(r.name, "Exploit Public-Facing Application");
        assert!(r.attributes.len() > 1);
        assert_eq!(fw.section_of(r), "Initial Access");
    }

    #[test]
    fn coverage_is_honest() {
        // CIS 7.0 is fully implemented; PCI 4.0 is not.
        let c = find("cis_7.0_aws").unwrap().coverage();
        assert_eq!((c.partial, c.none), (0, 0));
        assert_eq!(c.full + c.manual, 70);
        let pci = find("pci_4.0_aws").unwrap();
        let c = pci.coverage();
        assert!(c.none > 0 && c.full > 0);
        assert_eq!(
            c.full + c.partial + c.none + c.manual,
            pci.requirements.len()
        );
        let r = pci
            .requirements
            .iter()
            .find(|r| r.coverage() == Coverage::Partial)
            .expect("a partly covered PCI requirement");
        assert!(r.missing_checks().count() > 0);
        assert!(r.missing_checks().count() < r.checks.len());
    }

    #[test]
    fn bad_data_is_an_error_naming_the_line() {
        let e = parse("x", "@framework\tX\n@title\tT\n@layout\tnope\n").unwrap_err();
        assert!(e.contains("line 3") && e.contains("nope"), "{e}");
        let e = parse(
            "x",
            "@framework\tX\n@title\tT\n@layout\tc5\n@attributes\tREQUIREMENTS_ATTRIBUTES_SECTION\n",
        )
        .unwrap_err();
        assert!(e.contains("line 4"), "{e}");
        let ok = "@framework\tX\n@title\tT\n@layout\tc5\n@attributes\tREQUIREMENTS_ATTRIBUTES_SECTION\tREQUIREMENTS_ATTRIBUTES_SUBSECTION\tREQUIREMENTS_ATTRIBUTES_TYPE\tREQUIREMENTS_ATTRIBUTES_ABOUTCRITERIA\tREQUIREMENTS_ATTRIBUTES_COMPLEMENTARYCRITERIA\n";
        let e = parse("x", &format!("{ok}r1\t\t\tc\ta\tb\n")).unwrap_err();
        assert!(
            e.contains("line 5") && e.contains("2 attribute values"),
            "{e}"
        );
        let fw = parse(
            "x",
            &format!("{ok}r1\t\t\tc\ta\tb\tc\t\t\n+\t\t\t\td\te\tf\t\t\nr2\t\t\t\t!noattributes\n"),
        )
        .unwrap();
        assert_eq!(fw.requirements.len(), 2);
        assert_eq!(fw.requirements[0].attributes.len(), 2);
        assert!(fw.requirements[1].attributes.is_empty());
        assert_eq!(fw.requirements[1].coverage(), Coverage::Manual);
    }
}
