#!/usr/bin/env python3
"""Converts the researched rule sets (shared/data/requirements/board-requirements.json) into
the catalog's one-file-per-set format under catalog/sets/.

The research file mixes prose and machine fields; this script keeps every prose field (text,
notes, unknowns, sources) verbatim and adds the normalised machine fields the engine reads.
Judgement calls (how a board's free-text credit category maps to our credit types) live in
CREDIT_TYPES below, each with a note, so a reviewer can check them in one place.

Usage: scripts/convert-requirements.py path/to/board-requirements.json catalog/sets
"""
import json
import sys
from pathlib import Path

CAT1 = ["AMA_PRA_1", "AOA_1A"]
ALL_AMA_AOA = ["AMA_PRA_1", "AMA_PRA_2", "AOA_1A", "AOA_1B", "AOA_2A", "AOA_2B"]

# set id -> (accepted types or None for "any recorded type", buckets, mapping note)
# A bucket: (key, types, min, max). Bucket order follows the research file's credit_types.
CREDIT_TYPES = {
    "CA-MD": (["AMA_PRA_1", "AOA_1A", "AAFP_PRESCRIBED", "BOARD_APPROVED"], [], "Category 1 or another board-accepted type; board acceptance of other types is not checked."),
    "CA-DO": (["AOA_1A", "AOA_1B", "AOA_2A", "AOA_2B", "AMA_PRA_1"], [("aoa_category_1", ["AOA_1A", "AOA_1B"], 20, None), ("aoa_category_2_or_ama", ["AOA_2A", "AOA_2B", "AMA_PRA_1"], None, 30)], ""),
    "TX-MD-DO": (["AMA_PRA_1", "AOA_1A", "AAFP_PRESCRIBED", "BOARD_APPROVED", "INFORMAL", "AMA_PRA_2", "AOA_1B", "AOA_2A", "AOA_2B"], [("formal", ["AMA_PRA_1", "AOA_1A", "AAFP_PRESCRIBED", "BOARD_APPROVED"], 24, None), ("informal", ["INFORMAL", "AMA_PRA_2", "AOA_1B", "AOA_2A", "AOA_2B"], None, 24)], "Formal = AMA PRA Cat 1, AOA 1-A, AAFP Prescribed, TMA/TMB approved (BOARD_APPROVED). Informal = self-study, lectures, grand rounds (INFORMAL) and Category 2 types."),
    "FL-MD": (["AMA_PRA_1", "BOARD_APPROVED"], [], "AMA PRA Category 1; ACGME training or listed specialty coursework recorded as BOARD_APPROVED."),
    "FL-DO": (None, [], "Board-approved CME; approval of a provider is not checked by type."),
    "NY-MD": (None, [], "No general hours; topic courses come from approved providers."),
    "PA-MD": (["AMA_PRA_1", "AMA_PRA_2"], [("AMA_PRA_1", ["AMA_PRA_1"], 20, None), ("AMA_PRA_2", ["AMA_PRA_2"], None, 80)], ""),
    "PA-DO": (None, [("AOA_1A", ["AOA_1A"], 20, None)], "Only the AOA 1-A minimum was researched; other accepted types are not restricted."),
    "IL-MD-DO": (None, [("formal", ["AMA_PRA_1", "AOA_1A", "AAFP_PRESCRIBED"], 60, None), ("informal", ["INFORMAL", "AMA_PRA_2", "AOA_1B", "AOA_2A", "AOA_2B", "OTHER"], None, 90)], "Formal = Category 1 types; everything else is informal."),
    "OH-MD-DO": (["AMA_PRA_1", "AOA_1A"], [("category_1", ["AMA_PRA_1", "AOA_1A"], 50, None)], ""),
    "GA-MD-DO": (None, [], "Board-approved CME; approval is not checked by type."),
    "NC-MD-DO": (["AMA_PRA_1", "AOA_1A", "AAFP_PRESCRIBED"], [("category_1", ["AMA_PRA_1", "AOA_1A", "AAFP_PRESCRIBED"], 60, None)], "Category 1 or equivalent."),
    "MI-MD": (None, [("category_1", CAT1, 75, None)], ""),
    "MI-DO": (None, [("category_1", CAT1, 60, None)], ""),
    "NJ-MD-DO": (ALL_AMA_AOA, [("category_1", CAT1, 40, None), ("category_2", ["AMA_PRA_2", "AOA_1B", "AOA_2A", "AOA_2B"], None, 60)], ""),
    "VA-MD-DO": (None, [("type_1", ["AMA_PRA_1", "AOA_1A", "AAFP_PRESCRIBED", "ANCC", "ACPE"], 30, None), ("type_2", ["INFORMAL", "AMA_PRA_2", "AOA_1B", "AOA_2A", "AOA_2B", "OTHER"], None, 30)], "Type 1 = accredited sponsor; Type 2 = self-documented."),
    "WA-MD": (None, [("category_1", CAT1, None, 200), ("category_2", ["AMA_PRA_2", "AOA_1B", "AOA_2A", "AOA_2B", "INFORMAL"], None, 80), ("category_3", ["TEACHING"], None, 80), ("category_4", ["PUBLICATION"], None, 80)], "WA categories: I accredited, II non-accredited, III teaching, IV publications."),
    "MA-MD-DO": (ALL_AMA_AOA, [], "Category 1 or 2."),
    "AZ-MD": (["AMA_PRA_1", "AOA_1A"], [], "Category 1 per a secondary source only."),
    "AZ-DO": (["AOA_1A", "AMA_PRA_1"], [("AOA_1A", ["AOA_1A"], 24, None), ("AMA_PRA_1", ["AMA_PRA_1"], None, 16)], ""),
    "US-DEA-MATE": (None, [], "Training from listed accredited organisations; not checked by type."),
}
for nursing in ["FL-RN", "CA-RN", "TX-RN", "PA-RN", "NY-RN", "MI-RN", "IL-RN", "OH-RN"]:
    CREDIT_TYPES[nursing] = (None, [], "Board-approved or accredited provider; approval is not checked by type.")

