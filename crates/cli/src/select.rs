//! Which checks run: `-c`, `-s`, `--compliance`, `--severity`, `-e`, `--excluded-services`,
//! and the listings. Unknown names are usage errors that name the closest valid one.

use std::collections::BTreeSet;

use kestrel_checks::{compliance, Check};
use kestrel_model::Severity;

use crate::Failure;

/// A usage error naming the offending value, what is allowed, and the closest match.
pub fn unknown(kind: &str, value: &str, valid: &[&str]) -> Failure {
    // Prowler's service names carry prefixes users leave out (`awslambda`), so the
    // name without `aws` counts too.
    let score = |v: &str| {
        strsim::jaro_winkler(value, v).max(strsim::jaro_winkler(value, v.trim_start_matches("aws")))
    };
    let closest = valid
        .iter()
        .map(|v| (score(v), *v))
        .filter(|(score, _)| *score > 0.7)
        .max_by(|a, b| a.0.partial_cmp(&b.0).unwrap_or(std::cmp::Ordering::Equal))
        .map(|(_, v)| v);
    let hint = match closest {
        Some(c) => format!("; did you mean {c:?}?"),
        None => String::new(),
    };
    let listing = if valid.len() <= 12 {
        format!(" (valid: {})", valid.join(", "))
    } else {
        String::new()
    };
    Failure::Usage(format!(
        "unknown {kind} {}{listing}{hint}",
        kestrel_auth::validate::shown(value)
    ))
}

/// Accepts `cis_7.0_aws`, `cis_7.0`, `cis_6.0_aws`.
pub fn framework(name: &str) -> Result<&'static compliance::Framework, Failure> {
    let normalized = if name.ends_with("_aws") {
        name.to_string()
    } else {
        format!("{name}_aws")
    };
    compliance::find(&normalized).ok_or_else(|| {
        let names: Vec<&str> = compliance::frameworks()
            .iter()
            .map(|f| f.name.as_str())
            .collect();
        unknown("compliance framework", name, &names)
    })
}

#[derive(Debug, Default, Clone)]
pub struct Selection {
    pub checks: Vec<String>,
    pub services: Vec<String>,
    pub compliance: Vec<String>,
    pub severities: Vec<String>,
    pub excluded_checks: Vec<String>,
    pub excluded_services: Vec<String>,
}

impl Selection {
    pub fn is_default(&self) -> bool {
        self.checks.is_empty() && self.services.is_empty() && self.compliance.is_empty()
    }

    /// The selected checks, in registry order.
    pub fn resolve(&self) -> Result<Vec<&'static Check>, Failure> {
        let all = kestrel_checks::all();
        let ids: Vec<&str> = all.iter().map(|c| c.meta.id).collect();
        let services = kestrel_checks::services();
        for c in self.checks.iter().chain(&self.excluded_checks) {
            if !ids.contains(&c.as_str()) {
                return Err(unknown("check", c, &ids));
            }
        }
        for s in self.services.iter().chain(&self.excluded_services) {
            if !services.contains(&s.as_str()) {
                return Err(unknown("service", s, &services));
            }
        }
        let mut severities = BTreeSet::new();
        for s in &self.severities {
            match Severity::parse(s) {
                Some(sev) => {
                    severities.insert(sev);
                }
                None => {
                    return Err(unknown(
                        "severity",
                        s,
                        &["critical", "high", "medium", "low", "informational"],
                    ))
                }
            }
        }
        let mut from_compliance: BTreeSet<&str> = BTreeSet::new();
        for name in &self.compliance {
            from_compliance.extend(framework(name)?.check_ids());
        }
        let selected = all
            .into_iter()
            .filter(|c| {
                let m = &c.meta;
                let chosen = self.is_default()
                    || self.checks.iter().any(|x| x == m.id)
                    || self.services.iter().any(|s| s == m.service)
                    || from_compliance.contains(m.id);
                chosen
                    && (severities.is_empty() || severities.contains(&m.severity))
                    && !self.excluded_checks.iter().any(|x| x == m.id)
                    && !self.excluded_services.iter().any(|s| s == m.service)
            })
            .collect::<Vec<_>>();
        if selected.is_empty() {
            return Err(Failure::Usage(
                "the selection leaves no check to run (check -c/-s/--compliance/--severity/-e)"
                    .into(),
            ));
        }
        Ok(selected)
    }
}

pub fn list_checks(checks: &[&Check]) -> String {
    let mut out = String::new();
    for c in checks {
        let m = &c.meta;
        out.push_str(&format!(
            "[{}] {} - {} [{}]\n",
            m.id,
            m.title,
            m.service,
            m.severity.as_str()
        ));
    }
    out.push_str(&format!("\nThere are {} available checks.\n", checks.len()));
    out
}

pub fn list_services() -> String {
    let services = kestrel_checks::services();
    let mut out: String = services.iter().map(|s| format!("- {s}\n")).collect();
    out.push_str(&format!(
        "\nThere are {} available services.\n",
        services.len()
    ));
    out
}

/// The frameworks, each with how many of its requirements kestrel can assess: fully (all
/// mapped checks implemented), partly, not at all (none implemented), and manual (no
/// checks).
pub fn list_compliance() -> String {
    let fws = compliance::frameworks();
    let width = fws.iter().map(|f| f.name.len()).max().unwrap_or(0);
    let mut out = format!(
        "{:width$}  {:>5}  {:>5}  {:>6}  {:>4}  {:>6}  title\n",
        "framework", "reqs", "fully", "partly", "none", "manual"
    );
    for f in fws {
        let c = f.coverage();
        out.push_str(&format!(
            "{:width$}  {:>5}  {:>5}  {:>6}  {:>4}  {:>6}  {}\n",
            f.name,
            f.requirements.len(),
            c.full,
            c.partial,
            c.none,
            c.manual,
            f.title
        ));
    }
    out.push_str(&format!(
        "\nThere are {} available compliance frameworks. Requirements: fully = every mapped \
         check is implemented, partly = some are, none = none is (partly and none are \
         reported NOT_ASSESSED, never PASS), manual = no check exists.\n",
        fws.len()
    ));
    out
}

pub fn list_requirements(names: &[String]) -> Result<String, Failure> {
    let mut out = String::new();
    for name in names {
        let f = framework(name)?;
        out.push_str(&format!("Listing {} ({}):\n\n", f.name, f.title));
        for r in &f.requirements {
            let section = f.section_of(r);
            let section = if section.is_empty() {
                String::new()
            } else {
                format!(" [{section}]")
            };
            out.push_str(&format!("Requirement {}{section}: {}\n", r.id, r.label()));
            if r.checks.is_empty() {
                out.push_str("  - (manual: no automated check)\n");
            }
            for c in &r.checks {
                let implemented = if kestrel_checks::find(c).is_some() {
                    ""
                } else {
                    "  (not implemented)"
                };
                out.push_str(&format!("  - {c}{implemented}\n"));
            }
        }
        out.push_str(&format!(
            "\n{} requirements, {} checks.\n",
            f.requirements.len(),
            f.check_ids().len()
        ));
    }
    Ok(out)
}
