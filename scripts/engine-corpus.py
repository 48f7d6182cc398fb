#!/usr/bin/env python3
"""Regression corpus for the requirements engine: `licensure evaluate` before and after a change.

    scripts/engine-corpus.py record  BIN DIR   # write the cases to DIR/cases, BIN's outputs to DIR/results
    scripts/engine-corpus.py compare BIN DIR   # run BIN on DIR/cases again; list every result that differs

BIN is a built `licensure` binary (e.g. ~/.cache/licensure/target/release/licensure). Each
case is run as text and with `--json`; a result is stdout, stderr and the exit code, and
`compare` wants them byte for byte. The cases are generated from the catalog under
`catalog/` with a fixed seed, so the same tree always gives the same corpus: every rule set
several times, random clinicians with 0 to 300 credits, custom sets, carry-over,
per-credential facts, and invalid input of each kind. The outputs run to a few hundred MB:
keep DIR outside the repository (e.g. /tmp).
"""

import concurrent.futures
import datetime
import json
import os
import random
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = 20261205
ROUNDS_PER_SET = 6
RANDOM_CLINICIANS = 450
HOURS = [0, 0.25, 0.5, 1, 1, 1, 1.5, 2, 2, 3, 4, 5, 8, 10, 12.75, 20, 30, 50, 1.005, 0.333]
SPECIALTIES = ["family_medicine", "internal_medicine", "pain_medicine", "pediatrics", "surgery"]


def load_catalog():
    vocabulary = json.loads((ROOT / "catalog/vocabulary.json").read_text())
    sets = [json.loads(p.read_text()) for p in sorted((ROOT / "catalog/sets").glob("*.json"))]
    topics = sorted({t["key"] for s in sets for t in s["topics"]})
    # Keys a rule accepts as a substitute but no set defines: unknown to the engine.
    extra = sorted(
        {k for s in sets for t in s["topics"] for k in t.get("also_satisfied_by_topics", [])}
        - set(topics)
    )
    return {
        "types": [c["key"] for c in vocabulary["credit_types"]],
        "facts": [(f["key"], f["kind"]) for f in vocabulary["facts"]],
        "sets": sets,
        "topics": topics,
        "unknown_topics": extra,
    }


def day(d):
    return d.isoformat()


def rand_date(rng, start, end):
    return start + datetime.timedelta(days=rng.randint(0, (end - start).days))


def fact_value(rng, key, kind):
    if kind == "bool":
        return rng.random() < 0.6
    if kind == "number":
        if key == "licence_group":
            return rng.choice([1, 2])
        return rng.choice([0, 0.1, 0.25, 0.5, 0.75, 1, 3])
    if kind == "text":
        return rng.choice(SPECIALTIES)
    return day(rand_date(rng, datetime.date(1950, 1, 1), datetime.date(1998, 12, 31)))


def random_facts(rng, cat, share):
    facts = {}
    for key, kind in cat["facts"]:
        if rng.random() < share:
            facts[key] = fact_value(rng, key, kind)
    return facts


def random_credits(rng, cat, today, count, topics=None, id_style=None):
    topics = topics or cat["topics"]
    style = id_style or rng.choice(["plain", "plain", "padded", "words", "unicode"])
    credits = []
    for i in range(count):
        completed = rand_date(rng, today - datetime.timedelta(days=365 * 7), today + datetime.timedelta(days=200))
        n_topics = rng.choice([0, 0, 0, 1, 1, 2, 3])
        picked = rng.sample(topics, min(n_topics, len(topics)))
        if picked and rng.random() < 0.05:
            picked.append(picked[0])  # a topic listed twice
        ident = {
            "plain": f"c{i}",
            "padded": f"credit-{i:05d}",
            "words": f"{rng.choice(['cme', 'grand-rounds', 'journal', 'course'])}-{i}",
            "unicode": f"kurs-{i}-é",
        }[style]
        credit = {
            "id": ident,
            "completed": day(completed),
            "hours": rng.choice(HOURS),
            "credit_type": rng.choice(cat["types"]),
            "topics": picked,
        }
        if rng.random() < 0.3:
            credit["title"] = f"Activity {i}"
        if rng.random() < 0.1:
            credit["format"] = rng.choice(["live", "online", "enduring"])
        if rng.random() < 0.2:
            del credit["topics"]
        credits.append(credit)
    # Some days share several credits, to test the tie-break by id.
    if credits and rng.random() < 0.3:
        same = credits[0]["completed"]
        for credit in rng.sample(credits, min(len(credits), 12)):
            credit["completed"] = same
    rng.shuffle(credits)
    return credits


