#!/usr/bin/env python3
"""schema_check.py SCHEMA.json ROOT: the JSON Schema printed by `arsenal
schema` must be a valid draft 2020-12 schema, accept every shipped model
(models/*.json) and every test model (tests/models/*.json), and reject every
case of the bad-input catalogue (tests/bad/*.json) that a schema can
express. The cases it cannot express are listed below with the reason; each
must still be accepted by the schema, so the list cannot go stale."""
import glob
import json
import os
import sys

import jsonschema

# Bad inputs whose fault lies beyond what a JSON Schema says: references
# between sections, series lengths, order, rules across items.
NOT_EXPRESSIBLE = {
    "bloc_undeclared": "a payee's country must be declared when a fund is eligible by bloc",
    "deep_nesting": "nesting deeper than the loader's limit (a limit, not the format)",
    "duplicate_id": "ids unique within a section",
    "fund_country_unknown": "an eligible country must be a country the model names elsewhere",
    "licence_covers_nothing": "at least one non-empty cover clause",
    "payee_id_clash": "payee ids unique across four sections",
    "periods_out_of_order": "time order of period labels",
    "product_twice": "a product once per line",
    "scenario_makes_invalid": "a scenario's assignments leave a valid model",
    "scenario_unknown_line": "a scenario's path names ids of the model",
    "scenario_unknown_section": "a scenario's path names sections of the format",
    "series_length": "a series has one number per period",
    "two_corridors": "one corridor per country",
    "unknown_period": "a period reference must name a label of periods",
    "unknown_product": "an id must name an item of another section",
}


def strict_load(path):
    """The document, or None when it is not strict RFC 8259 JSON (a schema
    validator never sees such a file: its JSON parser refuses it)."""

    def no_constants(name):
        raise ValueError("not JSON: " + name)

    def no_duplicates(pairs):
        keys = [k for k, _ in pairs]
        if len(keys) != len(set(keys)):
            raise ValueError("duplicate key")
        return dict(pairs)

    try:
        with open(path, "rb") as f:
            raw = f.read()
        text = raw.decode("utf-8")
        if text.startswith("\ufeff") or "\x00" in text:
            return None
        return json.loads(text, parse_constant=no_constants, object_pairs_hook=no_duplicates)
    except (ValueError, RecursionError):
        return None


def main():
    schema_path, root = sys.argv[1], sys.argv[2]
    with open(schema_path) as f:
        schema = json.load(f)
    cls = jsonschema.Draft202012Validator
    cls.check_schema(schema)
    validator = cls(schema)
    fails = 0
    good = sorted(glob.glob(os.path.join(root, "models", "*.json")))
    good += sorted(glob.glob(os.path.join(root, "tests", "models", "*.json")))
    for path in good:
        doc = strict_load(path)
        errors = list(validator.iter_errors(doc)) if doc is not None else ["not strict JSON"]
        if errors:
            fails += 1
            print("FAIL %s: rejected: %s" % (path, getattr(errors[0], "message", errors[0])))
    rejected = accepted = not_json = 0
    for path in sorted(glob.glob(os.path.join(root, "tests", "bad", "*.json"))):
        name = os.path.basename(path)[:-5]
        doc = strict_load(path)
        ok = doc is not None and validator.is_valid(doc)
        not_json += doc is None
        if name in NOT_EXPRESSIBLE:
            accepted += 1
            if not ok:
                fails += 1
                print("FAIL %s: listed as beyond a schema but the schema rejects it" % name)
        else:
            rejected += 1
            if ok:
                fails += 1
                print("FAIL %s: the schema accepts it" % name)
    print(
        "schema: %d models accepted; of the bad cases %d rejected (%d of them not JSON at all), "
        "%d beyond a schema" % (len(good), rejected, not_json, accepted)
    )
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