# Topic credit_type strings from the research file -> credit types.
TOPIC_TYPES = {
    "AMA_PRA_CAT1": ["AMA_PRA_1"],
    "FORMAL": ["AMA_PRA_1", "AOA_1A", "AAFP_PRESCRIBED", "BOARD_APPROVED"],
    "AMA_PRA_CAT1_OR_CAT2": ["AMA_PRA_1", "AMA_PRA_2"],
    "CAT1_OR_CAT2": ALL_AMA_AOA,
    "CATEGORY_1": ["AMA_PRA_1", "AOA_1A", "AAFP_PRESCRIBED"],
    "AMA_PRA_CAT1_OR_AOA_CAT1": CAT1,
    "CATEGORY_I": CAT1,
    "AOA_CAT_1A_OR_AMA_CAT1": CAT1,
}

# NC deems the federal MATE training to satisfy its controlled-substance topic (NC_FAQ_MATE).
ALSO_SATISFIED_BY = {("NC-MD-DO", "controlled_substance_prescribing"): ["substance_use_disorder_treatment"]}

FIRST_RENEWAL = {"required": "required", "exempt": "exempt", "unclear": "unclear",
                 "not_due_until_second_renewal": "exempt", "renewing_licensees_only": "required"}

NOT_TO_FACT = {"not_specialty": ("specialty", "not_in"), "specialty_in": ("specialty", "in")}


def conditions(applies_if):
    out = []
    for key, value in (applies_if or {}).items():
        if key in NOT_TO_FACT:
            fact, op = NOT_TO_FACT[key]
            out.append({"fact": fact, op: value})
        elif key.endswith("_gte"):
            out.append({"fact": key[: -len("_gte")], "gte": value})
        elif key.startswith("not_") and value is True:
            out.append({"fact": key[len("not_"):], "is": False})
        else:
            out.append({"fact": key, "is": value})
    return out


def deadline(machine):
    kind = (machine or {}).get("type", "unknown")
    if kind == "fixed_date":
        parity = machine.get("year_parity")
        years = {"even": "even", "odd": "odd", "by_license_group": "by_licence_group"}.get(parity)
        if years is None and "anchor_year" in machine:
            years = {"every_n_from": machine["anchor_year"]}
        if years is None:
            return {"kind": "from_expiry"}  # cohort years are not known
        return {"kind": "fixed_date", "month": machine["month"], "day": machine["day"], "years": years}
    if kind in ("end_of_birth_month", "birthday", "issue_date_anniversary"):
        if machine.get("cme_cycle"):
            return {"kind": "birthday_after_issue"}
        if machine.get("cme_reporting_interval_months"):
            return {"kind": "from_expiry"}  # CE reporting date differs from renewal; phase unknown
        return {"kind": kind}
    return {"kind": "from_expiry"}


