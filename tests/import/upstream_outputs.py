#!/usr/bin/env python3
"""An independent computation of every output of the benchmark's scripts
that benchtop reproduces (spec sections 1.6, 4.3 and 4.5-4.8), for the
export and table tests.  It walks a results tree itself (newest date folder,
every run_* folder, the newest Newman CSV counted by upstream_stats.py's
count_csv), classifies each attempt's termination and counts its tokens from
the trajectory files as section 1.6 and 4.8 describe, and takes the verifier
outcomes from benchtop-gen's ground-truth manifest.  Nothing here comes from
benchtop.

    upstream_outputs.py TREE TRUTH export OUTDIR       the seven upstream CSVs
    upstream_outputs.py TREE TRUTH decay|termination|termination-level|
                        table1|sem|subset|subset-pipeline|tokens|cost [PRICES]|
                        limits (limit hits: generation attempts, all attempts)
    --exclude-limits (before the command) leaves out LimitsExceeded attempts.

Each table is printed as benchtop prints it with --format csv."""
import json
import math
import os
import statistics
import sys
from collections import defaultdict

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from upstream_stats import count_csv, pass_at_k  # noqa: E402

FEATURE_DIRS = ("aiohttp", "django", "express", "fastapi", "fastify", "flask", "honojs", "koa")
FULL = [("mini_swe_sdk", "gpt-5-mini"), ("openhands_sdk", "gpt-5-mini"),
        ("mini_swe_sdk", "qwen3-coder-next"), ("openhands_sdk", "qwen3-coder-next"),
        ("mini_swe_sdk", "qwen3-235b"), ("openhands_sdk", "qwen3-235b"),
        ("mini_swe_sdk", "minimax-m2.5"), ("mini_swe_sdk", "gpt-5.4")]
SUBSET = [("openhands_sdk", "minimax-m2.5"), ("mini_swe_sdk", "Kimi-K2.5"),
          ("mini_swe_sdk", "gpt-5.2")]
AGENTS = {"mini_swe_sdk": "Mini-SWE", "openhands_sdk": "OpenHands"}
MODELS = {"gpt-5-mini": "GPT-5-mini", "gpt-5.2": "GPT-5.2", "gpt-5.4": "GPT-5.4",
          "minimax-m2.5": "MiniMax-M2.5", "qwen3-coder-next": "Qwen3-Coder",
          "qwen3-235b": "Qwen3-235B-A22B", "Kimi-K2.5": "Kimi-K2.5",
          "devstral-small": "Devstral-Small"}
FW_DISPLAY = {"aiohttp": "aiohttp", "django": "Django", "fastapi": "FastAPI", "flask": "Flask",
              "express": "Express", "fastify": "Fastify", "hono": "Hono", "koa": "Koa"}
PRICES = {"gpt-5-mini": (1.50, 6.00), "gpt-5.2": (10.00, 30.00),
          "qwen3-coder-next": (0.50, 2.00), "minimax-m2.5": (0.50, 2.00),
          "Kimi-K2.5": (0.50, 2.80), "qwen3-235b": (0.50, 2.00),
          "devstral-small": (0.25, 1.00)}
REASONS = ["Submitted", "LimitsExceeded", "Error", "NoTrajectory", "Unknown"]


def load_json(path):
    try:
        with open(path, "rb") as fh:
            return json.loads(fh.read().decode("utf-8"))
    except (OSError, ValueError):
        return None


