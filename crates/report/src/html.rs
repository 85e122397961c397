//! The HTML report: one self-contained page (no external script, style, font or image;
//! a Content-Security-Policy that forbids loading any) with the scan's header, summaries
//! by status, severity and service, and a findings table with client-side filters.
//!
//! The page streams like the other formats: the header and the table's opening are
//! written at creation, a row per finding as it arrives, and the summary and filter bar
//! at finish, after the table in the source and placed above it by CSS (`order`). Only
//! [`Counts`] is kept.
//!
//! Every value written is escaped ([`escape`]): resource names, tags and messages come
//! from the account and must never become markup. Inline `<style>` and `<script>` carry
//! a per-report nonce and the CSP allows nothing else, so even a missed escape could not
//! run an injected handler.

use std::io::{self, Write};
use std::path::Path;

use kestrel_checks::CheckMeta;
use kestrel_model::{Finding, Severity, Status};
use sha1::{Digest, Sha1};

use crate::common::{compliance_cell, unroll_tags};
use crate::files::{FileSink, Sink};
use crate::overview::{overview, ComplianceTally, ReqStatus};
use crate::summary::{Counts, STATUSES};
use crate::{FindingWriter, ScanInfo};

/// Escapes text for HTML content and double- or single-quoted attributes.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// A link only for http(s) URLs (never `javascript:`); anything else is plain text.
fn link(url: &str, text: &str) -> String {
    let lower = url.trim_start().to_ascii_lowercase();
    if lower.starts_with("https://") || lower.starts_with("http://") {
        format!(
            "<a href=\"{}\" rel=\"noopener noreferrer\" target=\"_blank\">{}</a>",
            escape(url.trim_start()),
            escape(text)
        )
    } else {
        escape(text)
    }
}

fn status_class(s: Status) -> &'static str {
    match s {
        Status::Pass => "pass",
        Status::Fail => "fail",
        Status::Manual => "manual",
        Status::Error => "error",
    }
}

const STYLE: &str = r#"
:root{--fg:#1d2430;--muted:#5b6475;--bg:#f6f7f9;--card:#fff;--line:#dde1e7;
--pass:#1f7a3d;--fail:#b42318;--manual:#8a5a00;--error:#6b3fa0;--mute:#667085;
--critical:#7a0916;--high:#c4320a;--medium:#b54708;--low:#1d4ed8;--informational:#475467}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg)}
header{background:#101828;color:#fff;padding:16px 24px}
header h1{margin:0 0 8px;font-size:20px}
header dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:0}
header dt{color:#98a2b3}header dd{margin:0;word-break:break-all}
#layout{display:flex;flex-direction:column;gap:16px;padding:16px 24px}
#summary{order:1}#filters{order:2}#findings{order:3}
section{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:12px 16px}
h2{font-size:16px;margin:0 0 10px}
.cards{display:flex;flex-wrap:wrap;gap:8px;margin-bottom:12px}
.card{border:1px solid var(--line);border-radius:8px;padding:8px 14px;background:var(--card);font:inherit;cursor:pointer;text-align:left;min-width:96px}
.card b{display:block;font-size:22px}
.card.pass b{color:var(--pass)}.card.fail b{color:var(--fail)}.card.manual b{color:var(--manual)}
.card.error b{color:var(--error)}.card.muted b{color:var(--mute)}
.grids{display:flex;flex-wrap:wrap;gap:24px;align-items:flex-start}
table{border-collapse:collapse}
th,td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f2f4f7;position:sticky;top:0}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
#findings table{width:100%}
#findings td{word-break:break-word}
.badge{display:inline-block;border-radius:4px;padding:0 6px;font-weight:600;color:#fff;font-size:12px;white-space:nowrap}
.badge.pass{background:var(--pass)}.badge.fail{background:var(--fail)}.badge.manual{background:var(--manual)}
.badge.error{background:var(--error)}.badge.muted{background:var(--mute)}
.sev{font-weight:600}.sev.critical{color:var(--critical)}.sev.high{color:var(--high)}
.sev.medium{color:var(--medium)}.sev.low{color:var(--low)}.sev.informational{color:var(--informational)}
small,.dim{color:var(--muted)}code{font-size:12px}
#filters label{margin-right:12px}
#filters input{min-width:260px}
button.link{background:none;border:0;padding:0;font:inherit;color:#1d4ed8;cursor:pointer;text-align:left}
details summary{cursor:pointer;color:var(--muted)}
"#;

const SCRIPT: &str = r#"
(function () {
  var rows = Array.prototype.slice.call(document.querySelectorAll('#findings tbody tr'));
  var texts = rows.map(function (r) { return r.textContent.toLowerCase(); });
  var status = document.getElementById('f-status');
  var severity = document.getElementById('f-severity');
  var service = document.getElementById('f-service');
  var text = document.getElementById('f-text');
  var shown = document.getElementById('shown');
  var empty = document.getElementById('empty');
  function apply() {
    var s = status.value, v = severity.value, c = service.value;
    var t = text.value.trim().toLowerCase(), n = 0;
    rows.forEach(function (r, i) {
      var d = r.dataset;
      var ok = (!s || (s === 'muted' ? d.muted === '1' : (d.status === s && d.muted !== '1')))
        && (!v || d.severity === v) && (!c || d.service === c)
        && (!t || texts[i].indexOf(t) >= 0);
      r.hidden = !ok;
      if (ok) { n++; }
    });
    shown.textContent = '(' + n + ' of ' + rows.length + ' shown)';
    empty.hidden = n > 0;
  }
  var timer = null;
  text.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 120);
  });
  [status, severity, service].forEach(function (e) { e.addEventListener('change', apply); });
  document.getElementById('f-reset').addEventListener('click', function () {
    status.value = ''; severity.value = ''; service.value = ''; text.value = ''; apply();
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-set]'), function (b) {
    b.addEventListener('click', function () {
      var target = document.getElementById(b.getAttribute('data-set'));
      target.value = b.getAttribute('data-value');
      apply();
      document.getElementById('findings').scrollIntoView();
    });
  });
  apply();
})();
"#;

