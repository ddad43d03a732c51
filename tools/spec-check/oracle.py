#!/usr/bin/env python3
"""A second, independent reading of docs/spec/metrics.md and data-contract.md, in plain Python
(standard library only), written without looking at Pulse's SQL. It reads a data folder straight
from the CSV files and prints, as JSON, what `pulse metrics --metric all --by GRAIN[,DIMS]` should
print: [{metric, group, value, n, ci_low, ci_high[, share]}].

usage: oracle.py DATA_DIR TIME_ZONE DIMS GRAIN      (DIMS: comma list or ""; GRAIN: year|quarter|month|week|none)

Known, deliberate differences from Pulse (compare.py allows them):
- cost_per_ticket of a period with tickets but no cost rows: 0 here (an empty sum), null in Pulse
  (no cost data is not a cost of nothing)."""
import csv, json, math, os, sys, datetime as dt
from zoneinfo import ZoneInfo
from collections import defaultdict

data, tzname = sys.argv[1], sys.argv[2]
dims = sys.argv[3].split(",") if len(sys.argv) > 3 and sys.argv[3] else []
GRAIN = sys.argv[4] if len(sys.argv) > 4 else "quarter"
# --from/--to: inclusive local days (environment FROM and TO, YYYY-MM-DD); rows outside are left out.
FROM = dt.date.fromisoformat(os.environ["FROM"]) if os.environ.get("FROM") else None
TO = dt.date.fromisoformat(os.environ["TO"]) if os.environ.get("TO") else None
tz = ZoneInfo(tzname)
SLA = {"p1": (15 * 60, 4 * 3600), "p2": (3600, 8 * 3600), "p3": (4 * 3600, 24 * 3600)}

READ, LOADED = {}, {}
def read(name):
    try:
        with open(f"{data}/{name}", newline="", encoding="utf-8-sig") as f:
            rows = list(csv.DictReader(f))
    except FileNotFoundError:
        return []
    READ[name] = len(rows)
    out = []
    for r in rows:
        out.append({k.strip().lower(): (None if v is None or v.strip() == "" else v.strip()) for k, v in r.items()})
    return out

def ts(v):
    if v is None: return None
    v = v.replace("Z", "+00:00")
    t = dt.datetime.fromisoformat(v)
    if t.tzinfo is None:
        # A wall time the zone skips or repeats (DST) is read as standard time, as PostgreSQL and DuckDB do.
        early, late = t.replace(tzinfo=tz, fold=0), t.replace(tzinfo=tz, fold=1)
        t = late if early.dst() and not late.dst() else early
    return t.astimezone(dt.timezone.utc)

def boolean(v, default=None):
    if v is None: return default
    return v.lower() in ("true", "yes", "1")

def period_of_local(t):
    return period_of_date(t.astimezone(tz).date())

def period_of_date(d):
    if FROM and d < FROM or TO and d > TO: return None  # outside the asked range
    if GRAIN == "none": return "all"
    if GRAIN == "quarter": return f"{d.year}-Q{(d.month - 1) // 3 + 1}"
    if GRAIN == "month": return f"{d.year}-{d.month:02d}"
    if GRAIN == "year": return f"{d.year}"
    iso = d.isocalendar(); return f"{iso[0]}-W{iso[1]:02d}"

def period_bounds(q):
    start, end = unclipped_period_bounds(q)
    return max(start, FROM) if FROM else start, min(end, TO) if TO else end

def unclipped_period_bounds(q):
    if GRAIN == "none" and FROM and TO:
        return FROM, TO
    if GRAIN == "none":  # the data's own span: the first and last local day with an event (costs aside)
        days = [t["_c"].astimezone(tz).date() for t in tickets] + [ts(s["responded_at"]).astimezone(tz).date() for s in surveys]
        days += [i["_o"].astimezone(tz).date() for i in interactions] + [ts(q["reviewed_at"]).astimezone(tz).date() for q in qa]
        days += [dt.date.fromisoformat(g["date"]) for g in activity]
        return min(days), max(days)
    if GRAIN == "week":
        y, w = int(q[:4]), int(q[6:]); start = dt.date.fromisocalendar(y, w, 1); return start, start + dt.timedelta(days=6)
    if GRAIN == "year":
        return dt.date(int(q), 1, 1), dt.date(int(q), 12, 31)
    if GRAIN == "month":
        y, m = int(q[:4]), int(q[5:]); start = dt.date(y, m, 1)
        return start, dt.date(y + (m == 12), 1 if m == 12 else m + 1, 1) - dt.timedelta(days=1)
    y, n = int(q[:4]), int(q[-1])
    start = dt.date(y, 3 * (n - 1) + 1, 1)
    end = (dt.date(y + (n == 4), 1 if n == 4 else 3 * n + 1, 1) - dt.timedelta(days=1))
    return start, end

