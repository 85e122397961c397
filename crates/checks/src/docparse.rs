//! The parser of a check's `//!` doc, shared by build.rs (which generates the prose
//! table from it) and this crate's tests. Plain std: it is compiled into both.

#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Doc {
    pub description: String,
    pub risk: String,
    pub remediation: String,
    pub remediation_url: String,
    pub related_url: String,
    pub markdown: String,
}

const SECTIONS: [&str; 4] = ["Description", "Risk", "Remediation", "References"];

/// A check file's leading `//!` doc: `# <id>`, then the four sections in order.
pub fn parse_doc(id: &str, text: &str) -> Result<Doc, String> {
    let lines: Vec<&str> = text
        .lines()
        .take_while(|l| l.starts_with("//!"))
        .map(|l| {
            let l = &l[3..];
            l.strip_prefix(' ').unwrap_or(l)
        })
        .collect();
    if lines.first() != Some(&format!("# {id}").as_str()) {
        return Err(format!("the //! doc must start with `# {id}`"));
    }
    let headings: Vec<&str> = lines.iter().filter_map(|l| l.strip_prefix("## ")).collect();
    if headings != SECTIONS {
        return Err(format!(
            "the //! doc needs the sections {} in that order (found {headings:?})",
            SECTIONS.map(|s| format!("`## {s}`")).join(", ")
        ));
    }
    let section = |name: &str| -> Vec<&str> {
        let start = lines
            .iter()
            .position(|l| *l == format!("## {name}"))
            .unwrap()
            + 1;
        lines[start..]
            .iter()
            .take_while(|l| !l.starts_with("## "))
            .copied()
            .collect()
    };
    // The first paragraph: what reports show, plain text on one line.
    let first = |name: &str| -> Result<String, String> {
        let para: Vec<&str> = section(name)
            .into_iter()
            .skip_while(|l| l.trim().is_empty())
            .take_while(|l| !l.trim().is_empty())
            .map(str::trim)
            .collect();
        let p = para.join(" ");
        if p.is_empty() {
            return Err(format!("`## {name}` has no text"));
        }
        if p.contains('`') || p.contains("**") || p.contains("](") {
            return Err(format!(
                "the first paragraph of `## {name}` is shown in reports: plain text, no Markdown"
            ));
        }
        Ok(p)
    };
    let mut urls = Vec::new();
    for l in section("References") {
        let l = l.trim();
        if l.is_empty() {
            continue;
        }
        match l.strip_prefix("- ") {
            Some(u) if u.starts_with("https://") || u.starts_with("http://") => urls.push(u),
            _ => {
                return Err(format!(
                    "`## References` holds `- <http(s) url>` bullets, not {l:?}"
                ))
            }
        }
    }
    let remediation_url = urls.first().copied().unwrap_or_default().to_string();
    Ok(Doc {
        description: first("Description")?,
        risk: first("Risk")?,
        remediation: first("Remediation")?,
        related_url: urls
            .get(1)
            .map(|u| u.to_string())
            .unwrap_or_else(|| remediation_url.clone()),
        remediation_url,
        markdown: lines.join("\n"),
    })
}

#[cfg(test)]
mod tests {
    use super::parse_doc;

    const GOOD: &str = "//! # x_y\n//!\n//! ## Description\n//!\n//! Checks a\n//! thing.\n//!\n//! Detail with `code`.\n//!\n//! ## Risk\n//!\n//! Bad.\n//!\n//! ## Remediation\n//!\n//! Fix it.\n//!\n//! ## References\n//!\n//! - https://a/\n\nuse x;\n";

    #[test]
    fn the_first_paragraphs_and_the_references() {
        let d = parse_doc("x_y", GOOD).unwrap();
        assert_eq!(d.description, "Checks a thing.");
        assert_eq!(
            (d.risk.as_str(), d.remediation.as_str()),
            ("Bad.", "Fix it.")
        );
        // One reference serves as both links.
        assert_eq!(
            (d.remediation_url.as_str(), d.related_url.as_str()),
            ("https://a/", "https://a/")
        );
        assert!(d.markdown.starts_with("# x_y\n") && d.markdown.contains("Detail with `code`."));
        assert!(!d.markdown.contains("use x"));
    }

    #[test]
    fn a_missing_or_misplaced_section_is_an_error() {
        let e = parse_doc("x_y", &GOOD.replace("## Risk", "## Why")).unwrap_err();
        assert!(
            e.contains("`## Risk`") && e.contains("in that order"),
            "{e}"
        );
        let swapped = GOOD
            .replace("## Risk", "## Tmp")
            .replace("## Remediation", "## Risk")
            .replace("## Tmp", "## Remediation");
        assert!(parse_doc("x_y", &swapped).is_err());
        assert!(parse_doc("other_id", GOOD)
            .unwrap_err()
            .contains("# other_id"));
    }

    #[test]
    fn report_text_is_plain_and_references_are_links() {
        let e = parse_doc("x_y", &GOOD.replace("Checks a", "Checks `a`")).unwrap_err();
        assert!(e.contains("plain text"), "{e}");
        let e = parse_doc("x_y", &GOOD.replace("- https://a/", "see the docs")).unwrap_err();
        assert!(e.contains("References"), "{e}");
        let e = parse_doc("x_y", &GOOD.replace("//! Bad.\n", "")).unwrap_err();
        assert!(e.contains("`## Risk` has no text"), "{e}");
    }
}