def deadline_kind(s):
    return s["cycle"]["deadline"]["kind"]


def credential_for(rng, s, ident, today, variant):
    """A credential of set `s`; variant picks how much of the dates is given."""
    cred = {"id": ident, "rule_set": rng.choice([s["id"]] + s.get("aliases", []))}
    kind = deadline_kind(s)
    years_back = rng.choice([0, 0, 1, 2, 3, 5, 10, 25])
    initial = rand_date(rng, today - datetime.timedelta(days=365 * years_back + 400), today - datetime.timedelta(days=365 * years_back))
    # Without an issue date these deadlines cannot be found; a few cases still test that.
    needs_initial = kind in ("issue_date_anniversary", "birthday_after_issue") and variant != 4
    give_initial = variant % 3 != 2 or needs_initial
    give_expires = kind == "from_expiry" or variant % 2 == 0
    if give_initial:
        cred["initial_licence"] = day(initial)
    if give_expires:
        months = s["cycle"]["months"]
        cred["expires"] = day(rand_date(rng, today - datetime.timedelta(days=60), today + datetime.timedelta(days=31 * months)))
    return cred


def needed_facts(rng, s, facts):
    """Facts the deadline rule needs, so most cases get past it."""
    kind = deadline_kind(s)
    if kind in ("birthday", "end_of_birth_month", "birthday_after_issue") and "birth_date" not in facts:
        facts["birth_date"] = fact_value(rng, "birth_date", "date")
    if s["cycle"]["deadline"].get("years") == "by_licence_group" and "licence_group" not in facts:
        facts["licence_group"] = rng.choice([1, 2])


def rule_set_case(rng, cat, s, variant):
    today = rand_date(rng, datetime.date(2023, 1, 1), datetime.date(2030, 12, 31))
    facts = random_facts(rng, cat, rng.choice([0.0, 0.3, 0.8, 1.0]))
    needed_facts(rng, s, facts)
    own = [t["key"] for t in s["topics"]] or cat["topics"]
    count = rng.choice([0, 1, 5, 20, 60, 150, 300])
    credits = random_credits(rng, cat, today, count, topics=own + rng.sample(cat["topics"], 3))
    cred = credential_for(rng, s, "lic", today, variant)
    if variant == 5:
        # Per-credential facts that contradict the clinician's.
        cred["facts"] = {k: (not v) if isinstance(v, bool) else v for k, v in list(facts.items())[:6]}
    return {"today": day(today), "facts": facts, "credentials": [cred], "credits": credits}


def clinician_case(rng, cat, i):
    today = rand_date(rng, datetime.date(2023, 1, 1), datetime.date(2030, 12, 31))
    facts = random_facts(rng, cat, rng.random())
    chosen = rng.sample(cat["sets"], rng.randint(1, 6))
    creds = []
    for n, s in enumerate(chosen):
        needed_facts(rng, s, facts)
        cred = credential_for(rng, s, f"cred{n}" if i % 4 else s["id"].lower(), today, rng.randint(0, 5))
        if rng.random() < 0.25:
            cred["facts"] = random_facts(rng, cat, 0.2)
            if deadline_kind(s) in ("birthday", "end_of_birth_month", "birthday_after_issue"):
                cred["facts"]["birth_date"] = fact_value(rng, "birth_date", "date")
            if s["cycle"]["deadline"].get("years") == "by_licence_group":
                cred["facts"]["licence_group"] = rng.choice([1, 2])
        creds.append(cred)
    count = rng.randint(0, 300)
    return {"today": day(today), "facts": facts, "credentials": creds,
            "credits": random_credits(rng, cat, today, count)}


