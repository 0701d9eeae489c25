#!/usr/bin/env python3
"""Where one `trpo train` run spends its time, per phase, beside each phase's FLOP count.

    phase_profile.py PERF_DATA RUN_DIR [--observation-width N --actions N]

PERF_DATA is `perf record -e cpu-clock -F 4000 -g` of the run (Benchmarks/speed/phase_profile.sh makes it),
RUN_DIR its run directory (config.json and progress.csv give the shapes and the CG and line-search
counts). Every sample is put in the first phase whose function is on its stack, innermost first:

    environment   Environments' step functions (the simulator)
    acting        the rest of SinglePathSampler.collect (policy and value forward passes, sampling)
    policy update the rule's update (TRPO/NPG/PPO/VPG), including its batch evaluations
    critic        CriticFit.fit
    GAE           GeneralizedAdvantageEstimation
    other         everything else (set-up, run files, the process's start and exit)

Seconds are CPU seconds (cpu-clock samples / rate), which a loaded machine inflates far less than
wall time. FLOPs are counted for the MLP passes only (2 per multiply-add): forward = M per row, pullback =
M + M' (weights and inputs of every layer above the first), differential = 2M − (input width ×
first hidden width), where M is the multiply-adds of one forward pass per row.
"""
import argparse, collections, csv, json, re, subprocess, sys

PHASES = [
    ("environment", re.compile(r"Environments\d*[A-Za-z]*C4step|Environments.*step.*StepResult|CartPole|Pendulum|Acrobot|MountainCar|MuJoCo|ALE")),
    ("GAE", re.compile(r"GeneralizedAdvantageEstimation")),
    ("critic", re.compile(r"9CriticFitO3fit")),
    # PolicyUpdateRule.update(_:parameters:stream:), whichever rule (mangled names abbreviate the type).
    ("policy update", re.compile(r"6update_10parameters6stream")),
    ("acting", re.compile(r"SinglePathSampler|TrainerC14collectRollout")),
]


def classify(stacks):
    counts = collections.Counter()
    for frames in stacks:
        phase = "other"
        for name, pattern in PHASES:
            if any(pattern.search(frame) for frame in frames):
                phase = name
                break
        counts[phase] += 1
    return counts


def read_stacks(perf_data):
    out = subprocess.run(["perf", "script", "-i", perf_data, "-F", "ip,sym"], capture_output=True, text=True,
                         check=True).stdout
    stacks, frames = [], []
    for line in out.splitlines():
        line = line.strip()
        if not line:
            if frames:
                stacks.append(frames)
            frames = []
        else:
            parts = line.split(None, 1)
            frames.append(parts[1] if len(parts) > 1 else parts[0])
    if frames:
        stacks.append(frames)
    return stacks


def mlp_counts(widths):
    forward = sum(widths[i] * widths[i + 1] for i in range(len(widths) - 1))
    pullback = forward + sum(widths[i] * widths[i + 1] for i in range(1, len(widths) - 1))
    differential = 2 * forward - widths[0] * widths[1]
    return forward, pullback, differential


def flops(run_dir, observation_width, actions):
    config = json.load(open(f"{run_dir}/config.json"))
    rows_log = list(csv.DictReader(open(f"{run_dir}/progress.csv")))
    net = config["net_arch"]
    pi = mlp_counts([observation_width] + net["pi"] + [actions])
    vf = mlp_counts([observation_width] + net["vf"] + [1])
    batch = config["n_envs"] * config["n_steps"]
    algo = config["algo"]
    total = collections.Counter()
    for row in rows_log:
        total["acting"] += 2 * batch * (pi[0] + vf[0])
        epochs = config.get("n_critic_updates", 0) if algo in ("trpo", "npg") else config["n_epochs"]
        total["critic"] += 2 * epochs * batch * (vf[0] + vf[1])
        if algo in ("trpo", "npg"):
            cg = float(row.get("train/cg_iterations") or 0)
            tries = float(row.get("train/line_search_steps") or 0)
            # θ_old evaluation, the gradient, cg + 1 products (sᵀFs), one evaluation per try.
            total["policy update"] += 2 * batch * (pi[0] + pi[1] + (cg + 1) * (pi[2] + pi[1]) + tries * pi[0])
        else:
            steps = float(row.get("train/optimizer_steps") or 0)
            total["policy update"] += 2 * batch * (2 * pi[0] + steps * (pi[0] + pi[1]))
    return total


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("perf_data")
    parser.add_argument("run_dir")
    parser.add_argument("--observation-width", type=int, default=4)
    parser.add_argument("--actions", type=int, default=2)
    parser.add_argument("--frequency", type=float, default=4000,
                        help="perf's sampling rate in Hz: samples / rate = the run's CPU seconds")
    args = parser.parse_args()
    counts = classify(read_stacks(args.perf_data))
    samples = sum(counts.values())
    work = flops(args.run_dir, args.observation_width, args.actions)
    print(f"{'phase':<14} {'share':>7} {'seconds':>8} {'GFLOP':>8} {'GFLOP/s':>8}")
    for phase in ["acting", "environment", "GAE", "policy update", "critic", "other"]:
        share = counts[phase] / samples if samples else 0
        seconds = counts[phase] / args.frequency
        gflop = work[phase] / 1e9
        rate = gflop / seconds if seconds > 0 and gflop > 0 else float("nan")
        print(f"{phase:<14} {100 * share:6.1f}% {seconds:8.3f} {gflop:8.3f} {rate:8.1f}")
    print(f"({samples} samples = {samples / args.frequency:.2f} CPU s)")


if __name__ == "__main__":
    sys.exit(main())
