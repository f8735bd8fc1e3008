#!/usr/bin/env python3
"""Writes a JSONL benchmark corpus of at least --mb MB from samples/*.txt.

Each sample is repeated with a new id and a publication date one week later
per round, so reports of one round merge with each other but not with other
rounds (incidents more than three days apart are different incidents): the
merged graph grows with the corpus as it would with real news. Deterministic.

--vary makes the texts differ too (for the soak test, scripts/soak): every copy
keeps its sample's first paragraph, shuffles the others, drops some, borrows a
paragraph from another sample now and then, and names one of four sources; the
round's date also moves by zero to three days. The same seed gives the same corpus.

--part-mb M writes OUTPUT as a directory of part-NNNN.jsonl files of about M MB
each instead of one file, so that no single input is larger than M MB.
"""
import argparse
import glob
import json
import os
import random
import shutil
import sys
from datetime import date, timedelta

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SOURCES = ["bench-wire", "bench-daily", "bench-weekly", "bench-radio"]


def read_samples():
    samples = []
    for path in sorted(glob.glob(os.path.join(ROOT, "samples", "*.txt"))):
        with open(path, encoding="utf-8") as f:
            samples.append((os.path.splitext(os.path.basename(path))[0], f.read()))
    if not samples:
        sys.exit("make_corpus: no samples/*.txt")
    return samples


def paragraphs(text):
    return [p for p in text.split("\n") if p.strip()]


def varied_text(rng, own, others):
    """The lede of `own`, then its other paragraphs shuffled, some dropped, perhaps one of `others`'."""
    rest = [p for p in own[1:] if rng.random() >= 0.2]
    if rng.random() < 0.3:
        rest.append(rng.choice(rng.choice(others)))
    rng.shuffle(rest)
    return "\n".join(own[:1] + rest) + "\n"


class Output:
    """One JSONL file, or a directory of parts of about `part_bytes` each (0: one file)."""

    def __init__(self, path, part_bytes):
        self.path, self.part_bytes, self.parts = path, part_bytes, 0
        self.tmp = path + ".tmp"
        if part_bytes:
            shutil.rmtree(self.tmp, ignore_errors=True)
            os.makedirs(self.tmp)
        self.file, self.in_part = None, 0

    def write(self, line):
        if self.file is None or (self.part_bytes and self.in_part >= self.part_bytes):
            if self.file:
                self.file.close()
            name = os.path.join(self.tmp, f"part-{self.parts:04d}.jsonl") if self.part_bytes else self.tmp
            self.file, self.in_part = open(name, "w", encoding="utf-8"), 0
            self.parts += 1
        data = line.encode("utf-8")
        self.file.write(line)
        self.in_part += len(data)
        return len(data)

    def close(self):
        if self.file:
            self.file.close()
        if self.part_bytes:
            shutil.rmtree(self.path, ignore_errors=True)
        os.replace(self.tmp, self.path)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("output")
    p.add_argument("--mb", type=float, default=100)
    p.add_argument("--vary", action="store_true", help="vary the texts, sources and dates (seeded)")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--part-mb", type=float, default=0, help="write a directory of parts of about this size")
    args = p.parse_args()
    samples = read_samples()
    split = [paragraphs(text) for _, text in samples]
    rng = random.Random(args.seed)
    target = int(args.mb * 1e6)
    start = date(1990, 1, 1)
    written, articles, rounds = 0, 0, 0
    out = Output(args.output, int(args.part_mb * 1e6))
    while written < target:
        day = start + timedelta(weeks=rounds)
        for i, (name, text) in enumerate(samples):
            record = {"id": f"r{rounds:05d}-{name}", "date": day.isoformat(), "source": "bench", "text": text}
            if args.vary:
                others = split[:i] + split[i + 1:]
                record.update(date=(day + timedelta(days=rng.randrange(4))).isoformat(),
                              source=rng.choice(SOURCES), text=varied_text(rng, split[i], others))
            written += out.write(json.dumps(record, ensure_ascii=False) + "\n")
            articles += 1
        rounds += 1
    out.close()
    print(f"{articles} {written}")


if __name__ == "__main__":
    main()