def window(ce_window):
    machine = (ce_window or {}).get("machine") or {}
    kind = machine.get("type")
    if kind == "any_time_before_attestation":
        out = {"kind": "any_time"}
    elif kind == "calendar_years_preceding_renewal_year":
        out = {"kind": "calendar_years_before_renewal_year", "years": machine["years"]}
    else:
        out = {"kind": "cycle"}
    out["text"] = (ce_window or {}).get("text", "No window stated.")
    out["sources"] = (ce_window or {}).get("source_ids", [])
    return out


def due(machine):
    kind = (machine or {}).get("type")
    if kind in ("by_renewal_number",):
        return {"kind": "renewal", "n": machine["n"]}
    if kind == "by_first_renewal":
        return {"kind": "renewal", "n": 1}
    if kind == "by_date_or_first_renewal":
        return {"kind": "date_or_first_renewal", "date": machine["date"]}
    if kind == "before_initial_license":
        return {"kind": "before_initial_licence"}
    if kind == "earliest_of":
        return {"kind": "earliest_of_renewal_or_months", "renewal": 2, "months_after_initial": 48}
    if kind in ("by_end_of_first_full_cycle_after_license", "within_first_full_reporting_period"):
        return {"kind": "first_full_cycle"}
    return {"kind": "current_cycle"}


def frequency(topic):
    kind = topic["frequency"]
    machine = (topic.get("due") or {}).get("machine") or {}
    if kind == "every_cycle":
        return {"kind": "every_cycle"}
    if kind == "one_time":
        return {"kind": "one_time", "due": due(machine)}
    if kind == "every_n_cycles":
        return {"kind": "every_n_cycles", "n": topic["n_cycles"]}
    if kind == "every_n_years":
        anchor = machine.get("anchor")
        if anchor == "initial_registration":
            anchor = "initial_licence"
        return {"kind": "every_n_years", "years": topic["every_years"], "anchor": anchor}
    if kind == "schedule":
        steps = []
        for rule in machine["rules"]:
            if "renewal_periods" in rule:
                for n in rule["renewal_periods"]:
                    step = {"kind": "renewal", "n": n, "hours": rule["hours"]}
                    if rule.get("sub_deadline") == "initial_permit_date+12m":
                        step["due_months_after_initial"] = 12
                    steps.append(step)
            elif "every_n_renewal_periods_after_first" in rule:
                steps.append({"kind": "every_n_cycles_after", "after": 1, "n": rule["every_n_renewal_periods_after_first"], "hours": rule["hours"]})
            elif "every_years_after_period_2" in rule:
                steps.append({"kind": "every_n_years_after", "after": 2, "years": rule["every_years_after_period_2"], "hours": rule["hours"]})
        return {"kind": "schedule", "steps": steps}
    raise SystemExit(f"unknown frequency {kind}")


def first_renewal_note(topic):
    raw = topic.get("first_renewal", "required")
    return "" if raw in ("required", "exempt", "unclear") else f" (research: first renewal {raw})"


def topic_rule(set_id, topic):
    types = topic.get("credit_type")
    if types is not None and types not in TOPIC_TYPES:
        raise SystemExit(f"{set_id}: unmapped topic credit type {types}")
    return {
        "key": topic["topic"],
        "label": topic["label"],
        "hours": topic["hours"],
        "frequency": frequency(topic),
        "due_text": (topic.get("due") or {}).get("text"),
        # null in the research means "not CE hours at all" (e.g. NY mandates): treat as on top.
        "counts_toward_total": topic.get("counts_toward_total") is True,
        "credit_types": TOPIC_TYPES.get(types) if types else None,
        "applies_if": conditions(topic.get("applies_if")),
        # Research values outside required/exempt/unclear describe timing that the due rule
        # already carries (e.g. "not_due_until_second_renewal"); they are kept in the notes.
        "first_renewal": FIRST_RENEWAL.get(topic.get("first_renewal", "required"), "unclear"),
        "exclusive_with": topic.get("cannot_count_toward", []),
        "also_counts_toward": topic.get("can_also_count_toward", []),
        "also_satisfied_by_topics": ALSO_SATISFIED_BY.get((set_id, topic["topic"]), []),
        "notes": topic.get("notes", "") + first_renewal_note(topic),
        "confidence": topic.get("confidence", "low"),
        "sources": topic.get("source_ids", []),
    }


