#!/usr/bin/env python3
"""Writes kestrel's compliance data files (crates/checks/src/data/compliance/<name>.tsv)
from the framework JSON files of an installed Prowler (prowler/compliance/aws/*.json).

What is kept: each requirement's id, its check ids, and the short labels that Prowler's
compliance CSV shows in its attribute columns (sections, levels, types, services, ids,
URLs). What is left out (those columns stay empty in kestrel's CSVs): the frameworks' own
prose, i.e. requirement descriptions (except CIS, whose description is the
recommendation's title) and the long attribute texts (rationale, audit, remediation,
objectives, checklists, comments).

Usage: bench/compliance_data.py [PROWLER_PACKAGE_DIR] (default: the bench's Prowler venv)

File format (tab-separated, UTF-8):
  # comment lines
  @framework <Framework>      @version <Version>      @title <Name>
  @layout <cis|generic|ens|iso27001|mitre|threatscore|c5|ccc|kisa|wellarchitected|asd>
  @attributes <COLUMN>...      the attribute columns, in the layout's CSV order
  <id> <name> <description> <check,check,...> <attribute values...>
A requirement with several attribute sets (Prowler writes one CSV row per set) has one
line per further set right after it, whose id is `+` (and name, description, checks empty).
`!noattributes` in place of the attributes: Prowler writes no row for the requirement.
"""
import glob
import json
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "crates", "checks", "src", "data", "compliance")
DEFAULT = os.path.expanduser(
    "~/.cache/kestrel-bench/prowler-venv/lib/python3.11/site-packages/prowler")

# Attribute columns per layout (Prowler's CSV order); None = left empty (prose).
LAYOUTS = {
    "cis": [("Section", 1), ("SubSection", 1), ("Profile", 1), ("AssessmentStatus", 1),
            ("Description", None), ("RationaleStatement", None), ("ImpactStatement", None),
            ("RemediationProcedure", None), ("AuditProcedure", None),
            ("AdditionalInformation", None), ("DefaultValue", None), ("References", None)],
    "generic": [("Section", 1), ("SubSection", 1), ("SubGroup", 1), ("Service", 1), ("Type", 1),
                ("Comment", None)],
    "ens": [("IdGrupoControl", 1), ("Marco", 1), ("Categoria", 1), ("DescripcionControl", None),
            ("Nivel", 1), ("Tipo", 1), ("Dimensiones", ","), ("ModoEjecucion", 1),
            ("Dependencias", ",")],
    "iso27001": [("Category", 1), ("Objetive_ID", 1), ("Objetive_Name", 1),
                 ("Check_Summary", None)],
    "threatscore": [("Title", 1), ("Section", 1), ("SubSection", 1),
                    ("AttributeDescription", None), ("AdditionalInformation", None),
                    ("LevelOfRisk", 1), ("Weight", 1)],
    "c5": [("Section", 1), ("SubSection", 1), ("Type", 1), ("AboutCriteria", None),
           ("ComplementaryCriteria", None)],
    "ccc": [("FamilyName", 1), ("FamilyDescription", None), ("Section", 1), ("SubSection", 1),
            ("SubSectionObjective", None), ("Applicability", "repr"), ("Recommendation", None),
            ("SectionThreatMappings", "repr"), ("SectionGuidelineMappings", "repr")],
    "kisa": [("Domain", 1), ("Subdomain", 1), ("Section", 1), ("AuditChecklist", None),
             ("RelatedRegulations", "repr"), ("AuditEvidence", None),
             ("NonComplianceCases", None)],
    "wellarchitected": [("Name", 1), ("WellArchitectedQuestionId", 1),
                        ("WellArchitectedPracticeId", 1), ("Section", 1), ("SubSection", 1),
                        ("LevelOfRisk", 1), ("AssessmentMethod", 1), ("Description", None),
                        ("ImplementationGuidanceUrl", 1)],
    "asd": [("Section", 1), ("MaturityLevel", 1), ("AssessmentStatus", 1),
            ("CloudApplicability", 1), ("MitigatedThreats", ", "), ("Description", None),
            ("RationaleStatement", None), ("ImpactStatement", None),
            ("RemediationProcedure", None), ("AuditProcedure", None),
            ("AdditionalInformation", None), ("References", None)],
}
# MITRE's columns are requirement-level, or its attribute sets joined (one row per finding).
MITRE = ["TACTICS", "SUBTECHNIQUES", "PLATFORMS", "TECHNIQUEURL", "ATTRIBUTES_SERVICES",
         "ATTRIBUTES_CATEGORIES", "ATTRIBUTES_VALUES", "ATTRIBUTES_COMMENTS"]