def trajectory(rdir):
    """(termination, tokens_in, tokens_out, calls, cost, approximate) per 1.6 and 4.8."""
    mini = os.path.join(rdir, "mini", "trajectory.json")
    if os.path.isdir(os.path.join(rdir, "mini")):
        d = load_json(mini)
        if not isinstance(d, dict):
            return ("NoTrajectory", None, None, None, None, True)
        st = d.get("status")
        term = ("Unknown" if not st else "Submitted" if st == "Submitted" else
                "LimitsExceeded" if st == "LimitsExceeded" else "Error")
        seen = tin = tout = calls = 0
        for m in d.get("trajectories") or []:
            tok = (len((m.get("content") or "").encode("utf-8")) + 3) // 4
            if m.get("role") == "assistant":
                tin += seen
                tout += tok
                calls += 1
            seen += tok
        cost = d.get("cost")
        if calls == 0:
            return (term, None, None, None, cost, True)
        return (term, tin, tout, calls, cost, True)
    for sub in sorted(os.listdir(rdir)):
        base = load_json(os.path.join(rdir, sub, "base_state.json"))
        if base is None:
            continue
        evdir = os.path.join(rdir, sub, "events")
        evs = sorted(x for x in os.listdir(evdir) if x.startswith("event-")) if os.path.isdir(evdir) else []
        last = load_json(os.path.join(evdir, evs[-1])) if evs else None
        last = last if isinstance(last, dict) else {}
        status = base.get("execution_status")
        if last.get("tool_name") == "finish" or (last.get("observation") or {}).get("kind") == "FinishObservation":
            term = "Submitted"
        elif status in ("running", "stuck", "idle", "finished"):
            term = "LimitsExceeded"
        elif status == "error":
            term = "Error"
        else:
            term = "Unknown"
        stats = base["stats"]["usage_to_metrics"]["default"]
        use = stats["accumulated_token_usage"]
        return (term, use["prompt_tokens"], use["completion_tokens"], len(stats["token_usages"]),
                stats.get("accumulated_cost"), False)
    return ("NoTrajectory", None, None, None, None, False)


def newest_date(tdir, feature):
    ds = sorted((d for d in os.listdir(tdir) if os.path.isdir(os.path.join(tdir, d))
                 and (not feature or (len(d) >= 10 and d[4] == "-" and d[7] == "-"))), reverse=True)
    return os.path.join(tdir, ds[0]) if ds else None


def walk(results, truth, exclude_limits):
    """Every attempt as a dict, in upstream's walk order."""
    verdicts = {(a["agent"], a["model"], a["folder"], a["task"], a["attempt"]): a["verifiers"]
                for a in truth["attempts"]}
    out = []
    for folder in ("node", "uv") + FEATURE_DIRS:
        feature = folder not in ("node", "uv")
        base = os.path.join(results, folder)
        if not os.path.isdir(base):
            continue
        for agent in sorted(os.listdir(base)):
            for model in sorted(os.listdir(os.path.join(base, agent))):
                mdir = os.path.join(base, agent, model)
                for task in sorted(os.listdir(mdir)):
                    ddir = newest_date(os.path.join(mdir, task), feature)
                    if not ddir:
                        continue
                    for run in sorted(os.listdir(ddir)):
                        rdir = os.path.join(ddir, run)
                        if not run.startswith("run_") or not os.path.isdir(rdir):
                            continue
                        csvs = sorted(x for x in os.listdir(rdir)
                                      if x.startswith("newman-run-report-") and x.endswith(".csv"))
                        t, p, f = count_csv(os.path.join(rdir, csvs[-1])) if csvs else (0, 0, 0)
                        term, tin, tout, calls, cost, approx = trajectory(rdir)
                        if exclude_limits and term == "LimitsExceeded":
                            continue
                        v = verdicts[(agent, model, folder, task, int(run[4:]))]
                        parts = task.split("-")
                        cons = [] if feature or parts[2:] == ["unconstrained"] else parts[2:]
                        ok = {k: int(v[k]["ok"]) if k in v else 1 for k in ("architecture", "database", "orm")}
                        raw = p / t if t > 0 else 0.0
                        tests = f == 0 and t > 0
                        vok = all(ok.values())
                        out.append(dict(agent=agent, model=model, folder=folder, task=task, run=run,
                                        feature=feature, fw=folder if feature else parts[0],
                                        cons=set(cons), level=len(cons), T=t, P=p, F=f, raw=raw,
                                        strict=raw if vok else 0.0, tests=int(tests), ok=ok,
                                        succ=int(tests and (vok or feature)), term=term, tin=tin,
                                        tout=tout, calls=calls, cost=cost, approx=approx,
                                        difficulty=next((d for d in ("simple", "intermediate", "hard")
                                                         if task.startswith(d)), "unknown")))
    return out