/// The HTML report.
pub struct HtmlWriter<W: Write> {
    out: W,
    nonce: String,
    counts: Counts,
    /// Per-check counts and failing resources, for the compliance section (only when
    /// the scan reports on frameworks).
    tally: Option<ComplianceTally>,
    scan: ScanInfo,
}

impl HtmlWriter<FileSink> {
    /// Creates `path` (0600) and writes the page up to the table body.
    pub fn create(path: &Path, scan: &ScanInfo) -> io::Result<Self> {
        HtmlWriter::new(FileSink::create(path)?, scan)
    }
}

impl<W: Write> HtmlWriter<W> {
    pub fn new(mut out: W, scan: &ScanInfo) -> io::Result<Self> {
        let nonce: String = Sha1::digest(format!("kestrel-html-{}", scan.scan_id).as_bytes())
            .iter()
            .take(12)
            .map(|b| format!("{b:02x}"))
            .collect();
        write_head(&mut out, scan, &nonce)?;
        Ok(HtmlWriter {
            out,
            nonce,
            counts: Counts::default(),
            tally: (!scan.compliance.is_empty()).then(ComplianceTally::with_failing_resources),
            scan: scan.clone(),
        })
    }

    pub fn write_finding(&mut self, f: &Finding, meta: &CheckMeta) -> io::Result<()> {
        self.counts.add(f, meta);
        if let Some(t) = &mut self.tally {
            t.add(f);
        }
        let st = status_class(f.status);
        let sev = f.severity_or(meta.severity).as_str();
        let mut row = String::with_capacity(1024);
        row.push_str(&format!(
            "<tr data-status=\"{}\" data-severity=\"{sev}\" data-service=\"{}\" data-muted=\"{}\">",
            f.status.as_str(),
            escape(meta.service),
            u8::from(f.muted)
        ));
        row.push_str(&format!(
            "<td><span class=\"badge {st}\">{}</span>{}</td>",
            f.status.as_str(),
            if f.muted {
                " <span class=\"badge muted\">MUTED</span>"
            } else {
                ""
            }
        ));
        row.push_str(&format!("<td class=\"sev {sev}\">{sev}</td>"));
        row.push_str(&format!("<td>{}</td>", escape(meta.service)));
        row.push_str(&format!("<td>{}</td>", escape(&f.region)));
        row.push_str(&format!(
            "<td>{}<br><code>{}</code></td>",
            escape(meta.title),
            escape(&f.check_id)
        ));
        row.push_str(&format!("<td>{}", escape(&f.resource_id)));
        if !f.resource_arn.is_empty() && f.resource_arn != f.resource_id {
            row.push_str(&format!("<br><small>{}</small>", escape(&f.resource_arn)));
        }
        if !f.resource_tags.is_empty() {
            row.push_str(&format!(
                "<br><small>tags: {}</small>",
                escape(&unroll_tags(&f.resource_tags, "="))
            ));
        }
        row.push_str("</td>");
        row.push_str(&format!("<td>{}</td>", escape(&f.status_extended)));
        row.push_str("<td><details><summary>more</summary>");
        row.push_str(&format!("<p><b>Risk:</b> {}</p>", escape(meta.doc().risk)));
        row.push_str(&format!(
            "<p><b>Remediation:</b> {}",
            escape(meta.doc().remediation)
        ));
        if !meta.doc().remediation_url.is_empty() {
            row.push_str(&format!(
                " ({})",
                link(meta.doc().remediation_url, meta.doc().remediation_url)
            ));
        }
        row.push_str("</p>");
        let compliance = compliance_cell(&f.check_id);
        if !compliance.is_empty() {
            row.push_str(&format!(
                "<p><b>Compliance:</b> {}</p>",
                escape(&compliance)
            ));
        }
        if !f.resource_details.is_empty() {
            row.push_str(&format!(
                "<p><b>Details:</b> {}</p>",
                escape(&f.resource_details)
            ));
        }
        row.push_str("</details></td></tr>\n");
        self.out.write_all(row.as_bytes())
    }

