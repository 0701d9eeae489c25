#!/usr/bin/env python3
"""Merges figure4.sh's three `trpo compare` outputs into one table and one chart.

    python3 Benchmarks/paper/merge.py ENV OUT

Reads OUT/{single-path,vine,gradient-free}/summary.json and their runs' progress.csv, writes
OUT/summary.md (final evaluation return per rule, mean ± std over seeds, as `trpo compare`
computes it, and the steps each run took and simulated) and OUT/curves.svg (rollout/ep_rew_mean against time/total_timesteps, mean over
seeds with a ± one standard deviation band). Standard library only.
"""
import csv
import json
import statistics
import sys
from pathlib import Path

GROUPS = [("single-path", ""), ("vine", " (vine)"), ("gradient-free", "")]
COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#7f7f7f"]


def curves(group_dir, algo):
    """[(x, mean, std)] over the seeds' progress.csv rows of one algorithm."""
    runs = sorted((group_dir / "runs" / algo).glob("seed-*/progress.csv"))
    series = []
    for path in runs:
        with open(path) as handle:
            rows = list(csv.DictReader(handle))
        series.append([(int(r["time/total_timesteps"]), float(r["rollout/ep_rew_mean"] or "nan")) for r in rows])
    length = min((len(s) for s in series), default=0)
    points = []
    for index in range(length):
        values = [s[index][1] for s in series if s[index][1] == s[index][1]]
        if values:
            spread = statistics.pstdev(values) if len(values) > 1 else 0.0
            points.append((series[0][index][0], statistics.fmean(values), spread))
    return points


def simulated(group_dir, algo):
    """The mean over seeds of the last row's time/simulated_timesteps (the vine's branches included)."""
    totals = []
    for path in sorted((group_dir / "runs" / algo).glob("seed-*/progress.csv")):
        with open(path) as handle:
            rows = list(csv.DictReader(handle))
        if rows:
            totals.append(int(rows[-1]["time/simulated_timesteps"]))
    return round(statistics.fmean(totals)) if totals else 0


def svg(title, lines, width=720, height=420):
    left, right, top, bottom = 70, 170, 30, 50
    xs = [p[0] for _, pts in lines for p in pts] or [0, 1]
    ys = [v for _, pts in lines for p in pts for v in (p[1] - p[2], p[1] + p[2])] or [0, 1]
    x0, x1, y0, y1 = min(xs), max(xs) or 1, min(ys), max(ys)
    if y1 == y0:
        y1 = y0 + 1
    sx = lambda x: left + (x - x0) / max(x1 - x0, 1) * (width - left - right)
    sy = lambda y: height - bottom - (y - y0) / (y1 - y0) * (height - top - bottom)
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
           f'<rect width="{width}" height="{height}" fill="white"/>',
           f'<text x="{width / 2 - right / 2}" y="18" text-anchor="middle" font-size="14">{title}</text>']
    for tick in range(6):
        xv, yv = x0 + (x1 - x0) * tick / 5, y0 + (y1 - y0) * tick / 5
        out.append(f'<line x1="{sx(xv):.1f}" y1="{height - bottom}" x2="{sx(xv):.1f}" y2="{top}" stroke="#eee"/>')
        out.append(f'<text x="{sx(xv):.1f}" y="{height - bottom + 16}" text-anchor="middle">{xv:,.0f}</text>')
        out.append(f'<line x1="{left}" y1="{sy(yv):.1f}" x2="{width - right}" y2="{sy(yv):.1f}" stroke="#eee"/>')
        out.append(f'<text x="{left - 6}" y="{sy(yv) + 4:.1f}" text-anchor="end">{yv:,.1f}</text>')
    out.append(f'<text x="{(left + width - right) / 2}" y="{height - 12}" text-anchor="middle">environment steps (time/total_timesteps)</text>')
    out.append(f'<text x="16" y="{(top + height - bottom) / 2}" transform="rotate(-90 16 {(top + height - bottom) / 2})" text-anchor="middle">rollout/ep_rew_mean</text>')
    for index, (label, pts) in enumerate(lines):
        colour = COLOURS[index % len(COLOURS)]
        if not pts:
            continue
        band = [(sx(x), sy(m + s)) for x, m, s in pts] + [(sx(x), sy(m - s)) for x, m, s in reversed(pts)]
        out.append('<polygon fill="%s" fill-opacity="0.15" points="%s"/>' % (colour, " ".join(f"{a:.1f},{b:.1f}" for a, b in band)))
        out.append('<polyline fill="none" stroke="%s" stroke-width="1.6" points="%s"/>' % (colour, " ".join(f"{sx(x):.1f},{sy(m):.1f}" for x, m, _ in pts)))
        out.append(f'<rect x="{width - right + 12}" y="{top + 18 * index}" width="12" height="3" fill="{colour}"/>')
        out.append(f'<text x="{width - right + 30}" y="{top + 18 * index + 5}">{label}</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main():
    env, out = sys.argv[1], Path(sys.argv[2])
    rows, lines = [], []
    for group, suffix in GROUPS:
        summary = out / group / "summary.json"
        if not summary.exists():
            continue
        for entry in json.loads(summary.read_text()):
            label = entry["algo"] + suffix
            seeds = entry["seed_mean_returns"]
            rows.append(f"| {label} | {entry['final_mean_return']:.1f} ± {entry['final_std_return']:.1f} | "
                        + ", ".join(f"{v:.1f}" for v in seeds)
                        + f" | {entry['timesteps']:,} | {simulated(out / group, entry['algo']):,} |")
            lines.append((label, curves(out / group, entry["algo"])))
    table = ["| rule | final return | per-seed returns | steps per run | simulated steps per run |",
             "|---|---:|---|---:|---:|"] + rows
    (out / "summary.md").write_text(f"{env}\n\n" + "\n".join(table) + "\n")
    (out / "curves.svg").write_text(svg(env, lines))
    print("\n".join(table))


if __name__ == "__main__":
    main()
