#!/usr/bin/env python3
"""Compares `pulse import --json` (first file) with the oracle's own reading of the contract (second):
rows read and loaded per file. Exit 1 on any difference."""
import json, sys
pulse = {f["file"]: f for f in json.load(open(sys.argv[1]))["files"]}
oracle = json.load(open(sys.argv[2]))
bad = 0
for name, counts in sorted(oracle.items()):
    got = pulse.get(name)
    for field in ("read", "loaded"):
        if got is None or got[field] != counts[field]:
            print(f"DIFF {name} {field}: pulse={got and got[field]} oracle={counts[field]}")
            bad += 1
print(f"{len(oracle)} files; {bad} count differences")
sys.exit(1 if bad else 0)
