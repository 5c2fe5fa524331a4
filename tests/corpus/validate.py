#!/usr/bin/env python3
"""Check the hand-written corpus files (tests/corpus/own-*.jsonl): every line parses,
required fields are present and typed, expect is ok|caution|pitch, ids are unique across
files, and thread.parent is a valid message index. Prints label counts. Never edits files.
Usage: python3 tests/corpus/validate.py [files...]   (default: tests/corpus/own-*.jsonl)"""
import glob, json, os, sys
from collections import Counter

LEVELS = {"ok", "caution", "pitch"}

def check(path, seen, counts, replies):
    errors = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            where = "%s:%d" % (path, n)
            if not line.strip():
                errors.append(where + ": blank line")
                continue
            try:
                case = json.loads(line)
            except json.JSONDecodeError as e:
                errors.append("%s: bad JSON: %s" % (where, e))
                continue
            cid = case.get("id")
            if not isinstance(cid, str) or not cid:
                errors.append(where + ": missing id")
            elif cid in seen:
                errors.append("%s: duplicate id %s (first in %s)" % (where, cid, seen[cid]))
            else:
                seen[cid] = where
            for key in ("reply", "note"):
                if not isinstance(case.get(key), str) or not case[key].strip():
                    errors.append("%s: %s must be a non-empty string" % (where, key))
            if case.get("expect") not in LEVELS:
                errors.append("%s: expect must be one of %s" % (where, sorted(LEVELS)))
            else:
                counts[case["expect"]] += 1
            if "site" in case and not isinstance(case["site"], str):
                errors.append(where + ": site must be a string")
            thread = case.get("thread")
            if not isinstance(thread, dict):
                errors.append(where + ": thread must be an object")
                continue
            msgs = thread.get("messages")
            if not isinstance(msgs, list) or not msgs:
                errors.append(where + ": thread.messages must be a non-empty list")
                continue
            for i, m in enumerate(msgs):
                if not isinstance(m, dict) or not isinstance(m.get("author"), str) or not isinstance(m.get("text"), str):
                    errors.append("%s: message %d needs string author and text" % (where, i))
            if "title" in thread and not isinstance(thread["title"], str):
                errors.append(where + ": title must be a string")
            parent = thread.get("parent", 0)
            if not isinstance(parent, int) or isinstance(parent, bool) or not 0 <= parent < len(msgs):
                errors.append("%s: parent %r out of range 0..%d" % (where, parent, len(msgs) - 1))
            replies.setdefault(case.get("reply"), []).append(cid)
    return errors

def main(argv):
    here = os.path.dirname(os.path.abspath(__file__))
    paths = argv or sorted(glob.glob(os.path.join(here, "own-*.jsonl")))
    if not paths:
        print("no corpus files found", file=sys.stderr)
        return 1
    seen, counts, replies, errors = {}, Counter(), {}, []
    for p in paths:
        errors += check(p, seen, counts, replies)
    for e in errors:
        print(e, file=sys.stderr)
    pairs = sum(1 for ids in replies.values() if len(ids) >= 2)
    total = sum(counts.values())
    print("%d cases in %d files: %s; replies used more than once: %d" % (
        total, len(paths), ", ".join("%s %d" % (k, counts[k]) for k in ("ok", "caution", "pitch")), pairs))
    return 1 if errors else 0

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
