#!/usr/bin/env python3
"""Writes models/large.json: the baseline's world at plant level over 36 months.

  python3 scripts/make-large-model.py [OUT]   (from the repository root)

Each baseline line is split into several plants (its capacity shared out by
seeded random weights, start dates moved by up to two months), each supplier
into a few, and every per-quarter flow becomes per month (divided by 3; leads,
reviews and ramps converted). The result has a few hundred lines and is
realistic in shape, for benchmarks and validation; CI validates it but does
not solve it. Standard library only; the same output on every run (fixed seed,
no clock, sorted nothing that depends on hashing).
"""
import copy
import importlib.util
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20250101


def load_baseline():
    spec = importlib.util.spec_from_file_location("make_baseline", os.path.join(HERE, "make-baseline.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


mb = load_baseline()
base = copy.deepcopy(mb.model)
QP = base["periods"]
MONTHS = [f"{y}M{m:02d}" for y in (2025, 2026, 2027) for m in range(1, 13)]
rng = random.Random(SEED)


def month_of(qlabel):
    return MONTHS[3 * QP.index(qlabel)]


def monthly(series, scale=1.0 / 3.0):
    """Quarterly series (number or 12 values) -> per month, each month a third."""
    if isinstance(series, list):
        return [mb.num(round(series[t // 3] * scale, 4)) for t in range(36)]
    return mb.num(round(series * scale, 4))


def note(obj, text):
    prev = obj.get("_assumption")
    obj["_assumption"] = (prev + " " if prev else "") + text


MONTHLY_NOTE = "Per month: the baseline's quarterly flows divided by 3."


def split_weights(k):
    w = [rng.uniform(0.5, 1.5) for _ in range(k)]
    s = sum(w)
    return [x / s for x in w]


# ---------------------------------------------------------------- lines
lines, line_map = [], {}
for ln in base["lines"]:
    k = rng.randint(6, 14)
    ws = split_weights(k)
    ids = []
    for i, w in enumerate(ws):
        p = copy.deepcopy(ln)
        p["id"] = f"{ln['id']}_{i + 1:02d}"
        p["name"] = f"{ln['name']}, plant {i + 1}"
        p["capacity"] = monthly(ln["capacity"], w / 3.0)
        if "start" in ln:
            s = MONTHS.index(month_of(ln["start"])) + rng.randint(0, 2)
            p["start"] = MONTHS[min(s, 35)]
        if "ramp" in ln:
            p["ramp"] = round((1 + ln["ramp"]) ** (1 / 3) - 1, 4)
            p["ramp_floor"] = mb.num(round(ln.get("ramp_floor", 0) * w / 3, 2))
            if "output0" in ln:
                p["output0"] = mb.num(round(ln["output0"] * w / 3, 2))
        if "expansion" in ln:
            e = p["expansion"]
            e["cost"] = mb.num(round(ln["expansion"]["cost"] * 3, 4))
            e["lead"] = 3 * ln["expansion"].get("lead", 0)
            e["max"] = mb.num(round(ln["expansion"]["max"] * w / 3, 2))
            e.pop("step", None)  # continuous here: a benchmark model, not a MIP of hundreds of steps
            note(e, "Per month: cost per unit of monthly capacity (x3), lead in months (x3), max shared like capacity; no integer step.")
        for pr in p["produces"]:
            if isinstance(pr.get("cost"), list):
                pr["cost"] = monthly(pr["cost"], 1.0)
        note(p, f"Synthetic plant: share {w:.3f} of baseline line {ln['id']}. {MONTHLY_NOTE}")
        lines.append(p)
        ids.append(p["id"])
    line_map[ln["id"]] = ids

# ---------------------------------------------------------------- suppliers
suppliers, sup_map = [], {}
for s in base["suppliers"]:
    k = rng.randint(2, 4)
    ws = split_weights(k)
    ids = []
    for i, w in enumerate(ws):
        p = copy.deepcopy(s)
        p["id"] = f"{s['id']}_{i + 1:02d}"
        p["capacity"] = monthly(s["capacity"], w / 3.0)
        if isinstance(s.get("cost"), list):
            p["cost"] = monthly(s["cost"], 1.0)
        if "lead" in s:
            p["lead"] = 3 * s["lead"]
        note(p, f"Synthetic supplier: share {w:.3f} of baseline supplier {s['id']}. {MONTHLY_NOTE}")
        suppliers.append(p)
        ids.append(p["id"])
    sup_map[s["id"]] = ids

# ---------------------------------------------------------------- the rest
drawdowns = []
for d in base["drawdowns"]:
    p = copy.deepcopy(d)
    p["available"] = monthly(d["available"])
    if isinstance(d.get("cost"), list):
        p["cost"] = monthly(d["cost"], 1.0)
    p["lead"] = 3 * d.get("lead", 0)
    note(p, MONTHLY_NOTE)
    drawdowns.append(p)

corridors = []
for c in base["corridors"]:
    p = copy.deepcopy(c)
    p["lead"] = 3 * c.get("lead", 0)
    if "capacity" in c:
        p["capacity"] = monthly(c["capacity"])
    note(p, MONTHLY_NOTE)
    corridors.append(p)

licenses = []
for q in base["licenses"]:
    p = copy.deepcopy(q)
    cov = p["covers"]
    if "lines" in cov:
        cov["lines"] = [x for lid in cov["lines"] for x in line_map[lid]]
    if "submitted" in q:
        p["submitted"] = month_of(q["submitted"])
    if "review" in q:
        p["review"] = 3 * q["review"]
    note(p, "Review in months (x3).")
    licenses.append(p)
licensing = copy.deepcopy(base["licensing"])

workforce = []
for w in base["workforce"]:
    p = copy.deepcopy(w)
    p["available"] = monthly(w["available"])
    note(p, MONTHLY_NOTE)
    workforce.append(p)

payee_map = {**line_map, **sup_map}
funds = []
for f in base["funds"]:
    p = copy.deepcopy(f)
    p["amount"] = monthly(f["amount"])
    el = p.get("eligible", {})
    if "payees" in el:
        el["payees"] = [x for pid in el["payees"] for x in payee_map.get(pid, [pid])]
    note(p, MONTHLY_NOTE)
    funds.append(p)

requirements = []
for r in base["requirements"]:
    p = copy.deepcopy(r)
    p["demand"] = monthly(r["demand"])
    note(p, MONTHLY_NOTE)
    requirements.append(p)

stocks = copy.deepcopy(base["stocks"])
objective = copy.deepcopy(base["objective"])
objective["discount"] = round((1 + base["objective"]["discount"]) ** (1 / 3) - 1, 6)
note(objective, "Monthly discount equivalent to the quarterly one.")

scenarios = {}
for name in ("funding_cliff", "strike_campaign", "itar_relief", "licensing_surge", "energetics_shock"):
    sc = copy.deepcopy(base["scenarios"][name])
    sc["set"] = [s.replace("@2025Q3..", "@" + month_of("2025Q3") + "..") for s in sc["set"]]
    scenarios[name] = sc

model = {
    "arsenal": 1,
    "name": "Ukraine and partners at plant level, 36 months (synthetic, for performance)",
    "description": "The baseline's lines split into plants and its quarters into months by scripts/make-large-model.py. Realistic in shape, not in detail: plant shares are random.",
    "_generated_by": "scripts/make-large-model.py (seed %d); do not edit by hand" % SEED,
    "_units": "quantities per month; money in thousand USD (kUSD); explosives and powder in tonnes",
    "periods": MONTHS,
    "theatre": base["theatre"],
    "currency": base["currency"],
    "countries": base["countries"],
    "products": base["products"],
    "components": base["components"],
    "lines": lines,
    "suppliers": suppliers,
    "drawdowns": drawdowns,
    "corridors": corridors,
    "licenses": licenses,
    "licensing": licensing,
    "workforce": workforce,
    "funds": funds,
    "requirements": requirements,
    "stocks": stocks,
    "objective": objective,
    "scenarios": scenarios,
}

if __name__ == "__main__":
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join("models", "large.json")
    tmp = out + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(mb.dump(model) + "\n")
    os.replace(tmp, out)