def tasks_of(atts):
    """(agent, model) -> [task dict] sorted by (folder, task), as compute_task_stats."""
    by = defaultdict(lambda: defaultdict(list))
    for a in atts:
        by[(a["agent"], a["model"])][(a["folder"], a["task"])].append(a)
    res = {}
    for cfg, tasks in by.items():
        res[cfg] = []
        for (folder, task), rs in sorted(tasks.items()):
            n, c = len(rs), sum(r["succ"] for r in rs)
            raws, stricts = [r["raw"] for r in rs], [r["strict"] for r in rs]
            r0 = rs[0]
            res[cfg].append(dict(folder=folder, task=task, fw=r0["fw"], level=r0["level"],
                                 cons=r0["cons"], difficulty=r0["difficulty"], n=n, c=c,
                                 p1=pass_at_k(n, c, 1), p3=pass_at_k(n, c, 3),
                                 pw=(c / n) ** 3, raw=statistics.mean(raws),
                                 raw_sd=statistics.stdev(raws) if n > 1 else 0.0,
                                 strict=statistics.mean(stricts),
                                 strict_sd=statistics.stdev(stricts) if n > 1 else 0.0))
    return res


def crlf(path, rows):
    with open(path, "w", newline="") as fh:
        fh.write("".join(",".join(str(x) for x in r) + "\r\n" for r in rows))


def f4(x):
    return "%.4f" % x


def global_rows(tasks):
    rows = []

    def agg(gran, group, ts, level=""):
        if ts:
            rows.append([gran, group, level] + [f4(statistics.mean(t[k] for t in ts))
                                                for k in ("p1", "p3", "pw", "raw", "strict")]
                        + [sum(t["c"] for t in ts), sum(t["n"] for t in ts)])

    def grouped(gran, key):
        g = defaultdict(list)
        for t in tasks:
            for k in key(t):
                g[k].append(t)
        for k in sorted(g):
            if isinstance(k, tuple):
                agg(gran, k[0], g[k], k[1])
            else:
                agg(gran, k, g[k])

    grouped("framework", lambda t: [t["fw"]])
    grouped("framework", lambda t: [(t["fw"], t["level"])])
    grouped("runtime", lambda t: [t["folder"]])
    grouped("runtime", lambda t: [(t["folder"], t["level"])])
    agg("global", "all", tasks)
    grouped("global", lambda t: [("all", t["level"])])
    grouped("constraint_type", lambda t: sorted(t["cons"]))
    grouped("framework_constraint", lambda t: sorted(t["fw"] + ":" + c for c in t["cons"]))
    return rows


def level_means(tasks, key):
    by = defaultdict(list)
    for t in tasks:
        by[t["level"]].append(t[key])
    return {lv: statistics.mean(v) for lv, v in by.items()}


