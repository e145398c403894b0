#!/usr/bin/env python3
"""Compares a `score` response (JSON-RPC) with R psych's scoreItems output (CSV):
sums and missing counts exactly, means to a relative 1e-12.

  python3 Examples/Embedding/compare_with_r.py response.json wai12_miss_scores_impute_none.csv
"""
import csv
import json
import sys


def compare(response, reference_rows):
    scores = response["result"]["scores"]
    if len(scores) != len(reference_rows):
        return f"{len(scores)} scored rows, R has {len(reference_rows)}"
    worst = 0.0
    for i, (mine, r) in enumerate(zip(scores, reference_rows)):
        for scale in ("Goal", "Task", "Bond", "Total"):
            cell = mine["scales"][scale]
            if cell["sum"] != float(r[f"{scale}_sum"]):
                return f"row {i + 1} {scale}: sum {cell['sum']} != R {r[scale + '_sum']}"
            if cell["missing"] != int(r[f"{scale}_nmissing"]):
                return f"row {i + 1} {scale}: missing {cell['missing']} != R {r[scale + '_nmissing']}"
            ref = float(r[f"{scale}_mean"])
            err = abs(cell["mean"] - ref) / abs(ref)
            worst = max(worst, err)
            if err > 1e-12:
                return f"row {i + 1} {scale}: mean {cell['mean']} vs R {ref} (relative error {err})"
    print(f"{len(scores)} respondents x 4 scales agree with R psych::scoreItems(impute='none'): "
          f"sums and missing counts exact, worst relative mean error {worst:.3g}")
    return None


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8") as f:
        text = f.read()
    # A file may hold one response per line (the stdio server); compare each.
    lines = [line for line in text.splitlines() if line.strip()] or [text]
    with open(sys.argv[2], encoding="utf-8") as f:
        reference = list(csv.DictReader(f))
    for line in lines:
        problem = compare(json.loads(line), reference)
        if problem:
            sys.exit("mismatch: " + problem)
