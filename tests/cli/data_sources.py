#!/usr/bin/env python3
"""Provenance checks for data/*.csv and the shipped models (standard library only).

  data_sources.py [--data DIR] [MODEL.json ...]

Data rows: the header is fixed; ids are unique per table; `basis` is one of
reported, estimate, derived, assumption; reported and estimate rows carry an
http(s) url; derived rows show their arithmetic in `note`; assumption rows say
why in `note`; `value` is a number or numbers separated by ';'.

Models: every object with a numeric field (a number or an array of numbers,
fields starting with '_' aside) has `_source` naming data rows
("data/FILE.csv#ROW", separated by spaces) that exist, and/or a non-empty
`_assumption`. The component and effect maps (`bom`, `met_by`) are covered by
the object that holds them; the format version `arsenal` is not a figure.

Prints one line per problem and exits 1 if there is any, 0 otherwise.
"""
import csv
import json
import os
import re
import sys

HEADER = ["id", "what", "value", "unit", "year", "source_title", "url", "basis", "note"]
BASES = {"reported", "estimate", "derived", "assumption"}
ID_RE = re.compile(r"^[A-Za-z0-9_]{1,64}$")
NUM_RE = re.compile(r"^-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?$")
REF_RE = re.compile(r"^data/([A-Za-z0-9_.-]+\.csv)#([A-Za-z0-9_]+)$")
MAPS = {"bom", "met_by"}


def load_rows(data_dir, problems):
    rows = {}
    names = sorted(n for n in os.listdir(data_dir) if n.endswith(".csv"))
    if not names:
        problems.append(f"{data_dir}: no .csv tables")
    for name in names:
        path = os.path.join(data_dir, name)
        with open(path, newline="", encoding="utf-8") as f:
            reader = csv.reader(f)
            header = next(reader, None)
            if header != HEADER:
                problems.append(f"data/{name}: header is {header}, expected {HEADER}")
                continue
            seen = rows.setdefault(name, set())
            for n, rec in enumerate(reader, start=2):
                where = f"data/{name}:{n}"
                if len(rec) != len(HEADER):
                    problems.append(f"{where}: {len(rec)} columns, expected {len(HEADER)}")
                    continue
                r = dict(zip(HEADER, rec))
                rid = r["id"]
                if not ID_RE.match(rid):
                    problems.append(f"{where}: id '{rid}' is not [A-Za-z0-9_]{{1,64}}")
                if rid in seen:
                    problems.append(f"{where}: id '{rid}' repeated")
                seen.add(rid)
                where = f"data/{name}#{rid}"
                for part in r["value"].split(";"):
                    if not NUM_RE.match(part.strip()):
                        problems.append(f"{where}: value '{r['value']}' is not a number or ';'-separated numbers")
                        break
                if not r["what"].strip() or not r["unit"].strip():
                    problems.append(f"{where}: empty 'what' or 'unit'")
                if not re.match(r"^[0-9]{4}$", r["year"]):
                    problems.append(f"{where}: year '{r['year']}' is not a year")
                basis, url, note = r["basis"], r["url"].strip(), r["note"].strip()
                if basis not in BASES:
                    problems.append(f"{where}: basis '{basis}' is not one of {sorted(BASES)}")
                elif basis in ("reported", "estimate"):
                    if not re.match(r"^https?://\S+$", url):
                        problems.append(f"{where}: basis {basis} needs a url, found '{url}'")
                    if not r["source_title"].strip():
                        problems.append(f"{where}: basis {basis} needs a source_title")
                elif basis == "derived":
                    # The arithmetic: at least one operator between numbers.
                    if not (re.search(r"[0-9]", note) and re.search(r"\s[x*/+=-]\s|[*/=]", note)):
                        problems.append(f"{where}: basis derived needs its arithmetic in note, found '{note}'")
                elif basis == "assumption" and len(note) < 10:
                    problems.append(f"{where}: basis assumption needs a note saying why, found '{note}'")
                if url and not re.match(r"^https?://\S+$", url):
                    problems.append(f"{where}: url '{url}' is not an http(s) address")
    return rows


def numeric(v):
    if isinstance(v, bool):
        return False
    if isinstance(v, (int, float)):
        return True
    return isinstance(v, list) and len(v) > 0 and all(
        isinstance(x, (int, float)) and not isinstance(x, bool) for x in v)


def check_model(path, rows, problems):
    try:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as e:
        problems.append(f"{path}: cannot read: {e}")
        return 0
    count = [0]

    def walk(node, pointer, key):
        if isinstance(node, list):
            for i, x in enumerate(node):
                walk(x, f"{pointer}/{i}", None)
            return
        if not isinstance(node, dict):
            return
        if key in MAPS:
            return  # covered by the enclosing object
        figures = [k for k, v in node.items()
                   if not k.startswith("_") and numeric(v) and not (pointer == "" and k == "arsenal")]
        src, asm = node.get("_source"), node.get("_assumption")
        if figures:
            count[0] += 1
            if src is None and not (isinstance(asm, str) and asm.strip()):
                problems.append(f"{path}: {pointer or '/'} has figures ({', '.join(figures)}) "
                                "but neither _source nor _assumption")
        if src is not None:
            refs = src.split() if isinstance(src, str) else None
            if not refs:
                problems.append(f"{path}: {pointer}/_source must name data rows, found {json.dumps(src)}")
            for ref in refs or []:
                m = REF_RE.match(ref)
                if not m:
                    problems.append(f"{path}: {pointer}/_source '{ref}' is not data/FILE.csv#ROW")
                elif m.group(1) not in rows:
                    problems.append(f"{path}: {pointer}/_source '{ref}': no table data/{m.group(1)}")
                elif m.group(2) not in rows[m.group(1)]:
                    problems.append(f"{path}: {pointer}/_source '{ref}': no row '{m.group(2)}' in data/{m.group(1)}")
        if asm is not None and not (isinstance(asm, str) and asm.strip()):
            problems.append(f"{path}: {pointer}/_assumption must be a sentence")
        for k, v in node.items():
            if not k.startswith("_"):
                walk(v, f"{pointer}/{k}", k)

    walk(doc, "", None)
    return count[0]


def main(argv):
    data_dir = "data"
    models = []
    i = 0
    while i < len(argv):
        if argv[i] == "--data":
            data_dir = argv[i + 1]
            i += 2
        else:
            models.append(argv[i])
            i += 1
    problems = []
    rows = load_rows(data_dir, problems)
    nrows = sum(len(v) for v in rows.values())
    nobj = 0
    for m in models:
        nobj += check_model(m, rows, problems)
    for p in problems:
        print(p)
    print(f"data_sources: {nrows} data rows in {len(rows)} tables, {nobj} figure-carrying objects "
          f"in {len(models)} models, {len(problems)} problems", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
