#!/usr/bin/env python3
"""Compares pulse metrics JSON (first file) with the oracle's (second): every (metric, group) with
n > 0 on either side must agree on value, n, interval and share (relative 1e-6). Only metrics present
in both files are compared ('all' leaves out metrics the dimensions do not apply to); Pulse's low-sample
flag must say n < 30. Exit 1 on any difference."""
import json, sys, math
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2]))
def key(r): return (r["metric"], tuple(sorted((k, str(v)) for k, v in r["group"].items())))
A = {key(r): r for r in a}; B = {key(r): r for r in b}
def close(x, y):
    if x is None or y is None: return x is None and y is None
    return abs(x - y) <= 1e-6 * max(1, abs(x), abs(y))
bad = 0
metrics = {r["metric"] for r in b} & {r["metric"] for r in a}
for k in sorted(set(A) | set(B), key=str):
    if k[0] not in metrics: continue
    x, y = A.get(k), B.get(k)
    if x is None or y is None:
        if (y and y["n"] == 0) or (x and x["n"] == 0): continue
        print("MISSING in", "pulse" if x is None else "oracle", k, x or y); bad += 1; continue
    if x.get("low_sample") != (x["n"] < 30):
        print("DIFF", k, "low_sample", x.get("low_sample"), "with n =", x["n"], "(spec: n < 30)"); bad += 1
    for f in ("value", "n", "ci_low", "ci_high", "share"):
        if f in ("ci_low", "ci_high") and y.get(f) is None: continue
        if f == "share" and "share" not in y: continue
        if f == "value" and k[0] == "cost_per_ticket" and x.get(f) is None and y.get(f) == 0.0:
            continue  # see oracle.py: no cost rows is null in Pulse
        if not close(x.get(f), y.get(f)):
            print("DIFF", k, f, "pulse=", x.get(f), "oracle=", y.get(f)); bad += 1
print(len(B), "oracle rows;", bad, "differences")
sys.exit(1 if bad else 0)