def export(atts, outdir):
    gen = [a for a in atts if not a["feature"]]
    feat = [a for a in atts if a["feature"]]
    gt, ft = tasks_of(gen), tasks_of(feat)
    cfgs = sorted({(a["agent"], a["model"]) for a in gen})
    rows = [["agent", "model", "runtime", "task", "n_constraints", "run_id", "n_assertions",
             "passed_assertions", "failed_assertions", "passed_assertions_perc",
             "strict_assertions_perc", "tests_passed", "arch_compliant", "db_compliant",
             "orm_compliant", "succeeded"]]
    for cfg in cfgs:
        for a in (a for a in gen if (a["agent"], a["model"]) == cfg):
            rows.append([a["agent"], a["model"], a["folder"], a["task"], a["level"], a["run"],
                         a["T"], a["P"], a["F"], f4(a["raw"]), f4(a["strict"]), a["tests"],
                         a["ok"]["architecture"], a["ok"]["database"], a["ok"]["orm"], a["succ"]])
    crlf(os.path.join(outdir, "run_stats.csv"), rows)
    rows = [["agent", "model", "runtime", "task", "framework", "n_constraints", "pass_at_1",
             "pass_at_3", "pass_power_3", "passed_assertions_perc", "passed_assertions_std",
             "strict_assertions_perc", "strict_assertions_std", "n_succeeded", "n_executed"]]
    for cfg in cfgs:
        for t in gt[cfg]:
            rows.append(list(cfg) + [t["folder"], t["task"], t["fw"], t["level"]] +
                        [f4(t[k]) for k in ("p1", "p3", "pw", "raw", "raw_sd", "strict", "strict_sd")]
                        + [t["c"], t["n"]])
    crlf(os.path.join(outdir, "task_stats.csv"), rows)
    rows = [["agent", "model", "granularity", "group", "n_constraints", "pass_at_1", "pass_at_3",
             "pass_power_3", "passed_assertions_perc", "strict_assertions_perc", "n_succeeded",
             "n_executed"]]
    for cfg in cfgs:
        rows += [list(cfg) + r for r in global_rows(gt[cfg])]
    crlf(os.path.join(outdir, "global_stats.csv"), rows)
    rows = [["agent", "model", "step", "from_level", "to_level", "from_assert_pct",
             "to_assert_pct", "delta_assert_pct"]]
    for cfg in cfgs:
        lv = level_means(gt[cfg], "raw")
        for lo, hi in ((0, 1), (1, 2), (2, 3), (0, 3)):
            if lo in lv and hi in lv:
                rows.append(list(cfg) + ["L%d->L%d" % (lo, hi), lo, hi, f4(lv[lo]), f4(lv[hi]),
                                         f4(lv[hi] - lv[lo])])
    crlf(os.path.join(outdir, "decay_stats.csv"), rows)

    fcfgs = sorted({(a["agent"], a["model"]) for a in feat})
    rows = [["agent", "model", "framework", "task", "difficulty", "run_id", "n_assertions",
             "passed_assertions", "failed_assertions", "passed_assertions_perc", "succeeded"]]
    for cfg in fcfgs:
        for a in (a for a in feat if (a["agent"], a["model"]) == cfg):
            rows.append(list(cfg) + [a["folder"], a["task"], a["difficulty"], a["run"], a["T"],
                                     a["P"], a["F"], f4(a["raw"]), a["succ"]])
    crlf(os.path.join(outdir, "feature_run_stats.csv"), rows)
    rows = [["agent", "model", "framework", "task", "difficulty", "pass_at_1",
             "passed_assertions_perc", "n_succeeded", "n_executed"]]
    for cfg in fcfgs:
        for t in ft[cfg]:
            rows.append(list(cfg) + [t["folder"], t["task"], t["difficulty"], f4(t["p1"]),
                                     f4(t["raw"]), t["c"], t["n"]])
    crlf(os.path.join(outdir, "feature_task_stats.csv"), rows)
    rows = [["agent", "model", "granularity", "group", "pass_at_1", "passed_assertions_perc",
             "n_succeeded", "n_executed"]]
    for cfg in fcfgs:
        ts = ft[cfg]

        def agg(gran, group, sel):
            if sel:
                rows.append(list(cfg) + [gran, group, f4(statistics.mean(t["p1"] for t in sel)),
                                         f4(statistics.mean(t["raw"] for t in sel)),
                                         sum(t["c"] for t in sel), sum(t["n"] for t in sel)])
        for fw in sorted({t["folder"] for t in ts}):
            agg("framework", fw, [t for t in ts if t["folder"] == fw])
        for d in ("simple", "intermediate", "hard"):
            agg("difficulty", d, [t for t in ts if t["difficulty"] == d])
        for fw, d in sorted({(t["folder"], t["difficulty"]) for t in ts}):
            agg("framework_difficulty", fw + ":" + d,
                [t for t in ts if t["folder"] == fw and t["difficulty"] == d])
        agg("global", "all", ts)
    crlf(os.path.join(outdir, "feature_global_stats.csv"), rows)


