mod common;

use common::*;
use kestrel_model::{Severity, Status};
use kestrel_report::{render_summary, render_summary_with, Counts, Tone};

fn counts() -> Counts {
    let mut c = Counts::default();
    let crit = meta("iam_a", "iam", Severity::Critical);
    let low = meta("s3_a", "s3", Severity::Low);
    c.add(&finding("iam_a", Status::Fail, "r1"), &crit);
    c.add(&finding("iam_a", Status::Fail, "r2"), &crit);
    c.add(&finding("iam_a", Status::Pass, "r3"), &crit);
    c.add(&finding("s3_a", Status::Pass, "b1"), &low);
    c.add(&finding("s3_a", Status::Error, "b2"), &low);
    let mut muted = finding("s3_a", Status::Fail, "b3");
    muted.muted = true;
    c.add(&muted, &low);
    c
}

#[test]
fn counts_add_up() {
    let c = counts();
    assert_eq!(c.total(), 6);
    assert_eq!(c.status(Status::Fail), 2);
    assert_eq!(c.failed_unmuted(), 2);
    assert_eq!(c.muted(), 1);
    assert_eq!(c.get(Status::Pass, Severity::Low), 1);
    let svcs: Vec<_> = c
        .services()
        .map(|(n, s)| (n.to_string(), s.headline()))
        .collect();
    assert_eq!(
        svcs,
        [
            ("iam".to_string(), Some((Status::Fail, 2))),
            ("s3".to_string(), Some((Status::Error, 1))),
        ]
    );
}

#[test]
fn plain_summary_is_prowler_like() {
    let text = render_summary(&counts());
    assert!(
        text.starts_with("Overview: 6 findings: 33.3% (2) FAIL, 33.3% (2) PASS"),
        "{text}"
    );
    assert!(text.contains("16.7% (1) Muted"), "{text}");
    let line = |start: &str| {
        text.lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no line {start}:\n{text}"))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(line("critical"), "critical 1 2 0 0 0 3");
    assert_eq!(line("low"), "low 1 0 0 1 1 3");
    assert_eq!(line("Total"), "Total 2 2 0 1 1 6");
    assert_eq!(line("iam "), "iam FAIL (2) 2 0 0 0 0 0");
    assert_eq!(line("s3 "), "s3 ERROR (1) 0 0 0 0 0 1");
    assert!(!text.contains('\x1b'));
}

#[test]
fn painting_keeps_columns_aligned() {
    let plain = render_summary(&counts());
    let painted = render_summary_with(&counts(), &|tone, s| match tone {
        Tone::Plain => s.to_string(),
        _ => format!("\x1b[1m{s}\x1b[0m"),
    });
    assert!(painted.contains('\x1b'));
    let stripped = painted.replace("\x1b[1m", "").replace("\x1b[0m", "");
    assert_eq!(stripped, plain);
}

#[test]
fn no_findings() {
    assert_eq!(render_summary(&Counts::default()), "No findings.\n");
}