    /// Writes the summary, the filters and the script, flushes, and returns the output.
    pub fn into_inner(mut self) -> io::Result<W> {
        let mut s = String::new();
        s.push_str("</tbody>\n</table>\n");
        s.push_str("<p id=\"empty\" class=\"dim\" hidden>No findings match the filters.</p>\n");
        s.push_str("</section>\n");
        s.push_str(&summary_section(&self.counts));
        s.push_str(&filters_section(&self.counts));
        if let Some(t) = &self.tally {
            s.push_str(&compliance_section(&self.scan, t));
        }
        s.push_str("</main>\n");
        s.push_str(&format!(
            "<script nonce=\"{}\">{SCRIPT}</script>\n</body>\n</html>\n",
            self.nonce
        ));
        self.out.write_all(s.as_bytes())?;
        self.out.flush()?;
        Ok(self.out)
    }
}

impl<W: Sink> FindingWriter for HtmlWriter<W> {
    fn write(&mut self, f: &Finding, meta: &CheckMeta) -> io::Result<()> {
        self.write_finding(f, meta)
    }

    fn finish(self: Box<Self>) -> io::Result<()> {
        self.into_inner()?.commit()
    }
}

fn write_head(out: &mut impl Write, scan: &ScanInfo, nonce: &str) -> io::Result<()> {
    let a = &scan.account;
    let mut s = String::new();
    s.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    s.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    s.push_str(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; \
         style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; base-uri 'none'; \
         form-action 'none'\">\n"
    ));
    s.push_str("<meta name=\"referrer\" content=\"no-referrer\">\n");
    s.push_str(&format!(
        "<title>kestrel report: {} ({})</title>\n",
        escape(&a.account_id),
        escape(&scan.timestamp)
    ));
    s.push_str(&format!("<style nonce=\"{nonce}\">{STYLE}</style>\n"));
    s.push_str("</head>\n<body>\n<header>\n<h1>kestrel AWS security report</h1>\n<dl>\n");
    let mut item = |k: &str, v: &str| {
        s.push_str(&format!("<dt>{}</dt><dd>{}</dd>\n", escape(k), escape(v)));
    };
    item("Account", &a.account_id);
    if let Some(name) = &a.name {
        item("Account name", name);
    }
    if let Some(email) = &a.email {
        item("Account email", email);
    }
    if let Some(org) = &a.organization_id {
        item("Organization", org);
    }
    if let Some(ou) = a.ou_path.as_ref().or(a.ou_id.as_ref()) {
        item("Organizational unit", ou);
    }
    item("Caller", &a.caller_arn);
    if let Some(role) = &a.assumed_role_arn {
        item("Assumed role", role);
    }
    item("Profile", scan.profile.as_deref().unwrap_or("None"));
    item("Scan time", &scan.timestamp);
    item("Scan id", &scan.scan_id);
    item("kestrel version", &scan.kestrel_version);
    s.push_str("</dl>\n</header>\n<main id=\"layout\">\n");
    s.push_str(
        "<section id=\"findings\">\n<h2>Findings <span id=\"shown\" class=\"dim\"></span></h2>\n\
         <table>\n<thead><tr><th>Status</th><th>Severity</th><th>Service</th><th>Region</th>\
         <th>Check</th><th>Resource</th><th>Status extended</th><th>Risk and remediation</th>\
         </tr></thead>\n<tbody>\n",
    );
    out.write_all(s.as_bytes())
}