def ordered_cfgs(atts):
    """benchtop's table order: the paper's full configurations, the subset ones, the rest."""
    cfgs = {(a["agent"], a["model"]) for a in atts if not a["feature"]}

    def key(c):
        if c in FULL:
            return (0, FULL.index(c), "", "")
        if c in SUBSET:
            return (1, SUBSET.index(c), "", "")
        return (2, 0) + c
    return sorted(cfgs, key=key)


def display(cfg):
    return "%s %s%s" % (AGENTS.get(cfg[0], cfg[0]), MODELS.get(cfg[1], cfg[1]),
                        "*" if cfg in SUBSET else "")


def name(cfg):
    return "%s/%s" % cfg


def num(x):
    return "" if x is None else "%.4f" % x


def out_csv(rows):
    sys.stdout.write("".join(",".join(str(x) for x in r) + "\n" for r in rows))


def decay(atts):
    gt = tasks_of([a for a in atts if not a["feature"]])
    rows = [["configuration", "run", "l0_l1", "l1_l2", "l2_l3", "l0_l3"]]
    steps = defaultdict(list)
    for cfg in ordered_cfgs(atts):
        lv = level_means(gt[cfg], "raw")
        row = [display(cfg), name(cfg)]
        for lo, hi in ((0, 1), (1, 2), (2, 3), (0, 3)):
            if lo in lv and hi in lv:
                steps[lo, hi].append(lv[hi] - lv[lo])
                row.append(num((lv[hi] - lv[lo]) * 100))
            else:
                row.append("")
        rows.append(row)
    rows.append(["Average", ""] + [num(statistics.mean(steps[s]) * 100) if steps[s] else ""
                                   for s in ((0, 1), (1, 2), (2, 3), (0, 3))])
    out_csv(rows)


def termination(atts, by_level):
    gen = [a for a in atts if not a["feature"]]
    keys = ["submitted", "limits_exceeded", "error", "no_trajectory", "unknown"]
    head = ["configuration", "run"] + (["level"] if by_level else []) + ["attempts"]
    for k in keys:
        head += [k, k + "_pct"]
    rows = [head]

    def row(first, sel):
        r = first + [len(sel)]
        for reason in REASONS:
            n = sum(1 for a in sel if a["term"] == reason)
            r += [n, num(n / len(sel) * 100)]
        rows.append(r)
    for cfg in ordered_cfgs(atts):
        mine = [a for a in gen if (a["agent"], a["model"]) == cfg]
        if by_level:
            for lv in sorted({a["level"] for a in mine}):
                row([display(cfg), name(cfg), "L%d" % lv], [a for a in mine if a["level"] == lv])
        else:
            row([display(cfg), name(cfg)], mine)
    row(["All", ""] + ([""] if by_level else []), gen)
    out_csv(rows)


def table1(atts):
    gt = tasks_of([a for a in atts if not a["feature"]])
    rows = [["configuration", "run", "l0_a", "l0_pass1", "l1_a", "l1_pass1", "l2_a", "l2_pass1",
             "l3_a", "l3_pass1", "delta_a"]]
    for cfg in ordered_cfgs(atts):
        a, p = level_means(gt[cfg], "strict"), level_means(gt[cfg], "p1")
        r = [display(cfg), name(cfg)]
        for lv in range(4):
            r += [num(a[lv] * 100), num(p[lv] * 100)] if lv in a else ["", ""]
        r.append(num(a[3] * 100 - a[0] * 100) if 0 in a and 3 in a else "")
        rows.append(r)
    out_csv(rows)


