import argparse
from pathlib import Path

from bench.extraction.layouts import build

ap = argparse.ArgumentParser(description="Write the issue-10 header bench corpus")
ap.add_argument("out", type=Path)
ap.add_argument("--part", choices=("open", "held"), default="open")
ap.add_argument("--docs", type=int, default=120)
ap.add_argument("--scans", type=int, default=0)
ap.add_argument("--seed", type=int, help="open part only (the held part has its own)")
a = ap.parse_args()
recs = build(a.out, a.part, a.docs, a.scans, a.seed)
print(f"{len(recs)} documents ({a.scans} scanned) of the {a.part} part in {a.out}")
