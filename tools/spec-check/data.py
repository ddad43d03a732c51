#!/usr/bin/env python3
"""Generates a small data folder that is hard to get right: timestamps with odd offsets, Z, no offset
(read in the reporting zone) and fractional seconds, clustered around quarter ends and the reporting
zone's DST changes; values exactly on SLA, service-level and short-abandon bounds; accounts that
start or end on period bounds; categories in several spellings and paddings; nulls everywhere a
column allows them; booleans in every spelling. Wall-clock times that occur twice in the zone (the
hour a DST change repeats) are written without offset only when AMBIGUOUS=1. With BAD=1 it also
writes rows that break the contract (unknown accounts, bad values, scores out of range, answers
before the ticket, duplicate keys), about 3 % of each file (the spec does not say
which instant they mean; Pulse reads them as standard time, as PostgreSQL does).

usage: data.py OUT_DIR SEED [TIME_ZONE]"""
import csv, random, sys, os, datetime as dt
out, seed = sys.argv[1], int(sys.argv[2])
rnd = random.Random(seed)
os.makedirs(out, exist_ok=True)

def pick(*xs): return rnd.choice(xs)
def maybe(v, p=0.2): return None if rnd.random() < p else v

# instants concentrated near quarter/month boundaries and DST changes of America/Santiago
anchors = [dt.datetime(2024, 1, 1, 3), dt.datetime(2024, 4, 1, 3), dt.datetime(2024, 4, 7, 3), dt.datetime(2024, 7, 1, 4),
           dt.datetime(2024, 9, 8, 4), dt.datetime(2024, 10, 1, 3), dt.datetime(2024, 12, 30, 3), dt.datetime(2025, 1, 1, 3)]
def instant():
    a = rnd.choice(anchors)
    spread = 2 * 3600 if rnd.random() < 0.15 else 30 * 3600  # some right at the change itself
    return a + dt.timedelta(seconds=rnd.randint(-spread, spread) + rnd.choice([0, 0, 0.5, 0.25]))

def fmt(t_utc):
    """t_utc is naive UTC; written with a random offset, Z, or no offset (read in the reporting zone: we
    can only write no offset safely as UTC when the zone is UTC, so the caller's zone decides)."""
    style = rnd.random()
    if style < 0.35:
        off = rnd.choice([-4, -3, 0, 5.5, -10, 14])
        local = t_utc + dt.timedelta(hours=off)
        sign = "+" if off >= 0 else "-"
        h, m = divmod(int(abs(off) * 60), 60)
        s = local.isoformat(timespec="milliseconds" if local.microsecond else "seconds")
        return f"{s}{sign}{h:02d}:{m:02d}"
    if style < 0.7:
        return t_utc.isoformat(timespec="milliseconds" if t_utc.microsecond else "seconds") + "Z"
    if style < 0.8:
        return (t_utc.isoformat(sep=" ", timespec="milliseconds" if t_utc.microsecond else "seconds")) + "+00:00"
    # no offset: local wall time in the reporting zone
    from zoneinfo import ZoneInfo
    z = ZoneInfo(ZONE)
    local = t_utc.replace(tzinfo=dt.timezone.utc).astimezone(z).replace(tzinfo=None)
    # skip ambiguous/nonexistent wall times (fold) by falling back to Z
    back = local.replace(tzinfo=z, fold=0).astimezone(dt.timezone.utc).replace(tzinfo=None)
    amb = local.replace(tzinfo=z, fold=1).astimezone(dt.timezone.utc).replace(tzinfo=None)
    if back != t_utc or (amb != back and not AMBIG):
        return t_utc.isoformat(timespec="seconds") + "Z"
    return local.isoformat(timespec="milliseconds" if local.microsecond else "seconds")

ZONE = sys.argv[3] if len(sys.argv) > 3 else "UTC"
BAD = os.environ.get("BAD") == "1"


