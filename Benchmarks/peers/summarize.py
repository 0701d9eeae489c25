#!/usr/bin/env python3
"""Prints a Markdown table (one row per file: implementation, environment, seeds) of peer JSON-line results.

  python3 Benchmarks/peers/summarize.py Benchmarks/peers/results/*.jsonl
Standard library only. Mean ± population std across seeds of each seed's 20-episode mean return.
"""

import json
import statistics
import sys


def main(paths: list[str]) -> None:
    print("| impl | env | gSDE | seeds | learn s (mean) | rollout s | update s | steps/s | return per seed | mean ± std across seeds |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for path in paths:
        with open(path) as handle:
            records = [json.loads(line) for line in handle if line.strip()]
        if not records:
            continue
        records.sort(key=lambda r: r["seed"])
        returns = [r["mean_return"] for r in records]
        spread = statistics.pstdev(returns) if len(returns) > 1 else 0.0
        mean = lambda key: statistics.fmean(r[key] for r in records)  # noqa: E731
        first = records[0]
        print(f"| {first['impl']} | {first['env']} | {'yes' if first.get('sde') else 'no'} | "
              f"{','.join(str(r['seed']) for r in records)} | {mean('learn_seconds'):.1f} | "
              f"{mean('rollout_seconds'):.1f} | {mean('train_seconds'):.1f} | {mean('steps_per_second'):.0f} | "
              f"{', '.join(f'{x:.1f}' for x in returns)} | {statistics.fmean(returns):.1f} ± {spread:.1f} |")


if __name__ == "__main__":
    main(sys.argv[1:])