first_spelling = {}
def canon(col, v):
    if v is None: return None
    key = (col, v.lower())
    return first_spelling.setdefault(key, v)

accounts = {}
for a in read("accounts.csv"):
    try:
        assert a["account_id"] and a["type"].lower() in ("customer", "partner") and a["account_id"] not in accounts
        for c in ("started_at", "ended_at"):
            if a.get(c): dt.date.fromisoformat(a[c])
        accounts[a["account_id"]] = a
    except Exception:
        pass
LOADED["accounts.csv"] = len(accounts)
for a in accounts.values():
    a["type"] = a["type"].lower()
    for c in ("segment", "tier", "region"):
        a[c] = canon(c, a.get(c))
def valid(rows, key, checks):
    """The rows that keep the contract; of rows with the same key the first good one (key: column names)."""
    seen, out = set(), []
    for r in rows:
        try:
            ok = all(c(r) for c in checks)
        except Exception:
            ok = False
        k = tuple(r.get(c) for c in key)
        if ok and key and k in seen: ok = False
        if ok:
            if key: seen.add(k)
            out.append(r)
    return out
def intok(v, lo=None, hi=None):
    if v is None: return True
    x = int(v); return (lo is None or x >= lo) and (hi is None or x <= hi)
def tsok(v): ts(v); return True
tickets = valid(read("tickets.csv"), ["ticket_id"], [
    lambda t: t["ticket_id"] and t["account_id"] in accounts and ts(t["created_at"]) is not None,
    lambda t: tsok(t.get("first_response_at")) and tsok(t.get("resolved_at")) and tsok(t.get("response_due_at")) and tsok(t.get("resolution_due_at")),
    lambda t: intok(t.get("contacts"), 1) and intok(t.get("reopens"), 0) and intok(t.get("handle_seconds"), 0),
    lambda t: t.get("escalated") is None or t["escalated"].lower() in ("true","false","yes","no","1","0"),
    lambda t: (t.get("first_response_at") is None or ts(t["first_response_at"]) >= ts(t["created_at"])) and (t.get("resolved_at") is None or ts(t["resolved_at"]) >= ts(t["created_at"]))])
LOADED["tickets.csv"] = len(tickets)
for t in tickets:
    for c in ("channel", "priority", "category", "product", "journey"):
        t[c] = canon(c, t.get(c))
ticket_by_id = {t["ticket_id"]: t for t in tickets}
RANGE = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}
surveys = valid(read("surveys.csv"), ["response_id"], [
    lambda s: s["response_id"] and s["account_id"] in accounts and ts(s["responded_at"]) is not None,
    lambda s: s["kind"].lower() in RANGE and intok(s["score"], *RANGE[s["kind"].lower()]) and s["score"] is not None])
LOADED["surveys.csv"] = len(surveys)
for s in surveys:
    s["kind"] = s["kind"].lower()
    for c in ("program", "touchpoint", "product"):
        s[c] = canon(c, s.get(c))
interactions = valid(read("interactions.csv"), ["interaction_id"], [
    lambda i: i["interaction_id"] and ts(i["offered_at"]) is not None and tsok(i.get("answered_at")) and tsok(i.get("ended_at")),
    lambda i: all(intok(i.get(c), 0) for c in ("talk_seconds", "hold_seconds", "wrap_seconds")),
    lambda i: i.get("abandoned") is None or i["abandoned"].lower() in ("true","false","yes","no","1","0")])
LOADED["interactions.csv"] = len(interactions)
for i in interactions:
    for c in ("channel", "queue"):
        i[c] = canon(c, i.get(c))
