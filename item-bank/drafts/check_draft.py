import json, sys, re, statistics, collections
path = sys.argv[1]
errs = []
d = json.load(open(path, encoding="utf-8"))
if set(d) != {"enemyGroups", "items"}: errs.append(f"top-level keys must be enemyGroups, items; got {sorted(d)}")
groups = {g["id"] for g in d.get("enemyGroups", [])}
for g in d.get("enemyGroups", []):
    if set(g) != {"id", "description"}: errs.append(f"enemy group {g} must have id, description")
fields = ["id","domain","type","status","topic","tags","stem","options","key","rationale","irt"]
tags_ok = {"scope","sequence","pediatric","geriatric","obstetric","reading","safety","certification","legal","behavioral"}
ids = set(); keys = collections.Counter(); status = collections.Counter(); bs=[]; used_groups=collections.Counter(); stems=set()
for it in d["items"]:
    iid = it.get("id", "?")
    ks = list(it.keys())
    extra = set(ks) - set(fields) - {"enemyGroup"}
    missing = set(fields) - set(ks)
    if extra: errs.append(f"{iid}: unknown fields {extra}")
    if missing: errs.append(f"{iid}: missing fields {missing}")
    if iid in ids: errs.append(f"{iid}: duplicate id")
    ids.add(iid)
    if not re.fullmatch(r"[A-Z]{3}-\d{4}", iid): errs.append(f"{iid}: id format")
    if it.get("type") != "single": errs.append(f"{iid}: type must be single")
    if it.get("status") not in ("scored","pilot"): errs.append(f"{iid}: status")
    status[it.get("status")] += 1
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", it.get("topic","")): errs.append(f"{iid}: topic format")
    for t in it.get("tags", []):
        if t not in tags_ok: errs.append(f"{iid}: unknown tag {t}")
    opts = it.get("options", [])
    if [o.get("id") for o in opts] != ["A","B","C","D"]: errs.append(f"{iid}: options must be A,B,C,D")
    for o in opts:
        if set(o) != {"id","text"} or not o.get("text","").strip(): errs.append(f"{iid}: option {o.get('id')} malformed")
    texts = [o.get("text","").strip().lower() for o in opts]
    if len(set(texts)) != 4: errs.append(f"{iid}: duplicate option texts")
    for t in texts:
        if "all of the above" in t or "none of the above" in t or re.search(r"\bboth [a-d] and [a-d]\b", t): errs.append(f"{iid}: banned option form")
    if it.get("key") not in ("A","B","C","D"): errs.append(f"{iid}: key")
    keys[it.get("key")] += 1
    if len(it.get("stem","")) < 25: errs.append(f"{iid}: stem too short")
    if it.get("stem","").strip().lower() in stems: errs.append(f"{iid}: duplicate stem")
    stems.add(it.get("stem","").strip().lower())
    if len(it.get("rationale","")) < 40: errs.append(f"{iid}: rationale too short")
    irt = it.get("irt", {})
    if set(irt) != {"model","a","b","c","d"}: errs.append(f"{iid}: irt fields must be model,a,b,c,d")
    else:
        if irt["model"] != "3PL": errs.append(f"{iid}: model must be 3PL")
        if not (0.6 <= irt["a"] <= 2.0): errs.append(f"{iid}: a out of 0.6-2.0")
        if not (-3 <= irt["b"] <= 3): errs.append(f"{iid}: b out of -3..3")
        if not (0.15 <= irt["c"] <= 0.25): errs.append(f"{iid}: c out of 0.15-0.25")
        if irt["d"] != 1.0: errs.append(f"{iid}: d must be 1.0")
        bs.append(irt["b"])
    if "enemyGroup" in it:
        if it["enemyGroup"] not in groups: errs.append(f"{iid}: enemyGroup {it['enemyGroup']} not declared")
        used_groups[it["enemyGroup"]] += 1
for g in groups:
    if used_groups[g] < 2: errs.append(f"enemy group {g} has fewer than 2 items")
for e in errs: print("ERROR", e)
n = len(d["items"])
print(f"items={n} status={dict(status)} keys={dict(keys)} b_mean={statistics.mean(bs):.2f} b_sd={statistics.pstdev(bs):.2f} groups={len(groups)}")
print("OK" if not errs else f"{len(errs)} errors")
