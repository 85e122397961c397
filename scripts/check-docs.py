#!/usr/bin/env python3
"""Check the leading `//!` doc block of every check file.

Each check (`crates/checks/src/<service>/<service>_*.rs`) documents itself once, in a
leading `//!` block of this shape:

    //! # <check_id>
    //!
    //! ## Description
    //!
    //! <paragraph 1: plain text shown in reports>
    //!
    //! <optional detail paragraphs, Markdown allowed>
    //!
    //! ## Risk
    //! ... (same shape)
    //! ## Remediation
    //! ... (same shape)
    //! ## References
    //!
    //! - <remediation_url>
    //! - <related_url>

A paragraph is a run of non-empty `//!` lines, joined with single spaces. Paragraph 1 of
Description, Risk and Remediation is what reports show: it must be plain text (no
backticks, no `**`, no links). References are `- http...` bullets; while `CheckMeta` still
has `remediation_url`/`related_url`, they must be those values, in that order, without
repeating one and without empty ones.

Lines are at most 92 characters, except reference bullets (a URL cannot be wrapped).

Usage: scripts/check-docs.py [--unchanged-since REV]
  --unchanged-since REV  also require that everything after the doc block is
                         byte-identical to the file at git revision REV.

Prints one summary line; exits 1 when there are problems.
"""

import glob
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
CHECKS = os.path.join(ROOT, "crates", "checks", "src")
MAX_LINE = 92
HEADINGS = ["Description", "Risk", "Remediation", "References"]
# Lines starting like this would open a Markdown block (list, quote, heading, HTML,
# setext underline) inside a paragraph, so the paragraph would not be what we parse.
BLOCK_START = re.compile(r"^(>|[-+*](\s|$)|#|=+\s*$|\d+[.)](\s|$)|<|\||```|~~~)")
FIELDS = ["remediation_url", "related_url"]


def check_files():
    out = []
    for path in sorted(glob.glob(os.path.join(CHECKS, "*", "*.rs"))):
        service = os.path.basename(os.path.dirname(path))
        stem = os.path.basename(path)[:-3]
        if service in ("util", "data") or stem == "mod":
            continue
        if stem.startswith(service + "_"):
            out.append(path)
    return out


def doc_block(text):
    lines = text.split("\n")
    n = 0
    while n < len(lines) and lines[n].startswith("//!"):
        n += 1
    return lines[:n], n


def field(src, name):
    m = re.search(r"^\s*" + name + r': "((?:[^"\\]|\\.)*)",\s*$', src, re.M)
    if not m:
        return None
    return re.sub(r"\\(.)", r"\1", m.group(1))


def paragraphs(texts):
    paras, cur = [], []
    for t in texts:
        if t == "":
            if cur:
                paras.append(" ".join(cur))
                cur = []
        else:
            cur.append(t)
    if cur:
        paras.append(" ".join(cur))
    return paras


def check(path, src):
    problems = []
    rel = os.path.relpath(path, ROOT)
    stem = os.path.basename(path)[:-3]

    def bad(msg):
        problems.append(f"{rel}: {msg}")

    block, _ = doc_block(src)
    if not block:
        bad("no leading //! block")
        return problems

    texts = []
    for i, line in enumerate(block, 1):
        if line == "//!":
            texts.append("")
        elif line.startswith("//! "):
            t = line[4:]
            if t != t.rstrip():
                bad(f"line {i}: trailing whitespace")
            if t.strip() == "":
                bad(f"line {i}: blank doc line must be '//!' with nothing after")
            texts.append(t)
        else:
            bad(f"line {i}: doc lines are '//!' or '//! ' + text: {line!r}")
            texts.append(line[3:].strip())
        if len(line) > MAX_LINE and not line.startswith("//! - http"):
            bad(f"line {i}: {len(line)} characters (max {MAX_LINE})")

    if texts[0] != f"# {stem}":
        bad(f"title line must be '//! # {stem}', found {block[0]!r}")
    if len(texts) < 2 or texts[1] != "":
        bad("the title must be followed by an empty //! line")

    # Split into sections at '## ' headings; no other heading levels allowed.
    found, starts = [], []
    for i, t in enumerate(texts[1:], 1):
        if t.startswith("#"):
            if t.startswith("## ") and t[3:] in HEADINGS:
                found.append(t[3:])
                starts.append(i)
                if texts[i - 1] != "":
                    bad(f"line {i + 1}: heading '{t}' must be preceded by an empty //! line")
                if i + 1 < len(texts) and texts[i + 1] != "":
                    bad(f"line {i + 1}: heading '{t}' must be followed by an empty //! line")
            else:
                bad(f"line {i + 1}: unexpected heading {t!r}")
    if found != HEADINGS:
        bad(f"headings must be {HEADINGS}, found {found}")
        return problems
    if any(t != "" for t in texts[2:starts[0]]):
        bad("text between the title and '## Description'")

    bounds = starts + [len(texts)]
    sections = {}
    for k, name in enumerate(HEADINGS):
        body = texts[bounds[k] + 1:bounds[k + 1]]
        sections[name] = body
        if name != "References":
            for j, t in enumerate(body):
                if t and BLOCK_START.match(t):
                    line_no = bounds[k] + 2 + j
                    bad(f"line {line_no}: starts like a Markdown block, breaking the "
                        f"paragraph: {t!r}")

    for name in HEADINGS[:3]:
        paras = paragraphs(sections[name])
        if not paras:
            bad(f"{name}: no paragraph")
            continue
        p1 = paras[0]
        for mark, what in (("`", "backtick"), ("**", "'**'"), ("](", "link"),
                           ("://", "URL")):
            if mark in p1:
                bad(f"{name}: paragraph 1 is shown in reports and must be plain text "
                    f"(has a {what})")
        if len(set(paras)) != len(paras):
            bad(f"{name}: a paragraph is repeated")

    refs = [t for t in sections["References"] if t != ""]
    for t in refs:
        if not re.fullmatch(r"- https?://\S+", t):
            bad(f"References: not a '- http...' bullet: {t!r}")
    urls = [field(src, f) for f in FIELDS]
    if all(u is not None for u in urls):
        expected = []
        for u in urls:
            if u and u not in expected:
                expected.append(u)
        got = [t[2:] for t in refs]
        if got != expected:
            bad(f"References {got} != remediation_url/related_url {expected}")
    return problems


def unchanged_since(rev, path, src):
    rel = os.path.relpath(path, ROOT)
    try:
        old = subprocess.run(["git", "-C", ROOT, "show", f"{rev}:{rel}"], check=True,
                             capture_output=True, text=True).stdout
    except subprocess.CalledProcessError:
        return [f"{rel}: not in {rev}"]
    _, n_new = doc_block(src)
    _, n_old = doc_block(old)
    if src.split("\n")[n_new:] != old.split("\n")[n_old:]:
        return [f"{rel}: changed after the doc block since {rev}"]
    return []


def main(argv):
    rev = None
    if argv[:1] == ["--unchanged-since"] and len(argv) == 2:
        rev = argv[1]
    elif argv:
        print(__doc__.strip().split("\n\n")[-2], file=sys.stderr)
        return 2
    files = check_files()
    problems = []
    for path in files:
        with open(path, encoding="utf-8") as f:
            src = f.read()
        problems += check(path, src)
        if rev:
            problems += unchanged_since(rev, path, src)
    for p in problems:
        print(p)
    extra = f", code after the doc block unchanged since {rev}" if rev and not problems else ""
    print(f"check-docs: {len(files)} files checked, {len(problems)} problems{extra}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