/// At most this many failing resources are listed under one check.
const MAX_FAILING_SHOWN: usize = 200;

fn req_class(s: ReqStatus) -> &'static str {
    match s {
        ReqStatus::Pass => "pass",
        ReqStatus::Fail => "fail",
        ReqStatus::Manual => "manual",
        ReqStatus::NotAssessed => "error",
    }
}

fn anchor(check: &str) -> String {
    format!("fc-{}", escape(check))
}

/// A table of the frameworks' requirement verdicts; per framework, per section, the
/// failing and not-assessed requirements (failing checks link to their resources, not
/// assessed ones say why); then each failing check's resources, once.
fn compliance_section(scan: &ScanInfo, tally: &ComplianceTally) -> String {
    let mut s = String::from(
        "<section id=\"compliance\">\n<h2>Compliance</h2>\n<p class=\"dim\">A requirement is NOT ASSESSED when one of its checks did not run (kestrel does not implement it, or the scan did not select it) or could not assess a resource; it never counts as PASS.</p>\n<table>\n<thead><tr><th>Framework</th><th class=\"n\">PASS</th><th class=\"n\">FAIL</th><th class=\"n\">NOT ASSESSED</th><th class=\"n\">MANUAL</th><th class=\"n\">Requirements</th></tr></thead>\n<tbody>\n",
    );
    let overviews: Vec<_> = scan
        .compliance
        .iter()
        .map(|fw| overview(fw, tally, scan))
        .collect();
    for o in &overviews {
        let c = o.counts;
        s.push_str(&format!(
            "<tr><td><a href=\"#fw-{id}\">{id}</a><br><small>{title}</small></td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
            c.pass,
            c.fail,
            c.not_assessed,
            c.manual,
            c.total(),
            id = escape(&o.framework.name),
            title = escape(&o.framework.title),
        ));
    }
    s.push_str("</tbody>\n</table>\n");
    let mut failing_checks: Vec<&str> = Vec::new();
    for o in &overviews {
        let fw = o.framework;
        s.push_str(&format!(
            "<details class=\"framework\" id=\"fw-{}\"><summary><b>{}</b> {}: {} FAIL, {} NOT ASSESSED, {} PASS, {} MANUAL</summary>\n",
            escape(&fw.name),
            escape(&fw.name),
            escape(&fw.title),
            o.counts.fail,
            o.counts.not_assessed,
            o.counts.pass,
            o.counts.manual
        ));
        let mut by_section: std::collections::HashMap<&str, Vec<usize>> =
            std::collections::HashMap::new();
        for (i, (r, st)) in o.requirements.iter().enumerate() {
            if matches!(st, ReqStatus::Fail | ReqStatus::NotAssessed) {
                by_section.entry(fw.section_of(r)).or_default().push(i);
            }
        }
        for (section, sc) in &o.sections {
            let title = if section.is_empty() {
                "(no section)"
            } else {
                section
            };
            s.push_str(&format!(
                "<details class=\"section\"><summary>{}: {} FAIL, {} NOT ASSESSED, {} PASS, {} MANUAL</summary>\n<ul>\n",
                escape(title),
                sc.fail,
                sc.not_assessed,
                sc.pass,
                sc.manual
            ));
            for i in by_section.get(section.as_str()).into_iter().flatten() {
                let (r, st) = &o.requirements[*i];
                s.push_str(&format!(
                    "<li class=\"req\" data-status=\"{}\"><span class=\"badge {}\">{}</span> <b>{}</b> {}: ",
                    st.label(),
                    req_class(*st),
                    st.label(),
                    escape(&r.id),
                    escape(r.label())
                ));
                if *st == ReqStatus::Fail {
                    let parts: Vec<String> = r
                        .checks
                        .iter()
                        .filter_map(|c| tally.check(c).filter(|t| t.fail > 0).map(|t| (c, t)))
                        .map(|(c, t)| {
                            if !failing_checks.contains(&c.as_str()) {
                                failing_checks.push(c);
                            }
                            format!(
                                "<a href=\"#{}\"><code>{}</code></a> ({} failing)",
                                anchor(c),
                                escape(c),
                                t.fail
                            )
                        })
                        .collect();
                    s.push_str(&parts.join(", "));
                } else {
                    let mut not_impl = Vec::new();
                    let mut not_sel = Vec::new();
                    let mut errors = Vec::new();
                    for c in &r.checks {
                        match scan.not_run(c) {
                            Some(crate::NotRun::NotImplemented) => not_impl.push(escape(c)),
                            Some(crate::NotRun::NotSelected) => not_sel.push(escape(c)),
                            None if tally.check(c).is_some_and(|t| t.error > 0) => {
                                errors.push(escape(c))
                            }
                            None => {}
                        }
                    }
                    let mut why = Vec::new();
                    if !not_impl.is_empty() {
                        why.push(format!(
                            "not implemented in kestrel: {}",
                            not_impl.join(", ")
                        ));
                    }
                    if !not_sel.is_empty() {
                        why.push(format!(
                            "not selected for this scan: {}",
                            not_sel.join(", ")
                        ));
                    }
                    if !errors.is_empty() {
                        why.push(format!(
                            "could not assess some resources: {}",
                            errors.join(", ")
                        ));
                    }
                    s.push_str(&format!("<small>{}</small>", why.join("; ")));
                }
                s.push_str("</li>\n");
            }
            s.push_str("</ul>\n</details>\n");
        }
        s.push_str("</details>\n");
    }
    if !failing_checks.is_empty() {
        failing_checks.sort();
        s.push_str("<h3>Failing resources by check</h3>\n");
        for c in failing_checks {
            let Some(t) = tally.check(c) else { continue };
            s.push_str(&format!(
                "<details class=\"failing\" id=\"{}\"><summary><code>{}</code>: {} failing</summary>\n<ul>\n",
                anchor(c),
                escape(c),
                t.fail
            ));
            for f in t.failing.iter().take(MAX_FAILING_SHOWN) {
                s.push_str(&format!(
                    "<li>{} <small>{}</small>: {}</li>\n",
                    escape(&f.resource_uid),
                    escape(&f.region),
                    escape(&f.status_extended)
                ));
            }
            if t.failing.len() > MAX_FAILING_SHOWN {
                s.push_str(&format!(
                    "<li class=\"dim\">and {} more (see the findings table)</li>\n",
                    t.failing.len() - MAX_FAILING_SHOWN
                ));
            }
            s.push_str("</ul>\n</details>\n");
        }
    }
    s.push_str("</section>\n");
    s
}

