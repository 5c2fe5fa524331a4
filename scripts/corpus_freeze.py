#!/usr/bin/env python3
"""Freeze a writer's batch into corpus/: concatenate its parts, add its manifest entry.

    scripts/corpus_freeze.py BATCH_ID SPLIT SLUG PARTS_DIR BRIEF_FILE

Development tooling only (the validator is `cargo test --test corpus_manifest`, training is
`read-the-room train`). A batch is frozen once: this refuses to overwrite one.
"""
import json, sys, os, glob
bid, split, slug, parts, brief_file = sys.argv[1:6]
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus")
kind = "messages" if bid.startswith("m") else "cases"
rel = f"{'messages' if kind == 'messages' else 'batches'}/{bid}-{slug}.jsonl"
manifest_path = os.path.join(root, "MANIFEST.json")
manifest = json.load(open(manifest_path)) if os.path.exists(manifest_path) else {"batches": []}
if any(b["file"] == rel for b in manifest["batches"]) or os.path.exists(os.path.join(root, rel)):
    sys.exit(f"{rel} is already frozen")
lines = []
for f in sorted(glob.glob(os.path.join(parts, "part-*.jsonl"))):
    for line in open(f, encoding="utf-8"):
        if line.strip():
            obj = json.loads(line)
            lines.append(json.dumps(obj, ensure_ascii=False))
langs = sorted({json.loads(l).get("lang", "") for l in lines})
open(os.path.join(root, rel), "w", encoding="utf-8").write("\n".join(lines) + "\n")
manifest["batches"].append({"file": rel, "kind": kind, "split": split, "writer": f"w-{bid}",
    "brief": open(brief_file, encoding="utf-8").read(), "cases": len(lines), "languages": langs})
json.dump(manifest, open(manifest_path, "w", encoding="utf-8"), ensure_ascii=False, indent=1)
print(f"froze {rel}: {len(lines)} lines, languages {langs}")