def layout_of(name):
    """Which CSV model Prowler 5.46's __main__ picks for an AWS framework."""
    for prefix, layout in [("cis_", "cis"), ("asd_essential_eight", "asd"),
                           ("mitre_attack_aws", "mitre"), ("ens_", "ens"),
                           ("aws_well_architected_framework", "wellarchitected"),
                           ("iso27001_", "iso27001"), ("kisa", "kisa"),
                           ("prowler_threatscore_aws", "threatscore"), ("ccc_", "ccc"),
                           ("c5_aws", "c5")]:
        if name.startswith(prefix):
            return layout
    return "generic"


def clean(v):
    return " ".join(str(v).split()) if v is not None else ""


def value(attr, key, how):
    v = attr.get(key)
    if how is None or v is None:
        return ""
    if how == "repr":
        return clean(repr(v))
    if isinstance(how, str):
        return clean(how.join(v) if isinstance(v, list) else v)
    return clean(v)


def unroll(v):
    return " | ".join(v) if v else ""


def main():
    pkg = sys.argv[1] if len(sys.argv) > 1 else DEFAULT
    files = sorted(glob.glob(os.path.join(pkg, "compliance", "aws", "*.json")))
    if not files:
        sys.exit(f"no compliance JSON under {pkg}/compliance/aws")
    version = "unknown"
    try:
        sys.path.insert(0, os.path.dirname(pkg))
        from prowler.config.config import prowler_version as version  # noqa
    except Exception:
        pass
    os.makedirs(OUT, exist_ok=True)
    for path in files:
        name = os.path.basename(path)[:-5]
        d = json.load(open(path))
        layout = layout_of(name)
        lines = [f"# {name}: written by bench/compliance_data.py from Prowler {version}'s "
                 f"prowler/compliance/aws/{name}.json (mapping and short labels only; the "
                 "framework's own texts are not copied)",
                 f"@framework\t{d['Framework']}", f"@version\t{d.get('Version') or ''}",
                 f"@title\t{clean(d['Name'])}", f"@layout\t{layout}"]
        if layout == "mitre":
            cols = ["REQUIREMENTS_" + c for c in MITRE]
        else:
            cols = ["REQUIREMENTS_ATTRIBUTES_" + k.upper() for k, _ in LAYOUTS[layout]]
        lines.append("@attributes\t" + "\t".join(cols))
        for r in d["Requirements"]:
            desc = clean(r.get("Description")) if layout == "cis" else ""
            head = [r["Id"], clean(r.get("Name")), desc, ",".join(r.get("Checks") or [])]
            attrs = r.get("Attributes") or []
            if layout == "mitre":
                row = [unroll(r.get("Tactics")), unroll(r.get("SubTechniques")),
                       unroll(r.get("Platforms")), clean(r.get("TechniqueURL")),
                       ", ".join(a.get("AWSService", "") for a in attrs),
                       ", ".join(a.get("Category", "") for a in attrs),
                       ", ".join(a.get("Value", "") for a in attrs), ""]
                sets = [row] * max(len(attrs), 1) if attrs else []
            else:
                sets = [[value(a, k, how) for k, how in LAYOUTS[layout]] for a in attrs]
            if not sets:
                # No attribute set: Prowler writes no row for this requirement at all.
                lines.append("\t".join(head + ["!noattributes"]))
            for i, s in enumerate(sets):
                assert all("\t" not in x for x in head + s)
                lead = head if i == 0 else ["+", "", "", ""]
                lines.append("\t".join(lead + [clean(x) for x in s]))
        with open(os.path.join(OUT, name + ".tsv"), "w") as f:
            f.write("\n".join(lines) + "\n")
    print(f"{len(files)} frameworks written to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
