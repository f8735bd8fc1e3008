#!/usr/bin/env python3
"""Writes a JSONL benchmark corpus of at least --mb MB from samples/*.txt.

Each sample is repeated with a new id and a publication date one week later
per round, so reports of one round merge with each other but not with other
rounds (incidents more than three days apart are different incidents): the
merged graph grows with the corpus as it would with real news. Deterministic.
"""
import argparse
import glob
import json
import os
import sys
from datetime import date, timedelta

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("output")
    p.add_argument("--mb", type=float, default=100)
    args = p.parse_args()
    samples = []
    for path in sorted(glob.glob(os.path.join(ROOT, "samples", "*.txt"))):
        with open(path, encoding="utf-8") as f:
            samples.append((os.path.splitext(os.path.basename(path))[0], f.read()))
    if not samples:
        sys.exit("make_corpus: no samples/*.txt")
    target = int(args.mb * 1e6)
    start = date(1990, 1, 1)
    written, articles, rounds = 0, 0, 0
    tmp = args.output + ".tmp"
    with open(tmp, "w", encoding="utf-8") as out:
        while written < target:
            day = (start + timedelta(weeks=rounds)).isoformat()
            for name, text in samples:
                line = json.dumps({"id": f"r{rounds:05d}-{name}", "date": day, "source": "bench",
                                   "text": text}, ensure_ascii=False) + "\n"
                out.write(line)
                written += len(line.encode("utf-8"))
                articles += 1
            rounds += 1
    os.replace(tmp, args.output)
    print(f"{articles} {written}")


if __name__ == "__main__":
    main()