def sem(atts):
    """Table 8 with the run-level mean, SEM and n (compute_sem.py) per cell."""
    gen = [a for a in atts if not a["feature"]]
    gt = tasks_of(gen)
    cols = [c for c in FULL if c in gt]
    head = ["framework"]
    for c in cols:
        head += ["%s a_pct" % name(c), "%s pass_at_1" % name(c), "%s run_mean" % name(c),
                 "%s run_sem" % name(c), "%s runs" % name(c)]
    rows = []
    for fw in FW_DISPLAY:
        r, cells = [FW_DISPLAY[fw]], []
        for c in cols:
            ts = [t for t in gt[c] if t["fw"] == fw]
            if not ts:
                r += [""] * 5
                continue
            a = statistics.mean(t["strict"] for t in ts) * 100
            cells.append(a)
            vals = [x["strict"] for x in gen if (x["agent"], x["model"]) == c and x["fw"] == fw]
            s = statistics.stdev(vals) / math.sqrt(len(vals)) if len(vals) > 1 else 0.0
            r += [num(a), num(statistics.mean(t["p1"] for t in ts) * 100),
                  num(statistics.mean(vals) * 100), num(s * 100), len(vals)]
        if cells:
            rows.append((-statistics.mean(cells), fw, r + [num(statistics.mean(cells))]))
    out_csv([head + ["avg_a_pct"]] + [r for _, _, r in sorted(rows)])


def pearson(x, y):
    mx, my = statistics.mean(x), statistics.mean(y)
    cov = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sx = math.sqrt(sum((a - mx) ** 2 for a in x))
    sy = math.sqrt(sum((b - my) ** 2 for b in y))
    return max(-1.0, min(1.0, cov / (sx * sy)))


def ranks(v):
    order = sorted(range(len(v)), key=lambda i: v[i])
    r = [0.0] * len(v)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and v[order[j + 1]] == v[order[i]]:
            j += 1
        for k in range(i, j + 1):
            r[order[k]] = (i + j) / 2.0 + 1.0
        i = j + 1
    return r


def subset(atts, pipeline_only):
    gt = tasks_of([a for a in atts if not a["feature"]])
    union = {t["task"] for ts in gt.values() for t in ts}
    sub_fw = {"aiohttp", "fastapi", "express", "fastify"}
    pipe = set()
    for fw, orm in (("aiohttp", "sqlalchemy"), ("fastapi", "sqlalchemy"),
                    ("express", "sequelize"), ("fastify", "sequelize")):
        pipe |= {fw + "-openapi-unconstrained", fw + "-openapi-clean_architecture",
                 fw + "-openapi-clean_architecture-postgres",
                 fw + "-openapi-clean_architecture-postgres-" + orm}
    rows = [["configuration", "run"] + ["%s_l%d" % (k, lv) for k in ("full", "subset", "delta")
                                        for lv in range(4)]]
    deltas, xs, ys = defaultdict(list), [], []
    for cfg in ordered_cfgs(atts):
        names = {t["task"] for t in gt[cfg]}
        if cfg[1] == "devstral-small" or not pipe <= names or len(names) < 0.9 * len(union):
            continue
        full = {lv: v * 100 for lv, v in level_means(gt[cfg], "strict").items()}
        sel = [t for t in gt[cfg] if (t["task"] in pipe if pipeline_only else t["fw"] in sub_fw)]
        sub = {lv: v * 100 for lv, v in level_means(sel, "strict").items()}
        r = [display(cfg), name(cfg)] + [num(full.get(lv)) for lv in range(4)] + \
            [num(sub.get(lv)) for lv in range(4)]
        for lv in range(4):
            if lv in full and lv in sub:
                deltas[lv].append(full[lv] - sub[lv])
                xs.append(full[lv])
                ys.append(sub[lv])
                r.append(num(full[lv] - sub[lv]))
            else:
                r.append("")
        rows.append(r)
    rows.append(["MAE", ""] + [""] * 8 + [num(statistics.mean(abs(d) for d in deltas[lv]))
                                          if deltas[lv] else "" for lv in range(4)])
    out_csv(rows)
    print()
    out_csv([["statistic", "value", "pairs"], ["Pearson r", num(pearson(xs, ys)), len(xs)],
             ["Spearman rho", num(pearson(ranks(xs), ranks(ys))), len(xs)]])


