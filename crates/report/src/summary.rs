//! Counts of findings and the terminal summary Prowler prints after a scan: an overview
//! line, status by severity, and a per-service table (Prowler's "Service | Status |
//! Critical | High | Medium | Low | Muted").
//!
//! A muted finding is counted once, under Muted, never under its status: the status
//! columns, Muted, and Total add up.

use std::collections::BTreeMap;

use kestrel_checks::CheckMeta;
use kestrel_model::{Finding, Severity, Status};

/// Status columns, in display order.
pub const STATUSES: [Status; 4] = [Status::Pass, Status::Fail, Status::Manual, Status::Error];

fn status_idx(s: Status) -> usize {
    match s {
        Status::Pass => 0,
        Status::Fail => 1,
        Status::Manual => 2,
        Status::Error => 3,
    }
}

/// Index into [`Severity::ALL`] (critical first).
fn sev_idx(s: Severity) -> usize {
    match s {
        Severity::Critical => 0,
        Severity::High => 1,
        Severity::Medium => 2,
        Severity::Low => 3,
        Severity::Informational => 4,
    }
}

/// One service's counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ServiceCounts {
    by_status: [u64; 4],
    fail_by_severity: [u64; 5],
    muted: u64,
}

impl ServiceCounts {
    /// Unmuted findings with this status.
    pub fn status(&self, s: Status) -> u64 {
        self.by_status[status_idx(s)]
    }

    /// Unmuted FAILs of this severity.
    pub fn fails(&self, sev: Severity) -> u64 {
        self.fail_by_severity[sev_idx(sev)]
    }

    pub fn muted(&self) -> u64 {
        self.muted
    }

    pub fn total(&self) -> u64 {
        self.by_status.iter().sum::<u64>() + self.muted
    }

    /// The service's headline: the first of FAIL, ERROR, PASS, MANUAL that it has.
    pub fn headline(&self) -> Option<(Status, u64)> {
        [Status::Fail, Status::Error, Status::Pass, Status::Manual]
            .into_iter()
            .map(|s| (s, self.status(s)))
            .find(|(_, n)| *n > 0)
    }
}

/// Counts by status × severity and by service; small whatever the number of findings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    grid: [[u64; 5]; 4],
    muted_by_severity: [u64; 5],
    services: BTreeMap<String, ServiceCounts>,
}

impl Counts {
    pub fn add(&mut self, f: &Finding, meta: &CheckMeta) {
        let sev = sev_idx(f.severity_or(meta.severity));
        let svc = match self.services.get_mut(meta.service) {
            Some(s) => s,
            None => self.services.entry(meta.service.to_string()).or_default(),
        };
        if f.muted {
            self.muted_by_severity[sev] += 1;
            svc.muted += 1;
            return;
        }
        self.grid[status_idx(f.status)][sev] += 1;
        svc.by_status[status_idx(f.status)] += 1;
        if f.status == Status::Fail {
            svc.fail_by_severity[sev] += 1;
        }
    }

    /// Every finding, muted included.
    pub fn total(&self) -> u64 {
        self.grid.iter().flatten().sum::<u64>() + self.muted()
    }

    /// Unmuted findings with this status.
    pub fn status(&self, s: Status) -> u64 {
        self.grid[status_idx(s)].iter().sum()
    }

    /// Unmuted findings with this status and severity.
    pub fn get(&self, s: Status, sev: Severity) -> u64 {
        self.grid[status_idx(s)][sev_idx(sev)]
    }

    pub fn muted(&self) -> u64 {
        self.muted_by_severity.iter().sum()
    }

    pub fn muted_with_severity(&self, sev: Severity) -> u64 {
        self.muted_by_severity[sev_idx(sev)]
    }

    /// All findings of this severity, muted included.
    pub fn severity_total(&self, sev: Severity) -> u64 {
        STATUSES.iter().map(|s| self.get(*s, sev)).sum::<u64>() + self.muted_with_severity(sev)
    }

    /// Unmuted FAILs: what Prowler's exit code 3 looks at.
    pub fn failed_unmuted(&self) -> u64 {
        self.status(Status::Fail)
    }

    /// Services by name.
    pub fn services(&self) -> impl Iterator<Item = (&str, &ServiceCounts)> {
        self.services.iter().map(|(k, v)| (k.as_str(), v))
    }
}

/// What a piece of the summary is, so the CLI can colour it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Plain,
    Header,
    Status(Status),
    Muted,
    Severity(Severity),
}

/// The summary as plain text.
pub fn render_summary(counts: &Counts) -> String {
    render_summary_with(counts, &|_, s| s.to_string())
}