activity = valid(read("agent_activity.csv"), ["agent_id", "date"], [
    lambda g: g["agent_id"] and dt.date.fromisoformat(g["date"]) and intok(g["staffed_seconds"], 0) and intok(g["handling_seconds"], 0) and g["staffed_seconds"] is not None and g["handling_seconds"] is not None])
LOADED["agent_activity.csv"] = len(activity)
for g in activity:
    g["team"] = canon("team", g.get("team"))
qa = valid(read("qa_reviews.csv"), ["review_id"], [lambda q: q["review_id"] and ts(q["reviewed_at"]) and 0 <= float(q["score"]) <= 100])
LOADED["qa_reviews.csv"] = len(qa)
costs = valid(read("costs.csv"), [], [lambda c: dt.date.fromisoformat(c["month"] + "-01") and float(c["amount"]) is not None])
LOADED["costs.csv"] = len(costs)

results = []
# metrics.md: every interval is clipped to the range the metric can take (NPS [-100, 100], a share
# [0, 100], a mean its scale, a duration [0, ...)).
RANGE = {"nps": (-100, 100), "customer_nps": (-100, 100), "partner_nps": (-100, 100), "csat": (1, 5), "ces": (1, 7),
         "qa_score": (0, 100)}
def clip(metric, lo, hi):
    if lo is None: return lo, hi
    low, high = RANGE.get(metric, (0, math.inf))
    return min(max(lo, low), high), max(min(hi, high), low)

def emit(metric, group, value, n, lo=None, hi=None):
    lo, hi = clip(metric, lo, hi)
    results.append({"metric": metric, "group": group, "value": value if n > 0 else None, "n": n,
                    "ci_low": lo if n > 0 else None, "ci_high": hi if n > 0 else None})

Z = 1.96
def wilson(s, n):
    p = s / n
    d = 1 + Z * Z / n
    c = (p + Z * Z / (2 * n)) / d
    h = Z * math.sqrt(p * (1 - p) / n + Z * Z / (4 * n * n)) / d
    return 100 * (c - h), 100 * (c + h)

def share(metric, groups, pred_rows, success):
    for g, rows in groups.items():
        rows = [r for r in rows if pred_rows(r)]
        n = len(rows)
        if n == 0: emit(metric, g, None, 0); continue
        s = sum(1 for r in rows if success(r))
        lo, hi = wilson(s, n)
        emit(metric, g, 100 * s / n, n, lo, hi)

def mean(metric, groups, pred, val):
    for g, rows in groups.items():
        vals = [val(r) for r in rows if pred(r)]
        vals = [v for v in vals if v is not None]
        n = len(vals)
        if n == 0: emit(metric, g, None, 0); continue
        m = sum(vals) / n
        if n > 1:
            sd = math.sqrt(sum((v - m) ** 2 for v in vals) / (n - 1))
            emit(metric, g, m, n, m - Z * sd / math.sqrt(n), m + Z * sd / math.sqrt(n))
        else:
            emit(metric, g, m, n)

def pct(vals, p):
    vals = sorted(vals)
    h = (len(vals) - 1) * p
    lo = math.floor(h)
    hi = min(lo + 1, len(vals) - 1)
    return vals[lo] + (h - lo) * (vals[hi] - vals[lo])

def percentile(metric, groups, pred, val, p):
    for g, rows in groups.items():
        vals = [val(r) for r in rows if pred(r)]
        vals = [v for v in vals if v is not None]
        emit(metric, g, pct(vals, p) if vals else None, len(vals))

def nps(metric, groups, pred):
    for g, rows in groups.items():
        sc = [int(r["score"]) for r in rows if pred(r)]
        n = len(sc)
        if n == 0: emit(metric, g, None, 0); continue
        P = sum(1 for x in sc if x >= 9); D = sum(1 for x in sc if x <= 6)
        n2 = n + 3; p2 = (P + .75) / n2; d2 = (D + .75) / n2; c = p2 - d2
        w = Z * math.sqrt((p2 + d2 - c * c) / n2)
        emit(metric, g, 100 * (P - D) / n, n, 100 * (c - w), 100 * (c + w))

def grouped(rows, period, attrs):
    out = defaultdict(list)
    for r in rows:
        g = {GRAIN: period(r)}
        if g[GRAIN] is None: continue
        for d in dims:
            g[d] = attrs(r).get(d)
        out[json.dumps(g)].append(r)
    return {k: v for k, v in out.items()}

