//! Requirement verdicts per framework, from the findings' counts per check: the terminal
//! compliance overview and the HTML report's compliance section.
//!
//! A requirement is
//! - MANUAL when it maps no check (or its checks only gave MANUAL findings);
//! - FAIL when one of its checks has an unmuted FAIL finding;
//! - NOT ASSESSED when, without a FAIL, one of its checks did not run (kestrel does not
//!   implement it, or the selection left it out) or could not assess a resource (ERROR);
//! - PASS otherwise (including when its checks ran and found nothing to assess).
//!
//! The tally is small: counts per check id, plus the failing resources when the HTML
//! report asks for them.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use kestrel_checks::compliance::{Framework, Requirement};
use kestrel_model::{Finding, Status};

use crate::ScanInfo;

/// One failing resource, for the drill-down.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failing {
    pub resource_uid: String,
    pub region: String,
    pub status_extended: String,
}

/// Findings of one check, by status (muted ones apart).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckTally {
    pub pass: u64,
    pub fail: u64,
    pub manual: u64,
    pub error: u64,
    pub muted: u64,
    pub failing: Vec<Failing>,
}

#[derive(Debug, Clone, Default)]
pub struct ComplianceTally {
    checks: HashMap<String, CheckTally>,
    keep_failing: bool,
}

impl ComplianceTally {
    /// Counts only.
    pub fn new() -> Self {
        ComplianceTally::default()
    }

    /// Counts and the failing resources.
    pub fn with_failing_resources() -> Self {
        ComplianceTally {
            keep_failing: true,
            ..Default::default()
        }
    }

    pub fn add(&mut self, f: &Finding) {
        let t = self.checks.entry(f.check_id.clone()).or_default();
        if f.muted {
            t.muted += 1;
            return;
        }
        match f.status {
            Status::Pass => t.pass += 1,
            Status::Fail => {
                t.fail += 1;
                if self.keep_failing {
                    t.failing.push(Failing {
                        resource_uid: f.resource_arn.clone(),
                        region: f.region.clone(),
                        status_extended: f.status_extended.clone(),
                    });
                }
            }
            Status::Manual => t.manual += 1,
            Status::Error => t.error += 1,
        }
    }

    pub fn check(&self, id: &str) -> Option<&CheckTally> {
        self.checks.get(id)
    }
}

/// A requirement's verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ReqStatus {
    Fail,
    NotAssessed,
    Pass,
    Manual,
}

impl ReqStatus {
    pub fn label(self) -> &'static str {
        match self {
            ReqStatus::Fail => "FAIL",
            ReqStatus::NotAssessed => "NOT ASSESSED",
            ReqStatus::Pass => "PASS",
            ReqStatus::Manual => "MANUAL",
        }
    }
}

pub fn requirement_status(
    req: &Requirement,
    tally: &ComplianceTally,
    scan: &ScanInfo,
) -> ReqStatus {
    if req.checks.is_empty() {
        return ReqStatus::Manual;
    }
    let tallies: Vec<Option<&CheckTally>> = req.checks.iter().map(|c| tally.check(c)).collect();
    if tallies.iter().flatten().any(|t| t.fail > 0) {
        return ReqStatus::Fail;
    }
    if req.checks.iter().any(|c| scan.not_run(c).is_some())
        || tallies.iter().flatten().any(|t| t.error > 0)
    {
        return ReqStatus::NotAssessed;
    }
    let pass = tallies.iter().flatten().any(|t| t.pass > 0 || t.muted > 0);
    let manual = tallies.iter().flatten().any(|t| t.manual > 0);
    if !pass && manual {
        ReqStatus::Manual
    } else {
        ReqStatus::Pass
    }
}

/// Requirement counts by verdict.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ReqCounts {
    pub pass: usize,
    pub fail: usize,
    pub manual: usize,
    pub not_assessed: usize,
}

impl ReqCounts {
    fn add(&mut self, s: ReqStatus) {
        match s {
            ReqStatus::Pass => self.pass += 1,
            ReqStatus::Fail => self.fail += 1,
            ReqStatus::Manual => self.manual += 1,
            ReqStatus::NotAssessed => self.not_assessed += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.pass + self.fail + self.manual + self.not_assessed
    }
}

/// One framework's verdicts: overall, per section, per requirement.
#[derive(Debug, Clone)]
pub struct FrameworkOverview<'a> {
    pub framework: &'a Framework,
    pub counts: ReqCounts,
    /// Sections in first-appearance order.
    pub sections: Vec<(String, ReqCounts)>,
    pub requirements: Vec<(&'a Requirement, ReqStatus)>,
}

pub fn overview<'a>(
    fw: &'a Framework,
    tally: &ComplianceTally,
    scan: &ScanInfo,
) -> FrameworkOverview<'a> {
    let mut counts = ReqCounts::default();
    let mut order: Vec<String> = Vec::new();
    let mut by_section: BTreeMap<String, ReqCounts> = BTreeMap::new();
    let mut requirements = Vec::with_capacity(fw.requirements.len());
    for r in &fw.requirements {
        let s = requirement_status(r, tally, scan);
        counts.add(s);
        let section = fw.section_of(r).to_string();
        if !by_section.contains_key(&section) {
            order.push(section.clone());
        }
        by_section.entry(section).or_default().add(s);
        requirements.push((r, s));
    }
    let sections = order
        .into_iter()
        .map(|s| {
            let c = by_section[&s];
            (s, c)
        })
        .collect();
    FrameworkOverview {
        framework: fw,
        counts,
        sections,
        requirements,
    }
}

fn pct(n: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        100.0 * n as f64 / total as f64
    }
}

/// The terminal overview: per framework, its requirements passed / failed / not assessed /
/// manual, and a line per section.
pub fn render_overview(overviews: &[FrameworkOverview]) -> String {
    let mut out = String::new();
    for o in overviews {
        let c = o.counts;
        let t = c.total();
        let _ = writeln!(
            out,
            "Compliance {} ({}): {} requirements\n  {} PASS ({:.1}%)  {} FAIL ({:.1}%)  {} NOT ASSESSED ({:.1}%)  {} MANUAL ({:.1}%)",
            o.framework.name,
            o.framework.title,
            t,
            c.pass,
            pct(c.pass, t),
            c.fail,
            pct(c.fail, t),
            c.not_assessed,
            pct(c.not_assessed, t),
            c.manual,
            pct(c.manual, t),
        );
        let width = o
            .sections
            .iter()
            .map(|(s, _)| s.chars().count().min(60))
            .max()
            .unwrap_or(7)
            .max(7);
        let _ = writeln!(
            out,
            "  {:width$}  {:>4}  {:>4}  {:>12}  {:>6}",
            "section", "PASS", "FAIL", "NOT ASSESSED", "MANUAL"
        );
        for (s, sc) in &o.sections {
            let name: String = if s.is_empty() {
                "(none)".into()
            } else {
                s.chars().take(60).collect()
            };
            let _ = writeln!(
                out,
                "  {name:width$}  {:>4}  {:>4}  {:>12}  {:>6}",
                sc.pass, sc.fail, sc.not_assessed, sc.manual
            );
        }
        if c.not_assessed > 0 {
            out.push_str(
                "  NOT ASSESSED: a mapped check did not run (not implemented in kestrel, or not selected) or could not assess a resource; see the NOT_ASSESSED rows of the compliance CSV.\n",
            );
        }
        out.push('\n');
    }
    out
}
