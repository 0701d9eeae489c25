#!/usr/bin/env python3
"""Side-by-side speed and return: SB3-contrib TRPO (or SB3 PPO) against TrustRegion's `trpo train`, same budget.

For each seed, runs (order alternating seed by seed, so drift in machine speed affects both):
  - SB3-contrib: `sb3_trpo.py --env ENV --seed S --timesteps N` in Benchmarks/peers/.venv (torch, 1 thread),
    zoo hyperparameters; its own figures (model.learn wall clock, rollout/update split, 20-episode mode-action
    evaluation) come back as one JSON line; the whole process is timed too;
  - TrustRegion: `trpo train --env ENV --timesteps N --seed S --run-dir DIR [--threads T]` (zoo hyperparameters
    by default), timed around the whole process, then `trpo eval --run-dir DIR --episodes 20 --seed S`; once per
    thread count given with --threads (e.g. --threads 1,2).
With --algo ppo, the peer is SB3's PPO (sb3_ppo.py, zoo ppo.yml) and ours is `trpo train --algo ppo`.
Then prints a table (per seed and mean: wall seconds, steps/s, final return) and the wall-clock ratios
SB3/TrustRegion. If the `trpo` binary or its `train` subcommand is missing, only the SB3 side runs.

Uses only the standard library: run it with any python3 (the SB3 side uses the venv of setup.sh).
  python3 Benchmarks/peers/compare.py --env CartPole-v1 --seeds 0-4 --timesteps 100000 --threads 1,2 [--build]
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from compare_report import PEER, label, sort_and_print
from zoo_hyperparameters import ZOO, ZOO_TRPO, resolved

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def parse_seeds(text: str) -> list[int]:
    seeds: list[int] = []
    for part in text.split(","):
        first, _, last = part.partition("-")
        seeds.extend(range(int(first), int(last) + 1) if last else [int(first)])
    return seeds


def parse_arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--env", default="CartPole-v1", choices=sorted(ZOO_TRPO))
    parser.add_argument("--algo", default="trpo", choices=sorted(ZOO),
                        help="trpo: SB3-contrib TRPO vs trpo train; ppo: SB3 PPO vs trpo train --algo ppo")
    parser.add_argument("--seeds", default="0-4", type=parse_seeds, help="e.g. 0-4 or 0,3,7 (default 0-4)")
    parser.add_argument("--timesteps", type=int, default=100_000)
    parser.add_argument("--threads", default="1", help="comma-separated thread counts for trpo train (default 1)")
    parser.add_argument("--episodes", type=int, default=20, help="evaluation episodes (default 20)")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="override a zoo hyperparameter on both sides")
    parser.add_argument("--sde", action="store_true", help="SB3 side only: use the zoo's gSDE (we have none)")
    parser.add_argument("--trpo", type=Path, default=ROOT / ".build" / "release" / "trpo", help="trpo binary")
    parser.add_argument("--build", action="store_true", help="run `swift build -c release --product trpo` first")
    parser.add_argument("--python", type=Path, default=HERE / ".venv" / "bin" / "python", help="venv python")
    parser.add_argument("--out", type=Path, default=ROOT / "runs" / "compare",
                        help="run directories go to OUT/ENV/[ALGO-]seedS-tT (default runs/compare, git-ignored)")
    parser.add_argument("--json-out", type=Path, help="also append every record as a JSON line to this file")
    parser.add_argument("--skip-sb3", action="store_true", help="run only TrustRegion")
    parser.add_argument("--verbose", action="store_true", help="show trpo train's progress on stderr")
    parser.add_argument("--table-from", type=Path, metavar="FILE",
                        help="run nothing: print the table of a --json-out file")
    arguments = parser.parse_args()
    arguments.thread_counts = [int(t) for t in arguments.threads.split(",")]
    return arguments


def trpo_capabilities(binary: Path) -> tuple[dict[str, bool], str | None]:
    """What the binary offers: `train`, its `--run-dir` and `--threads` options, `eval`; plus why not, if no train."""
    capabilities = {"train": False, "run_dir": False, "threads": False, "eval": False}
    if not binary.is_file():
        return capabilities, f"{binary} does not exist (build it with `swift build -c release`, or pass --build)"
    probe = subprocess.run([str(binary), "train", "--help"], capture_output=True, text=True)
    if probe.returncode != 0:
        reason = (probe.stderr or probe.stdout).strip()[:160]
        return capabilities, f"`{binary.name} train` is not available yet ({reason})"
    capabilities.update(train=True, run_dir="--run-dir" in probe.stdout, threads="--threads" in probe.stdout)
    capabilities["eval"] = subprocess.run([str(binary), "eval", "--help"], capture_output=True).returncode == 0
    return capabilities, None


def run_sb3(arguments: argparse.Namespace, seed: int) -> dict:
    script = f"sb3_{arguments.algo}.py"
    command = [str(arguments.python), str(HERE / script), "--env", arguments.env, "--seed", str(seed),
               "--timesteps", str(arguments.timesteps), "--threads", "1", "--eval-episodes", str(arguments.episodes)]
    command += ["--sde"] if arguments.sde else []
    for item in arguments.set:
        command += ["--set", item]
    start = time.perf_counter()
    finished = subprocess.run(command, capture_output=True, text=True)
    process_seconds = time.perf_counter() - start
    if finished.returncode != 0:
        sys.exit(f"{script} failed for seed {seed}:\n{finished.stderr[-2000:]}")
    record = json.loads(finished.stdout.strip().splitlines()[-1])
    record.update(process_seconds=round(process_seconds, 3), wall_seconds=record["learn_seconds"])
    return record


def run_ours(arguments: argparse.Namespace, seed: int, threads: int) -> dict:
    """Times `trpo train` as a whole process, then scores it with `trpo eval` (when both exist)."""
    capabilities = arguments.capabilities
    prefix = "" if arguments.algo == "trpo" else f"{arguments.algo}-"
    run_dir = arguments.out / arguments.env / f"{prefix}seed{seed}-t{threads}"
    if run_dir.exists():
        shutil.rmtree(run_dir)
    run_dir.parent.mkdir(parents=True, exist_ok=True)
    command = [str(arguments.trpo), "train", "--env", arguments.env, "--timesteps", str(arguments.timesteps),
               "--seed", str(seed)]
    command += ["--algo", arguments.algo] if arguments.algo != "trpo" else []
    command += ["--run-dir", str(run_dir)] if capabilities["run_dir"] else []
    command += ["--threads", str(threads)] if capabilities["threads"] else []
    for item in arguments.set:
        command += ["--set", item]
    log_path = run_dir.parent / f"{run_dir.name}.train.log"
    load_before = os.getloadavg()[0]
    with open(log_path, "w") as log:
        start = time.perf_counter()
        finished = subprocess.run(command, stdout=log, stderr=None if arguments.verbose else log)
        wall_seconds = time.perf_counter() - start
    if finished.returncode != 0:
        sys.exit(f"`{' '.join(command)}` failed ({finished.returncode}); see {log_path}")
    scores = {"mean_return": float("nan"), "std_return": float("nan")}
    if capabilities["eval"] and capabilities["run_dir"]:
        evaluation = subprocess.run([str(arguments.trpo), "eval", "--run-dir", str(run_dir), "--episodes",
                                     str(arguments.episodes), "--seed", str(seed)], capture_output=True, text=True)
        if evaluation.returncode != 0:
            sys.exit(f"trpo eval failed for {run_dir}:\n{evaluation.stderr[-2000:]}")
        scores = json.loads(evaluation.stdout.strip().splitlines()[-1])
    progress = read_progress(run_dir / "progress.csv")
    done = int(float(progress[-1]["time/total_timesteps"])) if progress else arguments.timesteps
    return {"impl": "trustregion", "env": arguments.env, "seed": seed, "threads": threads,
            "timesteps": arguments.timesteps, "timesteps_done": done, "wall_seconds": round(wall_seconds, 3),
            "process_seconds": round(wall_seconds, 3),
            "in_process_seconds": float(progress[-1]["time/elapsed_s"]) if progress else None,
            "steps_per_second": round(done / wall_seconds, 1), "mean_return": scores["mean_return"],
            "std_return": scores["std_return"], "kl_violations": kl_violations(progress, run_dir) if arguments.algo == "trpo" else None,
            "load_average_1min": round(load_before, 2), "run_dir": str(run_dir)}


def read_progress(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    with open(path, newline="") as handle:
        return list(csv.DictReader(handle))


def kl_violations(progress: list[dict], run_dir: Path) -> int | None:
    """Accepted steps whose mean KL exceeds δ (config.json's target_kl, else 0.01, the default both sides use)."""
    try:
        delta = float(load_config(run_dir).get("target_kl", 0.01))
        return sum(1 for row in progress if row.get("train/is_line_search_success") in ("1", "1.0")
                   and float(row["train/kl_divergence"]) > delta)
    except (KeyError, TypeError, ValueError):
        return None


def load_config(run_dir: Path) -> dict:
    """config.json, flattened one level if the keys sit under a sub-object."""
    try:
        config = json.loads((run_dir / "config.json").read_text())
    except (OSError, ValueError):
        return {}
    flat = dict(config)
    for value in config.values():
        if isinstance(value, dict):
            flat.update({k: v for k, v in value.items() if k not in flat})
    return flat


def print_hyperparameters(arguments: argparse.Namespace) -> None:
    values = resolved(arguments.algo, arguments.env, arguments.sde)
    print(f"# {arguments.algo}, {arguments.env}, {arguments.timesteps} steps, seeds {arguments.seeds}, eval {arguments.episodes} "
          f"episodes (mode action)")
    print(f"# zoo {arguments.algo}.yml entry: {json.dumps(ZOO[arguments.algo][arguments.env])}"
          + ("" if arguments.sde else "  (gSDE keys dropped: TrustRegion has no gSDE)"))
    print(f"# {PEER[arguments.algo]} resolved: {json.dumps(values)}")
    if arguments.set:
        print(f"# overrides (both sides): {arguments.set}")


def compare_configurations(arguments: argparse.Namespace, record: dict) -> None:
    """Prints TrustRegion's resolved configuration and every shared key whose value differs from SB3's."""
    config = load_config(Path(record["run_dir"]))
    if not config:
        print("# TrustRegion config.json: not found or unreadable")
        return
    print(f"# TrustRegion config.json: {json.dumps(config)}")
    expected = resolved(arguments.algo, arguments.env, arguments.sde)
    for item in arguments.set:
        key, _, value = item.partition("=")
        expected[key] = value
    differences = [f"{key}: SB3 {expected[key]} vs ours {config[key]}" for key in expected
                   if key in config and not same_value(expected[key], config[key])]
    print("# hyperparameters that differ: " + ("; ".join(differences) if differences else "none"))
    absent = [key for key in expected if key not in config]
    if absent:
        print("# not in TrustRegion's config.json (so its default applies): "
              + ", ".join(f"{key} (SB3 {expected[key]})" for key in absent))


def same_value(left: object, right: object) -> bool:
    try:
        return abs(float(left) - float(right)) <= 1e-12 * max(1.0, abs(float(left)))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return str(left).lower() == str(right).lower()


def main() -> None:
    arguments = parse_arguments()
    if arguments.table_from:
        sort_and_print([json.loads(line) for line in arguments.table_from.read_text().splitlines() if line.strip()])
        return
    if arguments.build:
        print("# swift build -c release --product trpo", file=sys.stderr)
        subprocess.run(["swift", "build", "-c", "release", "--product", "trpo"], cwd=ROOT, check=True)
    arguments.capabilities, missing = trpo_capabilities(arguments.trpo)
    if missing:
        print(f"# TrustRegion side skipped: {missing}")
    elif not (arguments.capabilities["eval"] and arguments.capabilities["run_dir"]):
        print(f"# TrustRegion: `trpo eval` or `train --run-dir` missing ({arguments.capabilities}): "
              "speed only, no final return")
    if arguments.skip_sb3 and missing:
        sys.exit("nothing to run")
    if not arguments.skip_sb3 and not arguments.python.is_file():
        sys.exit(f"{arguments.python} not found: run Benchmarks/peers/setup.sh first")
    print_hyperparameters(arguments)
    records: list[dict] = []
    for index, seed in enumerate(arguments.seeds):
        steps = [] if arguments.skip_sb3 else [lambda s=seed: run_sb3(arguments, s)]
        if not missing:
            steps += [lambda s=seed, t=t: run_ours(arguments, s, t) for t in arguments.thread_counts]
        if index % 2 == 1:
            steps.reverse()
        for step in steps:
            record = step()
            records.append(record)
            print(f"# {label(record)} seed {seed}: {record['wall_seconds']:.2f} s, "
                  f"return {record['mean_return']:.1f}", file=sys.stderr, flush=True)
            if arguments.json_out:
                with open(arguments.json_out, "a") as handle:
                    handle.write(json.dumps(record) + "\n")
            if record["impl"] == "trustregion" and sum(r["impl"] == "trustregion" for r in records) == 1:
                compare_configurations(arguments, record)
    sort_and_print(records)


if __name__ == "__main__":
    main()