def secs(a, b):
    return (b - a).total_seconds()

# surveys
def survey_attrs(s):
    a = accounts.get(s["account_id"], {})
    t = ticket_by_id.get(s.get("ticket_id") or "", {})
    d = dict(s)
    for c in ("type", "segment", "tier", "region", "partner_id"): d[c] = a.get(c)
    for c in ("channel", "priority", "category", "journey"): d[c] = t.get(c)
    return d
sg = grouped(surveys, lambda s: period_of_local(ts(s["responded_at"])), survey_attrs)
typ = lambda s: accounts[s["account_id"]]["type"]
nps("nps", sg, lambda s: s["kind"] == "nps")
nps("customer_nps", sg, lambda s: s["kind"] == "nps" and typ(s) == "customer")
nps("partner_nps", sg, lambda s: s["kind"] == "nps" and typ(s) == "partner")
mean("csat", sg, lambda s: s["kind"] == "csat", lambda s: int(s["score"]))
share("csat_pct", sg, lambda s: s["kind"] == "csat", lambda s: int(s["score"]) >= 4)
mean("ces", sg, lambda s: s["kind"] == "ces", lambda s: int(s["score"]))

# tickets
def ticket_attrs(t):
    a = accounts.get(t["account_id"], {})
    d = dict(t)
    for c in ("type", "segment", "tier", "region", "partner_id"): d[c] = a.get(c)
    return d
for t in tickets:
    t["_c"] = ts(t["created_at"]); t["_f"] = ts(t.get("first_response_at")); t["_r"] = ts(t.get("resolved_at"))
    t["_rd"] = ts(t.get("response_due_at")); t["_sd"] = ts(t.get("resolution_due_at"))
    pr = (t.get("priority") or "").lower()
    if t["_rd"] is None and pr in SLA: t["_rd"] = t["_c"] + dt.timedelta(seconds=SLA[pr][0])
    if t["_sd"] is None and pr in SLA: t["_sd"] = t["_c"] + dt.timedelta(seconds=SLA[pr][1])
    t["_contacts"] = int(t["contacts"]) if t.get("contacts") else 1
    t["_reopens"] = int(t["reopens"]) if t.get("reopens") else 0
    t["_esc"] = boolean(t.get("escalated"), False)
tg = grouped(tickets, lambda t: period_of_local(t["_c"]), ticket_attrs)
totals = defaultdict(int)
for k, rows in tg.items():
    totals[json.loads(k)[GRAIN]] += len(rows)
for k, rows in tg.items():
    emit("tickets", k, float(len(rows)), len(rows))
    if dims: results[-1]["share"] = 100 * len(rows) / totals[json.loads(k)[GRAIN]]
frt = lambda t: secs(t["_c"], t["_f"]) / 60 if t["_f"] else None
res = lambda t: secs(t["_c"], t["_r"]) / 3600 if t["_r"] else None
always = lambda t: True
percentile("frt_median", tg, always, frt, .5); mean("frt_mean", tg, always, frt); percentile("frt_p90", tg, always, frt, .9)
percentile("resolution_median", tg, always, res, .5); mean("resolution_mean", tg, always, res)
percentile("resolution_p90", tg, always, res, .9)
share("resolution_rate", tg, always, lambda t: t["_r"] is not None)
share("fcr", tg, lambda t: t["_r"] is not None, lambda t: t["_contacts"] == 1 and t["_reopens"] == 0)
share("reopen_rate", tg, lambda t: t["_r"] is not None, lambda t: t["_reopens"] > 0)
share("escalation_rate", tg, always, lambda t: t["_esc"])
share("sla_response", tg, lambda t: t["_rd"] is not None, lambda t: t["_f"] is not None and t["_f"] <= t["_rd"])
share("sla_resolution", tg, lambda t: t["_sd"] is not None, lambda t: t["_r"] is not None and t["_r"] <= t["_sd"])
mean("handle_time", tg, lambda t: t.get("handle_seconds") is not None, lambda t: int(t["handle_seconds"]) / 60)

# interactions
for i in interactions:
    i["_o"] = ts(i["offered_at"]); i["_a"] = ts(i.get("answered_at")); i["_e"] = ts(i.get("ended_at"))
    i["_ab"] = boolean(i.get("abandoned"), False)