def custom_set(rng, cat, ident):
    topics = []
    keys = rng.sample(cat["topics"] + ["bls", "acls", "hospital_orientation"], rng.randint(0, 3))
    for key in keys:
        topics.append({"key": key, "label": key.replace("_", " ").title(),
                       "hours": rng.choice([None, 1, 2, 4.5])})
    out = {"id": ident, "label": f"Hospital rule {ident}", "cycle_months": rng.choice([12, 24, 36])}
    if rng.random() < 0.8:
        out["total_hours"] = rng.choice([0, 5, 20, 50])
    if rng.random() < 0.5:
        out["accepted_credit_types"] = rng.sample(cat["types"], rng.randint(1, 4))
    if topics or rng.random() < 0.5:
        out["topics"] = topics
    if rng.random() < 0.5:
        out["source_url"] = "https://hospital.example/policy"
    return out


def custom_case(rng, cat, i):
    case = clinician_case(rng, cat, i)
    customs = [custom_set(rng, cat, f"HOSP-{i}-{k}") for k in range(rng.randint(1, 2))]
    case["custom_rule_sets"] = customs
    today = datetime.date.fromisoformat(case["today"])
    for k, custom in enumerate(customs):
        case["credentials"].append({
            "id": f"custom{k}", "rule_set": custom["id"],
            "expires": day(rand_date(rng, today, today + datetime.timedelta(days=700))),
        })
    # Custom topic keys are known only through the custom set; credits may carry them.
    extra = [t["key"] for c in customs for t in c.get("topics", [])]
    for credit in case["credits"]:
        if extra and rng.random() < 0.2:
            credit["topics"] = list(dict.fromkeys(credit.get("topics", []) + [rng.choice(extra)]))
    return case


def carry_over_case(rng, cat, i):
    """TX carries excess hours from the previous cycle: credits concentrated in it."""
    s = next(x for x in cat["sets"] if x["id"] == "TX-MD-DO")
    today = rand_date(rng, datetime.date(2024, 1, 1), datetime.date(2029, 12, 31))
    expires = today + datetime.timedelta(days=rng.randint(0, 700))
    cred = {"id": "tx", "rule_set": s["id"], "expires": day(expires)}
    if rng.random() < 0.7:
        cred["initial_licence"] = day(today - datetime.timedelta(days=rng.randint(100, 6000)))
    credits = random_credits(rng, cat, today, rng.randint(0, 300),
                             topics=[t["key"] for t in s["topics"]])
    # Push some credits into the previous two-year cycle.
    for credit in credits:
        if rng.random() < 0.5:
            credit["completed"] = day(expires - datetime.timedelta(days=rng.randint(731, 1460)))
            credit["hours"] = rng.choice([5, 10, 20, 30])
    facts = random_facts(rng, cat, 0.5)
    return {"today": day(today), "facts": facts, "credentials": [cred], "credits": credits}


def base_valid(rng, cat):
    case = clinician_case(rng, cat, 1)
    case["credits"] = case["credits"][:20]
    return case


