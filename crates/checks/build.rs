//! Generates the check registry from the files: every `src/<service>/<service>_*.rs` is
//! a check, so adding one is adding its file (no list to edit, nothing for two changes
//! to conflict on).
//!
//! Writes, under `$OUT_DIR`:
//! - `services.rs`, included by `lib.rs`: one module per service folder (its `mod.rs`
//!   when it has one, an inline module otherwise) and `SERVICES`, the services' check
//!   lists;
//! - `checks/<service>.rs`, included by the service module: `#[path] pub mod <check>;`
//!   for each check file, `CHECKS` (this service's checks) and `STEMS` (their file
//!   names, which a test holds equal to the ids);
//! - in `services.rs` too, `DOCS`: each check's prose, parsed from its file's `//!` doc,
//!   the one place it is written. The doc has the sections `## Description`, `## Risk`,
//!   `## Remediation` (the first paragraph of each is what reports show: plain text;
//!   further paragraphs are details) and `## References` (`- <url>` bullets: the
//!   remediation link, then the related one). A missing section fails the build;
//! - `compliance_sources.rs`, included by `compliance.rs`: every framework data file of
//!   `src/data/compliance/`.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

#[path = "src/docparse.rs"]
mod docparse;
use docparse::parse_doc;

/// Folders of `src/` that hold shared code, not a service's checks.
const NOT_SERVICES: &[&str] = &["util", "data"];

fn main() {
    let src = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("manifest dir")).join("src");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("out dir"));
    println!("cargo:rerun-if-changed=src");
    fs::create_dir_all(out.join("checks")).expect("create OUT_DIR/checks");

    let mut services: Vec<String> = fs::read_dir(&src)
        .expect("read src")
        .filter_map(Result::ok)
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !NOT_SERVICES.contains(&n.as_str()))
        .collect();
    services.sort();

    let mut lib = String::new();
    let mut docs = Vec::new();
    for service in &services {
        let dir = src.join(service);
        let checks = check_files(&dir, service);
        for c in &checks {
            let path = dir.join(format!("{c}.rs"));
            let text = fs::read_to_string(&path).expect("read a check file");
            match parse_doc(c, &text) {
                Ok(doc) => docs.push((c.clone(), doc)),
                Err(e) => panic!("{}: {e}", path.display()),
            }
        }
        let list = out.join("checks").join(format!("{service}.rs"));
        fs::write(&list, service_registry(&dir, &checks)).expect("write a service registry");
        if dir.join("mod.rs").exists() {
            writeln!(
                lib,
                "#[path = {:?}]\npub mod {service};",
                dir.join("mod.rs")
            )
            .unwrap();
        } else {
            writeln!(
                lib,
                "/// The {service} checks.\npub mod {service} {{\n    include!({:?});\n}}",
                list.display().to_string()
            )
            .unwrap();
        }
    }
    lib.push_str("\n/// Every service's checks, by service name.\npub(crate) const SERVICES: &[&[&Check]] = &[\n");
    for service in &services {
        writeln!(lib, "    {service}::CHECKS,").unwrap();
    }
    lib.push_str("];\n\n/// The files of [`SERVICES`]' checks.\n#[cfg(test)]\npub(crate) const STEMS: &[&[&str]] = &[\n");
    for service in &services {
        writeln!(lib, "    {service}::STEMS,").unwrap();
    }
    lib.push_str("];\n");
    docs.sort();
    lib.push_str("\n/// Each check's prose, from its `//!` doc, by id (sorted).\npub(crate) const DOCS: &[(&str, Doc)] = &[\n");
    for (id, d) in &docs {
        writeln!(
            lib,
            "    ({id:?}, Doc {{ description: {:?}, risk: {:?}, remediation: {:?}, remediation_url: {:?}, related_url: {:?}, markdown: {:?} }}),",
            d.description, d.risk, d.remediation, d.remediation_url, d.related_url, d.markdown
        )
        .unwrap();
    }
    lib.push_str("];\n");
    fs::write(out.join("services.rs"), lib).expect("write services.rs");
    fs::write(out.join("compliance_sources.rs"), compliance_sources(&src))
        .expect("write compliance_sources.rs");
}

/// `SOURCES`: every `src/data/compliance/<name>.tsv`, embedded, sorted by name (a new
/// framework is a new file).
fn compliance_sources(src: &Path) -> String {
    let dir = src.join("data").join("compliance");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("read src/data/compliance")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    files.sort();
    let mut s = String::from("/// (framework name, its data file), sorted by name.\nconst SOURCES: &[(&str, &str)] = &[\n");
    for f in &files {
        let name = f.file_stem().unwrap().to_string_lossy();
        writeln!(
            s,
            "    ({name:?}, include_str!({:?})),",
            f.display().to_string()
        )
        .unwrap();
    }
    s.push_str("];\n");
    s
}

/// The check files of a service folder, sorted by name.
fn check_files(dir: &Path, service: &str) -> Vec<String> {
    let prefix = format!("{service}_");
    let mut stems: Vec<String> = fs::read_dir(dir)
        .expect("read a service folder")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .filter(|s| s.starts_with(&prefix))
        .collect();
    stems.sort();
    stems
}

fn service_registry(dir: &Path, checks: &[String]) -> String {
    let mut s = String::from("// Generated by build.rs from the files of this folder.\n\n");
    for c in checks {
        writeln!(
            s,
            "#[path = {:?}]\npub mod {c};",
            dir.join(format!("{c}.rs"))
        )
        .unwrap();
    }
    s.push_str("\n/// This service's checks (one per file of its folder), by id.\npub const CHECKS: &[&crate::Check] = &[\n");
    for c in checks {
        writeln!(s, "    &{c}::CHECK,").unwrap();
    }
    s.push_str("];\n\n/// The file each check of [`CHECKS`] is in.\n#[cfg(test)]\npub(crate) const STEMS: &[&str] = &[\n");
    for c in checks {
        writeln!(s, "    {c:?},").unwrap();
    }
    s.push_str("];\n");
    s
}