ig = grouped(interactions, lambda i: period_of_local(i["_o"]), lambda i: i)
for k, rows in ig.items(): emit("offered", k, float(len(rows)), len(rows))
part = lambda i, c: int(i[c]) if i.get(c) else 0
mean("aht", ig, lambda i: i["_a"] is not None,
     lambda i: None if all(i.get(c) is None for c in ("talk_seconds", "hold_seconds", "wrap_seconds"))
     else part(i, "talk_seconds") + part(i, "hold_seconds") + part(i, "wrap_seconds"))
short = lambda i: i["_ab"] and i["_e"] is not None and secs(i["_o"], i["_e"]) <= 5
share("service_level", ig, lambda i: not short(i), lambda i: i["_a"] is not None and secs(i["_o"], i["_a"]) <= 20)
share("abandon_rate", ig, always, lambda i: i["_ab"])
mean("asa", ig, lambda i: i["_a"] is not None, lambda i: secs(i["_o"], i["_a"]))

# activity, qa, cost
ag = grouped(activity, lambda g: period_of_date(dt.date.fromisoformat(g["date"])), lambda g: g)
for k, rows in ag.items():
    st = sum(int(g["staffed_seconds"]) for g in rows); hd = sum(int(g["handling_seconds"]) for g in rows)
    emit("utilization", k, 100 * hd / st if st else None, len(rows))
qg = grouped(qa, lambda q: period_of_local(ts(q["reviewed_at"])), lambda q: q)
mean("qa_score", qg, always, lambda q: float(q["score"]))
if not dims:
    cost_q = defaultdict(float)
    for c in costs: cost_q[period_of_date(dt.date.fromisoformat(c["month"] + "-01"))] += float(c["amount"])
    tick_q = defaultdict(int)
    for t in tickets: tick_q[period_of_local(t["_c"])] += 1
    for q in sorted((set(cost_q) | set(tick_q)) - {None}):
        emit("cost_per_ticket", json.dumps({GRAIN: q}), cost_q[q] / tick_q[q] if tick_q[q] else None, tick_q[q])

# accounts, per period of the data's range
periods = sorted({json.loads(k)[GRAIN] for grp in (sg, tg, ig, ag, qg) for k in grp})
def date(v): return dt.date.fromisoformat(v) if v else None
customers = [a for a in accounts.values() if a["type"] == "customer"]
for q in periods:
    start, end = period_bounds(q)
    groups = defaultdict(list)
    for a in customers:
        g = {GRAIN: q}
        for d in dims: g[d] = a.get(d)
        groups[json.dumps(g)].append(a)
    for k, rows in groups.items():
        active = [a for a in rows if (date(a.get("started_at")) is None or date(a["started_at"]) <= end)
                  and (date(a.get("ended_at")) is None or date(a["ended_at"]) >= start)]
        base = [a for a in rows if (date(a.get("started_at")) is None or date(a["started_at"]) < start)
                and (date(a.get("ended_at")) is None or date(a["ended_at"]) >= start)]
        kept = [a for a in base if date(a.get("ended_at")) is None or date(a["ended_at"]) > end]
        emit("active_customers", k, float(len(active)), len(active))
        if base:
            lo, hi = wilson(len(kept), len(base))
            emit("retention_rate", k, 100 * len(kept) / len(base), len(base), lo, hi)
            emit("churn_rate", k, 100 - 100 * len(kept) / len(base), len(base), 100 - hi, 100 - lo)
        else:
            emit("retention_rate", k, None, 0); emit("churn_rate", k, None, 0)
        ids = {a["account_id"] for a in rows}
        tc = sum(1 for t in tickets if t["account_id"] in ids and period_of_local(t["_c"]) == q)
        emit("contact_rate", k, 100 * tc / len(active) if active else None, len(active))

for r in results:
    if isinstance(r["group"], str): r["group"] = json.loads(r["group"])
    if GRAIN == "none": r["group"].pop("none", None)
json.dump(results, sys.stdout)
if os.environ.get("ORACLE_COUNTS"):
    with open(os.environ["ORACLE_COUNTS"], "w") as f:
        json.dump({name: {"read": READ[name], "loaded": LOADED[name]} for name in LOADED if name in READ}, f)
