#!/usr/bin/env python3
"""Prints corpus/README.md's agreement table from MANIFEST.json (development tooling)."""
import json, os
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus")
m = json.load(open(os.path.join(root, "MANIFEST.json"), encoding="utf-8"))
rows = []
tot = {"cases": {}, "messages": {}}
for b in m["batches"]:
    a = b.get("agreement")
    if not a: continue
    rows.append((b["file"], b["split"], a))
    t = tot[b["kind"]]
    for k in ("acc3", "kappa3", "pitch_kappa", "commercial_kappa", "invited_kappa"):
        if k in a:
            t.setdefault(k, 0.0); t[k] += a[k] * a["sample"]
    t["sample"] = t.get("sample", 0) + a["sample"]
    t["adjudicated"] = t.get("adjudicated", 0) + a.get("adjudicated", 0)
    t["corrected"] = t.get("corrected", 0) + a.get("corrected", 0)
print("| batch | split | sample | 3-way acc | κ 3-way | κ pitch | κ commercial | κ invited | adjudicated / corrected |")
print("|---|---|---|---|---|---|---|---|---|")
f = lambda a, k: f"{a[k]:.2f}" if k in a else "–"
for file, split, a in rows:
    print(f"| {file} | {split} | {a['sample']} | {f(a,'acc3')} | {f(a,'kappa3')} | {f(a,'pitch_kappa')} | {f(a,'commercial_kappa')} | {f(a,'invited_kappa')} | {a.get('adjudicated',0)} / {a.get('corrected',0)} |")
for kind, t in tot.items():
    if not t.get("sample"): continue
    n = t["sample"]
    g = lambda k: f"{t[k]/n:.2f}" if k in t else "–"
    print(f"| **all {kind}** (sample-weighted) | | {n} | {g('acc3')} | {g('kappa3')} | {g('pitch_kappa')} | {g('commercial_kappa')} | {g('invited_kappa')} | {t['adjudicated']} / {t['corrected']} |")