/// The summary, with each non-zero cell passed through `paint` (already padded, so
/// escape codes added by `paint` do not break the alignment).
pub fn render_summary_with(counts: &Counts, paint: &dyn Fn(Tone, &str) -> String) -> String {
    let mut out = String::new();
    let total = counts.total();
    if total == 0 {
        out.push_str("No findings.\n");
        return out;
    }
    let pct = |n: u64| n as f64 * 100.0 / total as f64;
    let mut parts = Vec::new();
    for s in [Status::Fail, Status::Pass, Status::Manual, Status::Error] {
        let n = counts.status(s);
        let text = format!("{:.1}% ({n}) {}", pct(n), s.as_str());
        parts.push(if n > 0 {
            paint(Tone::Status(s), &text)
        } else {
            text
        });
    }
    let m = counts.muted();
    let text = format!("{:.1}% ({m}) Muted", pct(m));
    parts.push(if m > 0 {
        paint(Tone::Muted, &text)
    } else {
        text
    });
    out.push_str(&format!(
        "{} {total} findings: {}\n\n",
        paint(Tone::Header, "Overview:"),
        parts.join(", ")
    ));

    // Status by severity.
    let mut t = Table::new(
        &[
            "Severity", "PASS", "FAIL", "MANUAL", "ERROR", "Muted", "Total",
        ],
        1,
    );
    for sev in Severity::ALL {
        let mut row = vec![(sev.as_str().to_string(), Tone::Severity(sev))];
        for s in STATUSES {
            row.push(count_cell(counts.get(s, sev), Tone::Status(s)));
        }
        row.push(count_cell(counts.muted_with_severity(sev), Tone::Muted));
        row.push(count_cell(counts.severity_total(sev), Tone::Plain));
        t.row(row);
    }
    let mut row = vec![("Total".to_string(), Tone::Header)];
    for s in STATUSES {
        row.push(count_cell(counts.status(s), Tone::Status(s)));
    }
    row.push(count_cell(counts.muted(), Tone::Muted));
    row.push(count_cell(total, Tone::Plain));
    t.footer(row);
    out.push_str(&paint(Tone::Header, "Findings by severity"));
    out.push('\n');
    t.render(&mut out, paint);
    out.push('\n');

    // By service: FAILs per severity, as Prowler's table.
    let mut t = Table::new(
        &[
            "Service",
            "Status",
            "Critical",
            "High",
            "Medium",
            "Low",
            "Informational",
            "Muted",
        ],
        2,
    );
    for (name, svc) in counts.services() {
        let mut row = vec![(name.to_string(), Tone::Plain)];
        row.push(match svc.headline() {
            Some((s, n)) => (format!("{} ({n})", s.as_str()), Tone::Status(s)),
            None => ("-".to_string(), Tone::Plain),
        });
        for sev in Severity::ALL {
            row.push(count_cell(svc.fails(sev), Tone::Severity(sev)));
        }
        row.push(count_cell(svc.muted(), Tone::Muted));
        t.row(row);
    }
    out.push_str(&paint(
        Tone::Header,
        "Findings by service (FAIL counts by severity)",
    ));
    out.push('\n');
    t.render(&mut out, paint);
    out
}

fn count_cell(n: u64, tone: Tone) -> (String, Tone) {
    (n.to_string(), if n > 0 { tone } else { Tone::Plain })
}

/// A plain-text table: the first `left` columns left-aligned, the rest right-aligned.
struct Table {
    header: Vec<String>,
    left: usize,
    rows: Vec<Vec<(String, Tone)>>,
    footer: Option<Vec<(String, Tone)>>,
}

impl Table {
    fn new(header: &[&str], left: usize) -> Self {
        Table {
            header: header.iter().map(|s| s.to_string()).collect(),
            left,
            rows: Vec::new(),
            footer: None,
        }
    }

    fn row(&mut self, r: Vec<(String, Tone)>) {
        self.rows.push(r);
    }

    fn footer(&mut self, r: Vec<(String, Tone)>) {
        self.footer = Some(r);
    }

    fn render(&self, out: &mut String, paint: &dyn Fn(Tone, &str) -> String) {
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for r in self.rows.iter().chain(self.footer.iter()) {
            for (i, (c, _)) in r.iter().enumerate() {
                widths[i] = widths[i].max(c.chars().count());
            }
        }
        let pad = |i: usize, s: &str| {
            if i < self.left {
                format!("{s:<w$}", w = widths[i])
            } else {
                format!("{s:>w$}", w = widths[i])
            }
        };
        let line = |cells: Vec<String>| cells.join("  ").trim_end().to_string() + "\n";
        out.push_str(&line(
            self.header
                .iter()
                .enumerate()
                .map(|(i, h)| paint(Tone::Header, &pad(i, h)))
                .collect(),
        ));
        let rule = line(widths.iter().map(|w| "-".repeat(*w)).collect());
        out.push_str(&rule);
        let body = |r: &Vec<(String, Tone)>| {
            line(
                r.iter()
                    .enumerate()
                    .map(|(i, (c, tone))| {
                        let padded = pad(i, c);
                        if *tone == Tone::Plain {
                            padded
                        } else {
                            paint(*tone, &padded)
                        }
                    })
                    .collect(),
            )
        };
        for r in &self.rows {
            out.push_str(&body(r));
        }
        if let Some(f) = &self.footer {
            out.push_str(&rule);
            out.push_str(&body(f));
        }
    }
}