def first_renewal(block):
    block = block or {}
    machine = block.get("machine") or {}
    kind = machine.get("type")
    base = {"text": block.get("text", ""), "confidence": block.get("confidence", "low"), "sources": block.get("source_ids", [])}
    still = machine.get("still_required_topics")
    still = still if isinstance(still, list) else None
    if kind == "exempt_general_hours":
        rule = {"kind": "exempt_general_hours", "still_required": still}
        if "months_after_initial_license" in machine:
            rule["within_months_of_initial"] = machine["months_after_initial_license"]
    elif kind == "exempt_if":
        rule = {"kind": "exempt_if_fact", "fact": machine["condition"], "still_required": still}
    elif kind == "reduced_hours_if_initial_term_lt":
        rule = {"kind": "reduced_total", "first_term_months_under": machine["months"], "hours": machine["hours"]}
    else:
        rule = {"kind": "not_modelled"}
    return {**rule, **base}


def proration(block):
    if not block:
        return None
    machine = block.get("machine") or {}
    if machine.get("type") == "hours_per_month":
        rule = {"kind": "hours_per_month", "hours": machine["hours"]}
    else:
        rule = {"kind": "not_modelled"}
    return {**rule, "text": block.get("text", ""), "sources": block.get("source_ids", [])}


def title_of(source):
    supports = source.get("supports", "")
    head = supports.split(":", 1)[0].strip()
    return head if 0 < len(head) <= 80 and head != supports else source["id"].replace("_", " ")


def convert(rs):
    accepted, buckets, note = CREDIT_TYPES[rs["id"]]
    raw_types = rs.get("credit_types") or []
    bucket_rules = []
    for i, (key, types, lo, hi) in enumerate(buckets):
        raw = raw_types[i] if i < len(raw_types) else {}
        bucket_rules.append({"key": key, "label": raw.get("type", key), "types": types, "min_hours": lo, "max_hours": hi,
                             "notes": raw.get("notes", ""), "confidence": raw.get("confidence", "low"), "sources": raw.get("source_ids", [])})
    dr = rs.get("deadline_rule") or {}
    dm = dr.get("machine") or {}
    grace_days = dm.get("grace_days", 0) + 30 * dm.get("grace_months", 0)
    carry = rs.get("carryover") or {}
    kind = "federal_registration" if rs["jurisdiction"] == "US" else "state_licence"
    return {
        "id": rs["id"], "aliases": [], "version": 1,
        # Version 1 is the researched baseline; earlier cycles fall back to it (see catalog/README.md).
        "effective_from": "2023-01-01",
        "kind": kind, "jurisdiction": rs["jurisdiction"], "profession": rs["profession"],
        "applies_to": rs.get("applies_to", []), "board": rs["board"],
        "confidence": rs.get("confidence", "low"), "confidence_notes": rs.get("confidence_notes", ""),
        "as_of": rs.get("as_of", ""),
        "cycle": {"months": rs["cycle_months"], "deadline": deadline(dm), "grace_days": grace_days,
                  "text": dr.get("text", ""), "confidence": dr.get("confidence", "low"), "sources": dr.get("source_ids", [])},
        "window": window(rs.get("ce_window")),
        "total": {"hours": rs.get("total_hours") or 0, "sources": (rs.get("ce_window") or {}).get("source_ids", [])},
        "credit_types": {"accepted": accepted, "buckets": bucket_rules, "mapping_note": note,
                         "researched": [t.get("type", "") for t in raw_types]},
        "topics": [topic_rule(rs["id"], t) for t in rs.get("topic_requirements") or []],
        "first_renewal": first_renewal(rs.get("first_renewal")),
        "proration": proration(rs.get("proration")),
        "carry_over": {"allowed": carry.get("allowed"), "max_hours": carry.get("max_hours"),
                       "topic_hours_carried": False, "notes": carry.get("notes", ""), "sources": carry.get("source_ids", [])},
        "exemptions": rs.get("exemptions", []), "unknowns": rs.get("unknowns", []),
        "record_retention_years": rs.get("record_retention_years"),
        "sources": [{"id": s["id"], "title": title_of(s), "url": s["url"], "source_type": s["source_type"], "supports": s.get("supports", "")}
                    for s in rs.get("sources", [])],
    }


def main():
    src, out = Path(sys.argv[1]), Path(sys.argv[2])
    for rs in json.loads(src.read_text()):
        converted = convert(rs)
        (out / f"{rs['id']}.json").write_text(json.dumps(converted, indent=2, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