fn summary_section(c: &Counts) -> String {
    let mut s = String::from("<section id=\"summary\">\n<h2>Summary</h2>\n<div class=\"cards\">\n");
    for st in STATUSES {
        s.push_str(&format!(
            "<button type=\"button\" class=\"card {}\" data-set=\"f-status\" data-value=\"{}\">{}<b>{}</b></button>\n",
            status_class(st),
            st.as_str(),
            st.as_str(),
            c.status(st)
        ));
    }
    s.push_str(&format!(
        "<button type=\"button\" class=\"card muted\" data-set=\"f-status\" data-value=\"muted\">Muted<b>{}</b></button>\n",
        c.muted()
    ));
    s.push_str(&format!(
        "<button type=\"button\" class=\"card\" data-set=\"f-status\" data-value=\"\">Total<b>{}</b></button>\n</div>\n",
        c.total()
    ));

    s.push_str("<div class=\"grids\">\n<table>\n<caption>By severity</caption>\n<thead><tr><th>Severity</th>");
    for st in STATUSES {
        s.push_str(&format!("<th class=\"n\">{}</th>", st.as_str()));
    }
    s.push_str("<th class=\"n\">Muted</th><th class=\"n\">Total</th></tr></thead>\n<tbody>\n");
    for sev in Severity::ALL {
        s.push_str(&format!(
            "<tr><td><button type=\"button\" class=\"link sev {0}\" data-set=\"f-severity\" data-value=\"{0}\">{0}</button></td>",
            sev.as_str()
        ));
        for st in STATUSES {
            s.push_str(&format!("<td class=\"n\">{}</td>", c.get(st, sev)));
        }
        s.push_str(&format!(
            "<td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
            c.muted_with_severity(sev),
            c.severity_total(sev)
        ));
    }
    s.push_str("</tbody>\n</table>\n");

    s.push_str("<table>\n<caption>By service</caption>\n<thead><tr><th>Service</th>");
    for st in STATUSES {
        s.push_str(&format!("<th class=\"n\">{}</th>", st.as_str()));
    }
    s.push_str("<th class=\"n\">Muted</th><th class=\"n\">Total</th></tr></thead>\n<tbody>\n");
    for (name, svc) in c.services() {
        let name = escape(name);
        s.push_str(&format!(
            "<tr><td><button type=\"button\" class=\"link\" data-set=\"f-service\" data-value=\"{name}\">{name}</button></td>"
        ));
        for st in STATUSES {
            s.push_str(&format!("<td class=\"n\">{}</td>", svc.status(st)));
        }
        s.push_str(&format!(
            "<td class=\"n\">{}</td><td class=\"n\">{}</td></tr>\n",
            svc.muted(),
            svc.total()
        ));
    }
    s.push_str("</tbody>\n</table>\n</div>\n</section>\n");
    s
}

