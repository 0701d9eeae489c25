#!/usr/bin/env python3
"""SB3's `rollout/ep_rew_mean` at any agent-step budget, from an RL Zoo run's `Monitor` files.

  python3 Benchmarks/peers/zoo_monitor.py DIR --steps 500000 2000000 [--curve OUT.csv [--until STEPS]]

DIR holds the `N.monitor.csv` files of one zoo run with `n_envs` environments, for example
`ppo/BreakoutNoFrameskip-v4_1/` of https://github.com/DLR-RM/rl-trained-agents (the agents the RL
Zoo publishes, trained for 10M agent steps with `ppo.yml`'s Atari settings). The zoo publishes
only the final score; the Monitor files record every training episode, so the curve at a smaller
budget can be read from them. Standard library only.

How the agent-step clock is rebuilt: SB3 steps its `n_envs` environments in lock step, so an
episode that ends when its environment has taken `s` steps ends at global step `n_envs · s`. An
environment's steps are its episodes' lengths summed; `Monitor` sits inside `AtariWrapper` and
counts frames, so lengths are divided by the frame skip. Frames the agent did not choose (no-op
starts, FIRE and the life-loss step of the reset wrappers) are counted too, so an episode's step
is slightly overestimated and the figure at a budget slightly early: the printed total against
the run's (10.13M against 10M for Breakout, 10.03M for Pong) bounds that error. The wall-clock
column `t` is no clock: evaluations grow longer as the agent improves, so time is not
proportional to steps.

SB3 logs `ep_rew_mean` as the mean of the last 100 finished episodes over all environments (its
`ep_info_buffer`), which is what this prints and what `trpo train` logs for Atari ids.
"""

import argparse
import csv
import glob
import os
import statistics


def read_episodes(directory: str, frame_skip: int) -> tuple[list[tuple[float, int, float]], int]:
    """Returns (global agent step at its end, environment, return) per episode, and n_envs."""
    paths = sorted(glob.glob(os.path.join(directory, "*.monitor.csv")),
                   key=lambda p: int(os.path.basename(p).split(".")[0]))
    if not paths:
        raise SystemExit(f"zoo_monitor.py: no *.monitor.csv files in {directory}")
    episodes = []
    for environment, path in enumerate(paths):
        with open(path) as handle:
            next(handle)  # the JSON header line
            steps = 0.0
            for row in csv.DictReader(handle):
                steps += int(row["l"]) / frame_skip
                episodes.append((steps, environment, float(row["r"])))
    count = len(paths)
    episodes = [(steps * count, environment, value) for steps, environment, value in episodes]
    return episodes, count


def mean_of_last(episodes: list, budget: float, window: int) -> tuple[float, int]:
    """Mean return of the last `window` episodes ending by `budget`, and how many had ended."""
    finished = sorted((e for e in episodes if e[0] <= budget), key=lambda e: (e[0], e[1]))
    last = finished[-window:]
    return (statistics.fmean(e[2] for e in last) if last else float("nan")), len(finished)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    parser.add_argument("--steps", type=float, nargs="+", default=[500_000, 2_000_000])
    parser.add_argument("--frame-skip", type=int, default=4)
    parser.add_argument("--window", type=int, default=100)
    parser.add_argument("--curve", help="write (agent steps, ep_rew_mean) at every episode end to this CSV")
    parser.add_argument("--until", type=float, help="end the curve at this many agent steps")
    arguments = parser.parse_args()

    episodes, count = read_episodes(arguments.directory, arguments.frame_skip)
    print(f"{arguments.directory}: {count} environments, {len(episodes)} episodes, "
          f"{max(e[0] for e in episodes):,.0f} agent steps by episode lengths")
    print("| agent steps | ep_rew_mean | episodes ended |")
    print("|---|---|---|")
    for budget in arguments.steps:
        value, finished = mean_of_last(episodes, budget, arguments.window)
        print(f"| {budget:,.0f} | {value:.2f} | {finished} |")

    if arguments.curve:
        ordered = sorted(episodes, key=lambda e: (e[0], e[1]))
        if arguments.until is not None:
            ordered = [e for e in ordered if e[0] <= arguments.until]
        with open(arguments.curve, "w", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["time/total_timesteps", "rollout/ep_rew_mean"])
            for index in range(len(ordered)):
                window = ordered[max(0, index + 1 - arguments.window):index + 1]
                writer.writerow([round(ordered[index][0]), statistics.fmean(e[2] for e in window)])


if __name__ == "__main__":
    main()
