#!/usr/bin/python3
"""Two-sided paired randomisation test (20,000 seeded sign flips) of per-query values from two `quality --per-query`
files: prints the mean difference (first minus second) and its p value. usage: paired.py FIRST.tsv SECOND.tsv"""
import random
import sys


def read(path):
    return {q: float(v) for q, v in (line.split("\t") for line in open(path).read().splitlines() if line)}


first, second = read(sys.argv[1]), read(sys.argv[2])
diffs = [first[q] - second[q] for q in first]
observed = abs(sum(diffs))
rng = random.Random(42)
flips = 20000
hits = sum(abs(sum(d if rng.random() < 0.5 else -d for d in diffs)) >= observed - 1e-12 for _ in range(flips))
print(f"mean difference {sum(diffs) / len(diffs):+.4f}, p = {hits / flips:.3f} ({len(diffs)} queries)")