def invalid_cases(rng, cat):
    """(name, text) for each way a case can be wrong; each kind several times."""
    out = []
    by_id = {s["id"]: s for s in cat["sets"]}

    def add(name, case):
        out.append((name, json.dumps(case, ensure_ascii=False, indent=1)))

    for k in range(3):
        add("unknown-rule-set", {**base_valid(rng, cat), "credentials": [{"id": "x", "rule_set": f"ZZ-{k}"}]})
        c = base_valid(rng, cat)
        c["credits"].append({"id": "bad", "completed": "2025-01-01", "hours": 1, "credit_type": "CAT_9"})
        add("unknown-credit-type", c)
        c = base_valid(rng, cat)
        c["credits"].insert(0, {"id": "bad", "completed": "2025-01-01", "hours": 1,
                                "credit_type": "AMA_PRA_1", "topics": ["basket_weaving"]})
        add("unknown-topic", c)
        if cat["unknown_topics"]:
            c = base_valid(rng, cat)
            c["credits"].append({"id": "sub", "completed": "2025-01-01", "hours": 1,
                                 "credit_type": "AMA_PRA_1", "topics": [cat["unknown_topics"][k % len(cat["unknown_topics"])]]})
            add("unknown-topic-substitute", c)
        c = base_valid(rng, cat)
        if c["credits"]:
            c["credits"].append(dict(c["credits"][k % len(c["credits"])]))
        else:
            c["credits"] = [{"id": "a", "completed": "2025-01-01", "hours": 1, "credit_type": "AMA_PRA_1"}] * 2
        add("duplicate-credit-id", c)
        c = base_valid(rng, cat)
        c["credentials"].append(dict(c["credentials"][0]))
        add("duplicate-credential-id", c)
        c = base_valid(rng, cat)
        c["facts"]["favourite_colour"] = "blue"
        add("unknown-fact", c)
        c = base_valid(rng, cat)
        c["credentials"][0]["facts"] = {"not_a_fact": True}
        add("unknown-credential-fact", c)
        for kind, wrong in (("bool", "yes"), ("number", "two"), ("text", 3), ("date", "1975-13-45")):
            key = rng.choice([key for key, of in cat["facts"] if of == kind])
            c = base_valid(rng, cat)
            target = c["facts"] if k != 1 else c["credentials"][-1].setdefault("facts", {})
            target[key] = wrong
            add(f"bad-fact-{kind}", c)
        # Credential problems the engine finds while computing the cycle.
        c = base_valid(rng, cat)
        c["credentials"] = [{"id": "fl", "rule_set": "FL-MD", "initial_licence": "2030-01-01", "expires": "2027-01-31"}]
        add("initial-after-cycle-end", c)
        c = base_valid(rng, cat)
        c["credentials"] = [{"id": "ny", "rule_set": "NY-MD"}]
        add("missing-expires", c)
        for sid in ("AZ-MD", "CA-MD", "NC-MD-DO", "VA-MD-DO", "MA-MD-DO"):
            c = base_valid(rng, cat)
            c["facts"].pop("birth_date", None)
            c["credentials"] = [{"id": "b", "rule_set": sid, "initial_licence": "2015-03-03"}]
            add("missing-birth-date", c)
        c = base_valid(rng, cat)
        c["facts"].pop("licence_group", None)
        c["credentials"] = [{"id": "fl", "rule_set": "FL-MD"}]
        add("missing-licence-group", c)
        for sid in ("MI-RN", "OH-MD-DO", "NC-MD-DO"):
            c = base_valid(rng, cat)
            c["facts"]["birth_date"] = "1970-02-28"
            c["credentials"] = [{"id": "m", "rule_set": sid}]
            add("missing-initial-licence", c)
        # Custom sets the catalog refuses.
        for bad in (
            {"id": "H", "label": "x", "cycle_months": 0},
            {"id": "", "label": "x", "cycle_months": 12},
            {"id": "TX-MD-DO", "label": "x", "cycle_months": 12},
            {"id": "ABIM", "label": "x", "cycle_months": 12},
            {"id": "H", "label": "x", "cycle_months": 12, "accepted_credit_types": ["CAT_9"]},
            {"id": "H", "label": "x", "cycle_months": 12, "source_url": "ftp://x"},
            {"id": "H", "label": "x", "cycle_months": 12,
             "topics": [{"key": "bls", "label": "BLS"}, {"key": "bls", "label": "BLS again"}]},
        ):
            c = base_valid(rng, cat)
            c["custom_rule_sets"] = [bad]
            add("bad-custom-set", c)
        c = base_valid(rng, cat)
        c["custom_rule_sets"] = [{"id": "H", "label": "x", "cycle_months": 12}] * 2
        add("custom-set-twice", c)
    # Input that is not a case at all.
    texts = [
        ("not-json", "{ this is not json"),
        ("empty-file", ""),
        ("wrong-top-level", "[1, 2, 3]"),
        ("missing-today", json.dumps({"credentials": []})),
        ("missing-credentials", json.dumps({"today": "2026-01-01"})),
        ("bad-today", json.dumps({"today": "2026-02-30", "credentials": []})),
        ("unknown-field", json.dumps({"today": "2026-01-01", "credentials": [], "extra": 1})),
        ("unknown-credential-field", json.dumps({"today": "2026-01-01", "credentials": [{"id": "a", "rule_set": "FL-MD", "colour": 1}]})),
        ("negative-hours", json.dumps({"today": "2026-01-01", "credentials": [], "credits": [{"id": "a", "completed": "2025-01-01", "hours": -1, "credit_type": "AMA_PRA_1"}]})),
        ("huge-hours", json.dumps({"today": "2026-01-01", "credentials": [], "credits": [{"id": "a", "completed": "2025-01-01", "hours": 100001, "credit_type": "AMA_PRA_1"}]})),
        ("hours-as-text", json.dumps({"today": "2026-01-01", "credentials": [], "credits": [{"id": "a", "completed": "2025-01-01", "hours": "3", "credit_type": "AMA_PRA_1"}]})),
        ("credit-missing-type", json.dumps({"today": "2026-01-01", "credentials": [], "credits": [{"id": "a", "completed": "2025-01-01", "hours": 1}]})),
        ("bad-credit-date", json.dumps({"today": "2026-01-01", "credentials": [], "credits": [{"id": "a", "completed": "yesterday", "hours": 1, "credit_type": "AMA_PRA_1"}]})),
        ("custom-unknown-field", json.dumps({"today": "2026-01-01", "credentials": [], "custom_rule_sets": [{"id": "H", "label": "x", "cycle_months": 12, "grace": 3}]})),
        ("empty-case", json.dumps({"today": "2026-01-01", "credentials": []})),
    ]
    out.extend(texts)
    # One valid case per set with mismatched ids in order: a credential id given twice late.
    for sid in ("PA-MD", "TX-MD-DO"):
        c = base_valid(rng, cat)
        s = by_id[sid]
        c["credentials"] = [credential_for(rng, s, "z", datetime.date.fromisoformat(c["today"]), 0)] * 2
        add("duplicate-credential-late", c)
    return out


