"""Table 6 computed independently of benchtop, from a validation-set JSON.

Usage: agreement_check.py SET.json TABLE6.json [PUBLISHED.json]
SET.json: items with human_subcategory and judge_subcategory; TABLE6.json:
`benchtop table 6 --format json`; PUBLISHED.json: the paper's
judge_validation_metrics.json.  Prints one line per mismatch; exit 1 if any.
"""
import json
import sys

items = json.load(open(sys.argv[1], encoding="utf-8"))
tables = json.load(open(sys.argv[2], encoding="utf-8"))
pairs = [(x["human_subcategory"], x["judge_subcategory"]) for x in items
         if x.get("human_subcategory") and x.get("judge_subcategory")]
n = len(pairs)
classes = sorted({c for p in pairs for c in p})
acc = sum(h == j for h, j in pairs) / n
pe = sum(sum(h == c for h, _ in pairs) / n * sum(j == c for _, j in pairs) / n for c in classes)
kappa = (acc - pe) / (1 - pe)
per = {}
for c in classes:
    tp = sum(h == c and j == c for h, j in pairs)
    pred = sum(j == c for _, j in pairs)
    sup = sum(h == c for h, _ in pairs)
    p = tp / pred if pred else 0.0
    r = tp / sup if sup else 0.0
    per[c] = (p, r, 2 * p * r / (p + r) if p + r else 0.0, sup)
macro = sum(v[2] for v in per.values()) / len(per)

bad = []


def same(what, got, want):
    if round(want, 4) != got:
        bad.append(f"{what}: benchtop {got}, computed {want:.6f}")


summary = tables[0]["rows"][0]
if summary["items"] != n:
    bad.append(f"items: benchtop {summary['items']}, computed {n}")
same("accuracy", summary["accuracy"], acc)
same("kappa", summary["kappa"], kappa)
same("macro_f1", summary["macro_f1"], macro)
rows = {r["key"]: r for r in tables[1]["rows"]}
if set(rows) != set(classes):
    bad.append(f"categories: benchtop {sorted(rows)}, computed {classes}")
for c, (p, r, f, sup) in per.items():
    if c not in rows:
        continue
    same(c + " precision", rows[c]["precision"], p)
    same(c + " recall", rows[c]["recall"], r)
    same(c + " f1", rows[c]["f1"], f)
    if rows[c]["support"] != sup:
        bad.append(f"{c} support: benchtop {rows[c]['support']}, computed {sup}")
for row in tables[2]["rows"]:
    for c in classes:
        want = sum(h == row["label"] and j == c for h, j in pairs)
        if row.get(c) != want:
            bad.append(f"confusion {row['label']} -> {c}: benchtop {row.get(c)}, computed {want}")
if len(sys.argv) > 3:
    pub = json.load(open(sys.argv[3], encoding="utf-8"))
    same("published accuracy", summary["accuracy"], pub["accuracy"])
    same("published kappa", summary["kappa"], pub["kappa"])
    same("published macro_f1", summary["macro_f1"], pub["macro_f1"])
    for c, v in pub["per_category"].items():
        for k in ("precision", "recall", "f1"):
            same(f"published {c} {k}", rows.get(c, {}).get(k), v[k])
        if rows.get(c, {}).get("support") != v["support"]:
            bad.append(f"published {c} support {v['support']}")
print("\n".join(bad))
sys.exit(1 if bad else 0)