fn filters_section(c: &Counts) -> String {
    let mut s = String::from("<section id=\"filters\">\n<h2>Filters</h2>\n");
    s.push_str("<noscript><p class=\"dim\">Filters need JavaScript; every finding is listed below.</p></noscript>\n");
    s.push_str("<label>Status <select id=\"f-status\"><option value=\"\">all</option>");
    for st in STATUSES {
        s.push_str(&format!("<option value=\"{0}\">{0}</option>", st.as_str()));
    }
    s.push_str("<option value=\"muted\">muted</option></select></label>\n");
    s.push_str("<label>Severity <select id=\"f-severity\"><option value=\"\">all</option>");
    for sev in Severity::ALL {
        s.push_str(&format!("<option value=\"{0}\">{0}</option>", sev.as_str()));
    }
    s.push_str("</select></label>\n");
    s.push_str("<label>Service <select id=\"f-service\"><option value=\"\">all</option>");
    for (name, _) in c.services() {
        s.push_str(&format!("<option value=\"{0}\">{0}</option>", escape(name)));
    }
    s.push_str("</select></label>\n");
    s.push_str("<label>Text <input id=\"f-text\" type=\"search\" placeholder=\"resource, region, message…\"></label>\n");
    s.push_str("<button type=\"button\" id=\"f-reset\">Reset</button>\n</section>\n");
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_http_links_become_links() {
        assert_eq!(super::link("javascript:alert(1)", "x<"), "x&lt;");
        assert!(super::link(" https://a/?q=<", "t").starts_with("<a href=\"https://a/?q=&lt;\""));
        assert!(super::link("HTTP://a", "t").contains("rel=\"noopener noreferrer\""));
    }
}
