#!/usr/bin/env python3
"""Checks the technology-enhanced (select-all and ordering) items of an EmrCat bank.

Usage: python3 tools/check-te-items.py [item-bank/emr-practice.json]

The loader (ItemBankJson) is the authority on the bank format; this script checks what the loader cannot know
about the writers' intent for `multiple` and `ordered` items: the partial-credit rule and the number of IRT
categories agree with the options and key, ordering items are tagged "sequence" and are not shown in key order,
select-all items have 2-4 right options among 5-6, no "all/none of the above", review metadata says who reviewed,
enemy groups are declared and have at least two members, and the right options of select-all items are not
systematically the longest. It prints one line per problem (item id, field, message) and a summary, and exits 1
if there is any problem.
"""
import collections
import json
import math
import re
import sys

TAGS = {"safety", "sequence", "scope", "reading", "pacing", "pediatric", "geriatric", "obstetric", "legal",
        "behavioral", "triage"}
PREFIX = {"scene": "SCN", "primary": "PRI", "secondary": "SEC", "treatment": "TRT", "operations": "OPS"}
SCORING = {"multiple": "rightMinusWrong", "ordered": "adjacentPairs"}


def main(path):
    with open(path, encoding="utf-8-sig") as f:
        bank = json.load(f)
    items = bank["items"]
    problems = []

    def bad(item_id, field, message):
        problems.append(f"{item_id}\t{field}\t{message}")

    domains = {d["id"]: d for d in bank["blueprint"]["domains"]}
    declared = {g["id"] for g in bank.get("enemyGroups", [])}
    members = collections.Counter(g for i in items for g in i.get("enemyGroups", []))
    ids = collections.Counter(i["id"] for i in items)
    stems = collections.Counter(i["stem"] for i in items)
    for item_id, n in ids.items():
        if n > 1:
            bad(item_id, "id", f"used by {n} items")
    te_groups = {g for i in items if i["type"] in SCORING for g in i.get("enemyGroups", [])}
    for g in sorted(te_groups):
        if members[g] < 2:
            bad("-", "enemyGroups", f"group {g} has only one member, so it keeps nothing out")

    te = [i for i in items if i["type"] in SCORING]
    for it in te:
        iid, kind = it["id"], it["type"]
        if it["domain"] not in domains:
            bad(iid, "domain", f"'{it['domain']}' is not a blueprint domain")
        elif not re.fullmatch(PREFIX.get(it["domain"], "???") + r"-\d{4}", iid):
            bad(iid, "id", f"expected {PREFIX[it['domain']]}-nnnn for domain {it['domain']}")
        if it["status"] not in ("scored", "pilot"):
            bad(iid, "status", f"'{it['status']}' is not scored or pilot")
        tags = it.get("tags", [])
        for t in tags:
            if t not in TAGS:
                bad(iid, "tags", f"'{t}' is not in the closed tag set")
        if len(set(tags)) != len(tags):
            bad(iid, "tags", "a tag is listed twice")
        if kind == "ordered" and "sequence" not in tags:
            bad(iid, "tags", "an ordering item must carry the sequence tag")
        if re.search(r"\b(START|JumpSTART)\b", it["stem"]) and ("triage" not in tags or not it.get("enemyGroups")):
            bad(iid, "tags", "a START/JumpSTART item needs the triage tag and an enemy group")
        if stems[it["stem"]] > 1:
            bad(iid, "stem", "the stem is used by another item")
        if kind == "multiple" and "select all" not in it["stem"].lower():
            bad(iid, "stem", "a select-all item should say 'Select all that apply'")
        if kind == "ordered" and "order" not in it["stem"].lower():
            bad(iid, "stem", "an ordering item should ask for an order")

        opts = it["options"]
        opt_ids = [o["id"] for o in opts]
        if len(set(opt_ids)) != len(opt_ids):
            bad(iid, "options", "option ids repeat")
        for o in opts:
            if not o["text"].strip():
                bad(iid, "options", f"option {o['id']} has no text")
            if re.search(r"\b(all|none) of the (above|these)\b", o["text"], re.I):
                bad(iid, "options", f"option {o['id']} is an all/none-of-the-above option")
        key = it["key"]
        if not isinstance(key, list):
            bad(iid, "key", "must be an array for a multiple or ordered item")
            continue
        unknown = [k for k in key if k not in opt_ids]
        if unknown:
            bad(iid, "key", f"names ids that are not options: {unknown}")
        if len(set(key)) != len(key):
            bad(iid, "key", "names an option twice")

        if kind == "ordered":
            if not 4 <= len(opts) <= 5:
                bad(iid, "options", f"an ordering item has 4-5 steps, not {len(opts)}")
            if sorted(key) != sorted(opt_ids):
                bad(iid, "key", "an ordering key must list every option exactly once")
            if key == opt_ids:
                bad(iid, "key", "the options are displayed in key order")
            categories = len(opts) - 1
        else:
            if not 5 <= len(opts) <= 6:
                bad(iid, "options", f"a select-all item has 5-6 options, not {len(opts)}")
            if not 2 <= len(key) <= 4:
                bad(iid, "key", f"a select-all item has 2-4 right options, not {len(key)}")
            categories = len(key)

        if it.get("scoring") != SCORING[kind]:
            bad(iid, "scoring", f"expected '{SCORING[kind]}' for a {kind} item, got {it.get('scoring')!r}")
        irt = it["irt"]
        a = irt.get("a")
        if not isinstance(a, (int, float)) or not 0.6 <= a <= 1.6:
            bad(iid, "irt.a", f"slope {a} outside the judged range 0.6-1.6")
        if irt.get("model") == "GPCM":
            values, name = irt.get("steps"), "steps"
        elif irt.get("model") == "GRM":
            values, name = irt.get("thresholds"), "thresholds"
            if values and any(y <= x for x, y in zip(values, values[1:])):
                bad(iid, "irt.thresholds", "GRM thresholds must increase strictly")
        else:
            bad(iid, "irt.model", f"expected GPCM or GRM, got {irt.get('model')!r}")
            values, name = None, None
        if values is not None:
            if len(values) != categories:
                bad(iid, f"irt.{name}", f"{len(values)} values but the scoring rule has {categories} steps above 0")
            if not all(isinstance(v, (int, float)) and math.isfinite(v) and -4 <= v <= 4 for v in values):
                bad(iid, f"irt.{name}", "values must be finite numbers in [-4, 4]")
        extra = set(irt) - {"model", "a", "steps", "thresholds"}
        if extra:
            bad(iid, "irt", f"unexpected fields {sorted(extra)}")

        if len(it.get("rationale", "")) < 150:
            bad(iid, "rationale", "too short to explain each right choice and each distractor")
        review = it.get("review")
        if not review:
            bad(iid, "review", "missing")
        else:
            role = review.get("reviewerRole", "")
            if "AI-assisted" not in role or "pending EMS-instructor" not in role:
                bad(iid, "review.reviewerRole", "must say it is AI-assisted and pending EMS-instructor review")
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", review.get("date", "")):
                bad(iid, "review.date", "must be yyyy-mm-dd")
        for g in it.get("enemyGroups", []):
            if g not in declared:
                bad(iid, "enemyGroups", f"group {g} is not declared")

    if bank.get("calibration") != "provisional":
        bad("-", "calibration", "the bank's judged TE parameters require calibration 'provisional'")

    # Blueprint shares over the whole bank (scored items and all items), as the bundled-bank test checks.
    for label, pool in (("scored", [i for i in items if i["status"] == "scored"]), ("all", items)):
        count = collections.Counter(i["domain"] for i in pool)
        for d in domains.values():
            share = count[d["id"]] / len(pool)
            if not d["minShare"] <= share <= d["maxShare"]:
                bad("-", "blueprint", f"{label} share of {d['id']} is {share:.3f}, outside [{d['minShare']}, {d['maxShare']}]")

    # Summary
    print(f"{path}: {len(items)} items, {len(te)} technology-enhanced")
    table = collections.Counter((i["domain"], i["type"], i["status"]) for i in te)
    print(f"{'domain':<11} {'multiple':>8} {'ordered':>8} {'scored':>7} {'pilot':>6} {'share':>6}")
    for d in domains:
        row = [sum(v for (dd, t, s), v in table.items() if dd == d and t == "multiple"),
               sum(v for (dd, t, s), v in table.items() if dd == d and t == "ordered"),
               sum(v for (dd, t, s), v in table.items() if dd == d and s == "scored"),
               sum(v for (dd, t, s), v in table.items() if dd == d and s == "pilot")]
        print(f"{d:<11} {row[0]:>8} {row[1]:>8} {row[2]:>7} {row[3]:>6} {(row[0] + row[1]) / max(1, len(te)):>6.1%}")
    models = collections.Counter(i["irt"]["model"] for i in te)
    print("models: " + ", ".join(f"{m} {n}" for m, n in sorted(models.items())))
    sequence = sum("sequence" in i["tags"] for i in te)
    grouped = sum(bool(i.get("enemyGroups")) for i in te)
    print(f"sequence-tagged: {sequence}; in an enemy group: {grouped}")

    # Surface cues on select-all items: are the right options longer than the wrong ones?
    multi = [i for i in te if i["type"] == "multiple"]
    if multi:
        right = [len(o["text"]) for i in multi for o in i["options"] if o["id"] in i["key"]]
        wrong = [len(o["text"]) for i in multi for o in i["options"] if o["id"] not in i["key"]]
        # Expected score of "select the k longest options" (k = number of right options) against chance.
        hit, chance = 0.0, 0.0
        for i in multi:
            k = len(i["key"])
            longest = sorted(i["options"], key=lambda o: -len(o["text"]))[:k]
            hit += sum(o["id"] in i["key"] for o in longest) / k
            chance += k / len(i["options"])
        print(f"select-all cue: mean length right {sum(right) / len(right):.1f}, wrong {sum(wrong) / len(wrong):.1f} characters; "
              f"choosing the k longest options finds {hit / len(multi):.1%} of the right ones (chance {chance / len(multi):.1%})")
    ordered = [i for i in te if i["type"] == "ordered"]
    if ordered:
        first_shown = sum(i["key"][0] == i["options"][0]["id"] for i in ordered)
        pairs_kept = sum(sum(1 for a, b in zip(i["key"], i["key"][1:])
                             if [o["id"] for o in i["options"]].index(a) < [o["id"] for o in i["options"]].index(b))
                         for i in ordered)
        pairs = sum(len(i["key"]) - 1 for i in ordered)
        print(f"ordering cue: the first step is shown first in {first_shown} of {len(ordered)} items; "
              f"submitting the display order earns {pairs_kept / pairs:.1%} of the adjacent pairs")
    print("ids: " + " ".join(i["id"] for i in te))

    for p in problems:
        print(p)
    print(f"{len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "item-bank/emr-practice.json"))
