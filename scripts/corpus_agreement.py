#!/usr/bin/env python3
"""Blind second annotation for the corpus (development tooling; see corpus/README.md).

    scripts/corpus_agreement.py sample BATCH_FILE OUT_DIR     # 15% random sample, labels removed
    scripts/corpus_agreement.py score BATCH_FILE LABELS.jsonl   # agreement figures + disagreements
    scripts/corpus_agreement.py resolve BATCH_FILE RESOLUTIONS.jsonl  # record adjudication, fix labels, update manifest

The sample is seeded by the batch's file name, so it is the same every time.
"""
import json, sys, os, random, hashlib
ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpus")
LABEL_KEYS = ("expect", "commercial", "invited", "note", "pair", "sibling", "asks")

def load(path):
    return [json.loads(l) for l in open(path, encoding="utf-8") if l.strip()]

def sample_ids(rel, items):
    rng = random.Random(int(hashlib.sha256(rel.encode()).hexdigest()[:12], 16))
    n = max(1, round(len(items) * 0.15))
    return sorted(rng.sample([i["id"] for i in items], n))

def kappa(a, b):
    n = len(a)
    if n == 0: return 0.0
    po = sum(x == y for x, y in zip(a, b)) / n
    cats = set(a) | set(b)
    pe = sum((a.count(c) / n) * (b.count(c) / n) for c in cats)
    return 1.0 if pe == 1 else (po - pe) / (1 - pe)

def main():
    cmd, rel = sys.argv[1], sys.argv[2]
    path = os.path.join(ROOT, rel)
    items = load(path)
    if cmd == "sample":
        out = sys.argv[3]; os.makedirs(out, exist_ok=True)
        ids = set(sample_ids(rel, items))
        rows = [{k: v for k, v in i.items() if k not in LABEL_KEYS} for i in items if i["id"] in ids]
        with open(os.path.join(out, "items.jsonl"), "w", encoding="utf-8") as f:
            for r in rows: f.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"{len(rows)} items to {out}/items.jsonl")
        return
    if cmd == "score":
        labels = {l["id"]: l for l in load(sys.argv[3])}
        ids = sample_ids(rel, items)
        byid = {i["id"]: i for i in items}
        missing = [i for i in ids if i not in labels]
        if missing: sys.exit(f"second annotator skipped {len(missing)}: {missing[:5]}")
        msgs = "asks" in items[0]
        fig = {"sample": len(ids)}
        if msgs:
            a = [byid[i]["asks"] for i in ids]; b = [labels[i]["asks"] for i in ids]
            fig["acc3"] = round(sum(x == y for x, y in zip(a, b)) / len(ids), 3)
            fig["kappa3"] = round(kappa(a, b), 3)
            fig["pitch_kappa"] = round(kappa([x == "offers" for x in a], [y == "offers" for y in b]), 3)
            dis = [i for i in ids if byid[i]["asks"] != labels[i]["asks"]]
        else:
            a = [byid[i]["expect"] for i in ids]; b = [labels[i]["expect"] for i in ids]
            fig["acc3"] = round(sum(x == y for x, y in zip(a, b)) / len(ids), 3)
            fig["kappa3"] = round(kappa(a, b), 3)
            fig["pitch_kappa"] = round(kappa([x == "pitch" for x in a], [y == "pitch" for y in b]), 3)
            fig["commercial_kappa"] = round(kappa([byid[i]["commercial"] for i in ids], [bool(labels[i]["commercial"]) for i in ids]), 3)
            fig["invited_kappa"] = round(kappa([byid[i]["invited"] for i in ids], [bool(labels[i]["invited"]) for i in ids]), 3)
            dis = [i for i in ids if any(byid[i][k] != labels[i][k] for k in ("expect", "commercial", "invited"))]
        print(json.dumps(fig))
        out = os.path.join(os.path.dirname(sys.argv[3]), "disagreements.jsonl")
        with open(out, "w", encoding="utf-8") as f:
            keys = ("asks",) if msgs else ("expect", "commercial", "invited")
            for i in dis:
                case = {k: v for k, v in byid[i].items() if k not in LABEL_KEYS}
                f.write(json.dumps({"item": case, "label_a": {k: byid[i][k] for k in keys}, "label_b": {k: labels[i][k] for k in keys}}, ensure_ascii=False) + "\n")
        json.dump(fig, open(os.path.join(os.path.dirname(sys.argv[3]), "figures.json"), "w"))
        print(f"{len(dis)} disagreements to {out}")
        return
    if cmd == "resolve":
        res = {r["id"]: r for r in load(sys.argv[3])} if os.path.exists(sys.argv[3]) else {}
        fig = json.load(open(os.path.join(os.path.dirname(sys.argv[3]), "figures.json")))
        corrected = 0
        for i in items:
            r = res.get(i["id"])
            if not r: continue
            changed = False
            for k, v in r["final"].items():
                if i.get(k) != v:
                    i[k] = v; changed = True
            corrected += changed
        with open(path, "w", encoding="utf-8") as f:
            for i in items: f.write(json.dumps(i, ensure_ascii=False) + "\n")
        os.makedirs(os.path.join(ROOT, "agreement"), exist_ok=True)
        base = os.path.basename(rel)
        with open(os.path.join(ROOT, "agreement", base), "w", encoding="utf-8") as f:
            for r in res.values(): f.write(json.dumps(r, ensure_ascii=False) + "\n")
        fig["adjudicated"] = len(res); fig["corrected"] = corrected
        mpath = os.path.join(ROOT, "MANIFEST.json")
        m = json.load(open(mpath, encoding="utf-8"))
        for b in m["batches"]:
            if b["file"] == rel: b["agreement"] = fig
        json.dump(m, open(mpath, "w", encoding="utf-8"), ensure_ascii=False, indent=1)
        print(f"{rel}: {len(res)} adjudicated, {corrected} corrected; {fig}")

main()