def inject(rows, corruptions, share=0.03):
    """With BAD=1: copies of random rows, each with one corruption (column index, value) applied, put at
    random places; a corruption of None for the column picks a duplicate of the row's own key."""
    if not BAD:
        return rows
    rows = list(rows)
    for _ in range(max(len(corruptions), int(len(rows) * share))):
        bad = list(rnd.choice(rows))
        for column, value in rnd.choice(corruptions):
            bad[column] = value
        rows.insert(rnd.randrange(len(rows) + 1), bad)
    return rows
AMBIG = os.environ.get("AMBIGUOUS") == "1"

def write(name, header, rows):
    with open(f"{out}/{name}", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(header)
        for r in rows:
            w.writerow(["" if v is None else v for v in r])

accounts = []
for i in range(60):
    typ = pick("customer", "Customer", "partner", " PARTNER")
    start = maybe(dt.date(2024, 1, 1) + dt.timedelta(days=rnd.choice([-1, 0, 1, 89, 90, 91, 181, 182, 273, 274, 300])), 0.3)
    end = maybe(dt.date(2024, 1, 1) + dt.timedelta(days=rnd.choice([-1, 0, 1, 89, 90, 91, 181, 182, 273, 274, 365, 366])), 0.6)
    if start and end and end < start: end = None
    accounts.append([f"A{i:03d}", f"Name {i}", typ, maybe(pick("Enterprise", "enterprise", "SMB", " SMB ", "Public Sector")),
                     maybe(pick("Gold", "gold", "Silver")), maybe(pick("A001", "A002")), maybe(pick("North", "south")),
                     start, end, None])
accounts = inject(accounts, [[(0, "A900"), (2, "vendor")], [(0, "A901"), (7, "2024-02-30")], [(0, None)], [(8, "soon")]], 0.05)
write("accounts.csv", ["Account_ID", "name", "TYPE", "segment", "tier", "partner_id", "region", "started_at", "ended_at", "owner"], accounts)

tickets = []
for i in range(1500):
    c = instant()
    f = maybe(c + dt.timedelta(seconds=rnd.choice([0, 60, 899, 900, 900.5, 901, 3600, 3601, 14400, rnd.randint(0, 40000)])), 0.15)
    r = maybe(c + dt.timedelta(seconds=rnd.choice([0, 14400, 14401, 28800, 86400, 86400.25, rnd.randint(0, 300000)])), 0.25)
    due_r = maybe(c + dt.timedelta(seconds=rnd.choice([600, 1800, 7200])), 0.85)
    due_s = maybe(c + dt.timedelta(seconds=rnd.choice([3600, 36000])), 0.85)
    tickets.append([f"T{i:05d}", f"A{rnd.randrange(60):03d}", fmt(c), maybe(pick("phone", "Phone", "email", "chat ")),
                    maybe(pick("P1", "p1", "P2", " P3", "P4", "P5"), 0.1), maybe(pick("Billing", "billing", "Tech")),
                    maybe(pick("X", "Y")), maybe(pick("onboarding", "renewal")), f and fmt(f), r and fmt(r),
                    maybe(rnd.choice([1, 1, 2, 3]), 0.2), maybe(rnd.choice([0, 0, 1]), 0.2),
                    maybe(pick("true", "FALSE", "yes", "No", "1", "0"), 0.2), maybe(f"G{rnd.randrange(5)}"),
                    maybe(rnd.randint(0, 5000), 0.3), due_r and fmt(due_r), due_s and fmt(due_s)])
FUTURE, BEFORE = "2030-01-01T00:00:00Z", "2029-12-31T23:00:00Z"
tickets = inject(tickets, [[(1, "ZZZ")], [(2, "yesterday")], [(2, None)], [(10, "0")], [(11, "-1")], [(12, "maybe")],
                           [(14, "1.5")], [(2, FUTURE), (8, BEFORE)], [(2, FUTURE), (9, BEFORE)], [], [(0, None)]])
write("tickets.csv", ["ticket_id", "account_id", "created_at", "channel", "priority", "category", "product", "journey",
                      "first_response_at", "resolved_at", "contacts", "reopens", "escalated", "agent_id", "handle_seconds",
                      "response_due_at", "resolution_due_at"], tickets)

surveys = []
for i in range(1500):
    kind = pick("nps", "NPS", "csat", "ces")
    lo, hi = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}[kind.lower()]
    surveys.append([f"R{i:05d}", f"A{rnd.randrange(60):03d}", None, kind, maybe(pick("relationship", "transactional")),
                    maybe(f"T{rnd.randrange(1600):05d}", 0.4), maybe(pick("portal", "Portal")), maybe(pick("X", "x")),
                    fmt(instant()), rnd.randint(lo, hi), maybe("ok", 0.7)])
