#!/usr/bin/env python3
"""An independent implementation of the benchmark's global_stats.csv (spec
sections 1, 2.3 and 4), for the round-trip test: it walks a results tree
itself (newest date folder, every run_* folder, the newest Newman CSV read
with Python's csv module and counted as upstream counts), takes each
attempt's verifier outcomes from benchtop-gen's ground-truth manifest (what
the generator meant its patches to do), and prints global_stats.csv.
Nothing here comes from benchtop.  Means are statistics.mean (exact sums),
as upstream's are."""
import csv
import json
import math
import os
import statistics
import sys
from collections import defaultdict


def count_csv(path):
    """Sum the counts as upstream does: empty cells are 0, a row with a
    count that is not an integer is left at the point it broke."""
    t = p = f = 0
    with open(path, newline="", encoding="utf-8", errors="replace") as fh:
        for row in csv.DictReader(fh):
            try:
                t += int(row.get("totalAssertions", 0) or 0)
                p += int(row.get("executedCount", 0) or 0)
                f += int(row.get("failedCount", 0) or 0)
            except (ValueError, TypeError):
                continue
    return t, p, f


def walk(results, verdicts):
    """(agent, model) -> (runtime, task) -> [(raw, strict, succeeded)]"""
    runs = defaultdict(lambda: defaultdict(list))
    for rt in ("node", "uv"):
        base = os.path.join(results, rt)
        if not os.path.isdir(base):
            continue
        for agent in sorted(os.listdir(base)):
            for model in sorted(os.listdir(os.path.join(base, agent))):
                mdir = os.path.join(base, agent, model)
                for task in sorted(os.listdir(mdir)):
                    tdir = os.path.join(mdir, task)
                    dates = sorted((d for d in os.listdir(tdir)
                                    if os.path.isdir(os.path.join(tdir, d))), reverse=True)
                    if not dates:
                        continue
                    ddir = os.path.join(tdir, dates[0])
                    for run in sorted(os.listdir(ddir)):
                        if not run.startswith("run_"):
                            continue
                        rdir = os.path.join(ddir, run)
                        csvs = sorted(x for x in os.listdir(rdir)
                                      if x.startswith("newman-run-report-") and x.endswith(".csv"))
                        # upstream takes whichever the filesystem lists first;
                        # benchtop (and so this test) the newest by name
                        t, p, f = count_csv(os.path.join(rdir, csvs[-1])) if csvs else (0, 0, 0)
                        raw = p / t if t > 0 else 0.0
                        ok = verdicts[(agent, model, rt, task, int(run[4:]))]
                        tests = f == 0 and t > 0
                        runs[(agent, model)][(rt, task)].append((raw, raw if ok else 0.0, tests and ok))
    return runs


def pass_at_k(n, c, k):
    if n == 0:
        return 0.0
    if n < k:
        return 1.0 if c > 0 else 0.0
    return 1.0 - math.comb(n - c, k) / math.comb(n, k)


def main(results, truth_path):
    truth = json.load(open(truth_path))
    verdicts = {(a["agent"], a["model"], a["folder"], a["task"], a["attempt"]):
                all(v["ok"] for v in a["verifiers"].values())
                for a in truth["attempts"] if a["kind"] == "generation"}
    runs = walk(results, verdicts)
    out = ["agent,model,granularity,group,n_constraints,pass_at_1,pass_at_3,pass_power_3,"
           "passed_assertions_perc,strict_assertions_perc,n_succeeded,n_executed"]
    for (agent, model) in sorted(runs):
        tasks = []
        for (folder, name), atts in runs[(agent, model)].items():
            parts = name.split("-")
            cons = [] if parts[2:] == ["unconstrained"] else parts[2:]
            n, c = len(atts), sum(1 for x in atts if x[2])
            tasks.append(dict(fw=parts[0], rt=folder, level=len(cons), cons=set(cons),
                              p1=pass_at_k(n, c, 1), p3=pass_at_k(n, c, 3),
                              pw=(c / n) ** 3 if n else 0.0,
                              raw=statistics.mean(x[0] for x in atts),
                              strict=statistics.mean(x[1] for x in atts), c=c, n=n))

        def rows(gran, key):
            groups = defaultdict(list)
            for t in tasks:
                for g in key(t):
                    groups[g].append(t)
            for g in sorted(groups):
                ts = groups[g]
                name, level = g if isinstance(g, tuple) else (g, "")
                out.append(",".join([agent, model, gran, name, str(level)] + [
                    "%.4f" % statistics.mean(t[f] for t in ts)
                    for f in ("p1", "p3", "pw", "raw", "strict")] + [
                    str(sum(t["c"] for t in ts)), str(sum(t["n"] for t in ts))]))

        rows("framework", lambda t: [t["fw"]])
        rows("framework", lambda t: [(t["fw"], t["level"])])
        rows("runtime", lambda t: [t["rt"]])
        rows("runtime", lambda t: [(t["rt"], t["level"])])
        rows("global", lambda t: ["all"])
        rows("global", lambda t: [("all", t["level"])])
        rows("constraint_type", lambda t: sorted(t["cons"]))
        rows("framework_constraint", lambda t: sorted(t["fw"] + ":" + c for c in t["cons"]))
    sys.stdout.write("".join(line + "\r\n" for line in out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