def generate():
    rng = random.Random(SEED)
    cat = load_catalog()
    cases = []

    def add(name, case):
        cases.append((name, json.dumps(case, ensure_ascii=False, indent=1)))

    for s in cat["sets"]:
        for variant in range(ROUNDS_PER_SET):
            add(f"set-{s['id']}-{variant}", rule_set_case(rng, cat, s, variant))
    for i in range(RANDOM_CLINICIANS):
        add("clinician", clinician_case(rng, cat, i))
    for i in range(60):
        add("custom", custom_case(rng, cat, i))
    for i in range(40):
        add("carry-over", carry_over_case(rng, cat, i))
    cases.extend(invalid_cases(rng, cat))
    return cases


def run_one(binary, path, json_mode):
    args = [binary, "evaluate", str(path)] + (["--json"] if json_mode else [])
    done = subprocess.run(args, capture_output=True, env={**os.environ, "NO_COLOR": "1"})
    return (f"exit {done.returncode}\n--- stdout\n").encode() + done.stdout + b"--- stderr\n" + done.stderr


def results(binary, cases_dir):
    jobs = []
    for path in sorted(cases_dir.iterdir()):
        for json_mode in (False, True):
            jobs.append((path, json_mode))
    # Also a case file that does not exist.
    jobs.append((cases_dir / "missing.json", False))
    with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
        outputs = pool.map(lambda job: run_one(binary, *job), jobs)
        for (path, json_mode), output in zip(jobs, outputs):
            yield f"{path.stem}.{'json' if json_mode else 'text'}", output


def record(binary, out):
    cases_dir = out / "cases"
    results_dir = out / "results"
    cases_dir.mkdir(parents=True, exist_ok=True)
    results_dir.mkdir(parents=True, exist_ok=True)
    for i, (name, text) in enumerate(generate()):
        (cases_dir / f"{i:04d}-{name}.json").write_text(text, encoding="utf-8")
    count = 0
    for name, output in results(binary, cases_dir):
        (results_dir / name).write_bytes(output)
        count += 1
    print(f"recorded {count} results of {len(list(cases_dir.iterdir()))} cases in {out}")


def compare(binary, out):
    results_dir = out / "results"
    differ = []
    count = 0
    for name, output in results(binary, out / "cases"):
        count += 1
        saved = results_dir / name
        if not saved.exists() or saved.read_bytes() != output:
            differ.append(name)
    for name in differ:
        print(f"differs: {name}")
    print(f"{count} results compared, {len(differ)} differ")
    return 1 if differ else 0


def main(argv):
    if len(argv) != 4 or argv[1] not in ("record", "compare"):
        print(__doc__, file=sys.stderr)
        return 2
    binary, out = argv[2], Path(argv[3])
    if argv[1] == "record":
        record(binary, out)
        return 0
    return compare(binary, out)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