surveys = inject(surveys, [[(3, "nps"), (9, 11)], [(3, "csat"), (9, 0)], [(3, "ces"), (9, 8)], [(3, "stars")], [(1, "ZZZ")],
                           [(8, None)], [(9, "x")], [(9, None)], []])
write("surveys.csv", ["response_id", "account_id", "contact_email", "kind", "program", "ticket_id", "touchpoint", "product",
                      "responded_at", "score", "comment"], surveys)

inter = []
for i in range(1500):
    o = instant()
    ans = maybe(o + dt.timedelta(seconds=rnd.choice([0, 19, 20, 20.5, 21, rnd.randint(0, 200)])), 0.2)
    ab = None if ans else maybe(pick("true", "yes", "1"), 0.1)
    if ans and rnd.random() < 0.1: ab = pick("false", "no", "0")
    end = maybe(o + dt.timedelta(seconds=rnd.choice([3, 5, 5.5, 6, 300])), 0.1)
    inter.append([f"I{i:05d}", maybe(f"T{rnd.randrange(1500):05d}"), maybe(pick("phone", "chat")), maybe(pick("Q1", "q1", "Q2")),
                  fmt(o), ans and fmt(ans), end and fmt(end), ab, maybe(rnd.randint(0, 600), 0.15), maybe(rnd.randint(0, 60), 0.4),
                  maybe(rnd.randint(0, 90), 0.3), None])
inter = inject(inter, [[(4, None)], [(4, "soon")], [(8, -5)], [(7, "perhaps")], []])
write("interactions.csv", ["interaction_id", "ticket_id", "channel", "queue", "offered_at", "answered_at", "ended_at", "abandoned",
                           "talk_seconds", "hold_seconds", "wrap_seconds", "agent_id"], inter)

act = []
seen = set()
for i in range(400):
    a, d = f"G{rnd.randrange(8)}", dt.date(2024, 1, 1) + dt.timedelta(days=rnd.randint(-5, 370))
    if (a, d) in seen: continue
    seen.add((a, d))
    st = rnd.randint(0, 30000)
    act.append([a, d.isoformat(), maybe(pick("T1", "t1", "T2")), st, rnd.randint(0, st)])
act = inject(act, [[(3, "abc")], [(1, "2024-02-30")], [(4, None)], []])
write("agent_activity.csv", ["agent_id", "date", "team", "staffed_seconds", "handling_seconds"], act)
write("qa_reviews.csv", ["review_id", "ticket_id", "agent_id", "reviewed_at", "score"],
      inject([[f"Q{i}", None, None, fmt(instant()), round(rnd.uniform(0, 100), 1)] for i in range(300)],
             [[(4, 101)], [(4, -1)], [(3, None)], []]))
write("costs.csv", ["month", "amount", "currency"], inject([[f"2024-{m:02d}", round(rnd.uniform(1000, 5000), 2), "USD"] for m in range(1, 13)]
      + [["2023-12", 100.5, "USD"], ["2024-03", 10, "USD"]], [[(1, "abc")], [(0, "2024-13")], [(0, "2024/05")]], 0.2))
