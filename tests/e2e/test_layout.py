"""The layout's promise, on a scratch copy of the workspace: a check is one new file.

Dropping `crates/checks/src/<service>/<check_id>.rs` into the tree is all it takes for the
check to be compiled and registered (the registry and its prose come from build.rs); a
file whose doc lacks a section does not build, and says which file and why.
"""
import os
import shutil
import subprocess

import pytest

from conftest import ROOT

SCRATCH_CHECK = '''//! # kms_scratch_check
//!
//! ## Description
//!
//! A check that exists only in this test's scratch copy.
//!
//! ## Risk
//!
//! None: it is never built outside the test.
//!
//! ## Remediation
//!
//! Nothing to do.
//!
//! ## References
//!
//! - https://example.com/remediation
//! - https://example.com/related

use kestrel_model::{Finding, Severity, Status};

use crate::{Check, CheckMeta, Scan};

pub const CHECK: Check = Check {
    meta: CheckMeta {
        id: "kms_scratch_check",
        title: "Scratch",
        service: "kms",
        subservice: "",
        severity: Severity::Low,
        resource_type: "AwsKmsKey",
        categories: &[],
        check_type: &[],
        needs: &[kestrel_model::kms::LIST_KEYS],
    },
    run,
};

fn run(scan: &Scan, emit: &mut dyn FnMut(Finding)) {
    emit(Finding::new(CHECK.meta.id, Status::Pass, scan.global_region(), "x", "x", "ok"));
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_dropped_in_file_is_registered_with_its_prose() {
        let c = crate::find("kms_scratch_check").expect("registered");
        assert!(crate::all().iter().any(|x| x.meta.id == "kms_scratch_check"));
        assert!(crate::services().contains(&"kms"));
        let d = c.meta.doc();
        assert_eq!(d.description, "A check that exists only in this test's scratch copy.");
        assert_eq!(d.remediation_url, "https://example.com/remediation");
        assert_eq!(d.related_url, "https://example.com/related");
    }
}
'''


@pytest.fixture(scope="module")
def scratch(tmp_path_factory):
    if not shutil.which("cargo"):
        pytest.skip("needs cargo (./scripts/test puts it on PATH)")
    root = tmp_path_factory.mktemp("workspace")
    for f in ["Cargo.toml", "Cargo.lock"]:
        shutil.copy(ROOT / f, root / f)
    shutil.copytree(ROOT / "crates", root / "crates", ignore=shutil.ignore_patterns("target"))
    return root


def cargo_test_checks(root, *filters):
    # The shared target directory (CARGO_TARGET_DIR): dependencies are not rebuilt.
    return subprocess.run(["cargo", "test", "--quiet", "-p", "kestrel-checks", "--lib", "--", *filters],
                          cwd=root, capture_output=True, text=True, timeout=900,
                          env=dict(os.environ, CARGO_TERM_COLOR="never"))


def test_a_new_check_is_one_new_file(scratch):
    (scratch / "crates/checks/src/kms/kms_scratch_check.rs").write_text(SCRATCH_CHECK)
    r = cargo_test_checks(scratch, "kms_scratch_check", "every_check_is_in_the_file_named_by_its_id",
                          "registry_ids_are_unique_and_well_formed")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "3 passed" in r.stdout, r.stdout


def test_a_check_without_its_sections_does_not_build(scratch):
    bad = scratch / "crates/checks/src/kms/kms_scratch_check.rs"
    bad.write_text(SCRATCH_CHECK.replace("//! ## Risk", "//! ## Why"))
    r = cargo_test_checks(scratch, "kms_scratch_check")
    assert r.returncode != 0
    assert "kms_scratch_check.rs" in r.stderr and "`## Risk`" in r.stderr, r.stderr