def tokens(atts):
    gen = [a for a in atts if not a["feature"] and a["tin"] is not None]
    rows = [["configuration", "run", "level", "runs", "input", "output", "calls", "total_input",
             "total_output", "counts"]]

    def row(first, sel, approx):
        rows.append(first + [len(sel), num(statistics.mean(a["tin"] for a in sel)),
                             num(statistics.mean(a["tout"] for a in sel)),
                             num(statistics.mean(a["calls"] for a in sel)),
                             sum(a["tin"] for a in sel), sum(a["tout"] for a in sel),
                             "approximate" if approx else "exact"])
    for cfg in ordered_cfgs(atts):
        mine = [a for a in gen if (a["agent"], a["model"]) == cfg]
        approx = any(a["approx"] for a in mine)
        for lv in sorted({a["level"] for a in mine}):
            row([display(cfg), name(cfg), "L%d" % lv], [a for a in mine if a["level"] == lv], approx)
        row([display(cfg), name(cfg), "all"], mine, approx)
    if len({(a["agent"], a["model"]) for a in gen}) < 2:
        return out_csv(rows)
    approx = any(a["approx"] for a in gen)
    for lv in sorted({a["level"] for a in gen}):
        row(["All", "", "L%d" % lv], [a for a in gen if a["level"] == lv], approx)
    row(["All", "", "all"], gen, approx)
    out_csv(rows)


def cost(atts, prices):
    gen = [a for a in atts if not a["feature"] and a["tin"] is not None]
    rows = [["configuration", "run", "runs", "input", "output", "price_in", "price_out",
             "cost_per_run", "total_cost", "source", "counts"]]
    for cfg in ordered_cfgs(atts):
        mine = [a for a in gen if (a["agent"], a["model"]) == cfg]
        if not mine:
            continue
        price = prices.get(cfg[1])
        costs, n_rec, n_priced = [], 0, 0
        for a in mine:
            if a["cost"]:
                costs.append(a["cost"])
                n_rec += 1
            elif price:
                costs.append(a["tin"] * (price[0] / 1e6) + a["tout"] * (price[1] / 1e6))
                n_priced += 1
        src = "recorded+prices" if n_rec and n_priced else "recorded" if n_rec else \
            "prices" if n_priced else ""
        rows.append([display(cfg), name(cfg), len(mine), num(statistics.mean(a["tin"] for a in mine)),
                     num(statistics.mean(a["tout"] for a in mine)),
                     num(price[0]) if price else "", num(price[1]) if price else "",
                     num(statistics.mean(costs)) if costs else "", num(sum(costs)) if costs else "",
                     src, "approximate" if any(a["approx"] for a in mine) else "exact"])
    out_csv(rows)


def main(argv):
    exclude = "--exclude-limits" in argv
    argv = [a for a in argv if a != "--exclude-limits"]
    results, truth_path, cmd = argv[0], argv[1], argv[2]
    truth = json.load(open(truth_path))
    atts = walk(results, truth, exclude)
    if cmd == "export":
        export(atts, argv[3])
    elif cmd == "decay":
        decay(atts)
    elif cmd in ("termination", "termination-level"):
        termination(atts, cmd == "termination-level")
    elif cmd == "table1":
        table1(atts)
    elif cmd == "sem":
        sem(atts)
    elif cmd in ("subset", "subset-pipeline"):
        subset(atts, cmd == "subset-pipeline")
    elif cmd == "tokens":
        tokens(atts)
    elif cmd == "limits":
        every = walk(results, truth, False)
        print(sum(a["term"] == "LimitsExceeded" and not a["feature"] for a in every),
              sum(a["term"] == "LimitsExceeded" for a in every))
    elif cmd == "cost":
        prices = dict(PRICES)
        for spec in argv[3:]:
            m, v = spec.split("=")
            prices[m] = tuple(float(x) for x in v.split(","))
        cost(atts, prices)


if __name__ == "__main__":
    main(sys.argv[1:])
