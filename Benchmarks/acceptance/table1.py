#!/usr/bin/env python3
"""Table 1 of Schulman et al. (2015) beside our runs' scores, for the Atari acceptance scripts.

  python3 Benchmarks/acceptance/table1.py row GAME PROGRESS.csv [BUDGET]   one Markdown row
  python3 Benchmarks/acceptance/table1.py header LABEL                      the table's header

A run's score is its `rollout/ep_rew_mean` (the mean unclipped return of the last 100 games) at
the last iteration within BUDGET agent steps (all of them without one); a run short of BUDGET
says how far it got. Standard library only.
"""

import csv
import os
import sys

# Random, TRPO single path, TRPO vine (500 iterations of 100k or 400k steps, one run each).
PAPER = {"BeamRider": (354, 1425.2, 859.5), "Breakout": (1.2, 10.8, 34.2), "Enduro": (0, 534.6, 430.8),
         "Pong": (-20.4, 20.9, 20.9), "Qbert": (157, 1973.5, 7732.5), "Seaquest": (110, 1908.6, 788.4),
         "SpaceInvaders": (179, 568.4, 450.2)}


def scored_rows(path: str) -> list[dict]:
    """The progress rows with a finished game (an empty list when the run has none or no file)."""
    if not os.path.exists(path):
        return []
    with open(path) as handle:
        return [r for r in csv.DictReader(handle) if r["rollout/ep_rew_mean"] not in ("", "nan")]


def score_text(path: str, budget: int | None) -> str:
    """Our cell: the score at the budget, with the steps reached when short of it."""
    rows = scored_rows(path)
    if budget is not None:
        rows = [r for r in rows if int(r["time/total_timesteps"]) <= budget]
    if not rows:
        return "not run" if not os.path.exists(path) else "no finished game"
    text = f'{float(rows[-1]["rollout/ep_rew_mean"]):.1f}'
    reached = int(rows[-1]["time/total_timesteps"])
    if budget is not None and reached < budget * 0.998:
        text += f" (at {reached:,} steps)"
    return text


def row(game: str, path: str, budget: int | None) -> str:
    random, single, vine = PAPER.get(game, ("?", "?", "?"))
    return f"| {game} | {random} | {single} | {vine} | {score_text(path, budget)} |"


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "header":
        print(f"| game | random | paper single path | paper vine | {sys.argv[2]} |\n|---|---|---|---|---|")
    elif len(sys.argv) in (4, 5) and sys.argv[1] == "row":
        print(row(sys.argv[2], sys.argv[3], int(sys.argv[4]) if len(sys.argv) == 5 else None))
    else:
        sys.exit(__doc__)
