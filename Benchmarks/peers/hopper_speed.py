#!/usr/bin/env python3
"""Hopper-v4 training speed: SB3-contrib TRPO against `trpo train`, same RL Zoo hyperparameters.

Both train TRPO on Hopper-v4 for 100k steps (default) with the zoo's `mujoco-defaults`
(REFERENCE.md section 3): VecNormalize (observations and rewards), 2 copies x 1024 steps, critic
batch 128, 20 critic epochs at 1e-3, CG 25 iterations, damping 0.1, gamma 0.99, lambda 0.95,
target_kl 0.01, 64-64 tanh networks. SB3-contrib runs with one torch thread
(`torch.set_num_threads(1)`); ours runs with --threads 1 and --threads 2. Each figure is
steps / wall-clock seconds of the whole training call (SB3: `model.learn`; ours: the `trpo train`
process, start-up and run-directory writes included), best of --repeats runs. CPU seconds are
printed too: on a shared machine steps per CPU second is the steadier single-thread figure.

Prints one JSON line per run and a summary table. The physics floor (mj_step x 4 on one core) comes
from the Swift benchmark (pass its steps/s with --floor, or --floor-benchmark PATH to the built
binary of Benchmarks/MuJoCo):
    swift build -c release --package-path Benchmarks/MuJoCo

Set-up (from the repository root; `.venv*/` is ignored by git):
    scripts/install-mujoco.sh && swift build -c release --traits MuJoCo --product trpo
    python3 -m venv .venv-hopper
    .venv-hopper/bin/pip install "torch==2.13.0+cpu"   # or torch==2.13.0 where the +cpu wheel is absent
    .venv-hopper/bin/pip install "stable-baselines3==2.9.2" "sb3-contrib==2.9.2" \
        "gymnasium[mujoco]==1.4.0" "mujoco==4.0.0" "numpy==2.4.6"
    .venv-hopper/bin/python Benchmarks/peers/hopper_speed.py
requirements: torch==2.13.0+cpu stable-baselines3==2.9.2 sb3-contrib==2.9.2 gymnasium[mujoco]==1.4.0 mujoco==4.0.0 numpy==2.4.6
"""

import argparse
import json
import os
import re
import resource
import shutil
import subprocess
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

# rl-baselines3-zoo hyperparams/trpo.yml, Hopper-v4 (= mujoco-defaults), in SB3-contrib's names.
ZOO_HOPPER = dict(
    n_steps=1024, batch_size=128, gamma=0.99, gae_lambda=0.95, sub_sampling_factor=1, cg_max_steps=25,
    cg_damping=0.1, n_critic_updates=20, learning_rate=1e-3,
)
N_ENVS = 2


def sb3_run(timesteps, seed):
    """Wall and CPU seconds of SB3-contrib's model.learn and the steps it took."""
    import torch
    from sb3_contrib import TRPO
    from stable_baselines3.common.env_util import make_vec_env
    from stable_baselines3.common.vec_env import VecNormalize

    torch.set_num_threads(1)
    environment = VecNormalize(make_vec_env("Hopper-v4", n_envs=N_ENVS, seed=seed), gamma=ZOO_HOPPER["gamma"])
    model = TRPO("MlpPolicy", environment, seed=seed, device="cpu", verbose=0, **ZOO_HOPPER)
    start, cpu_start = time.perf_counter(), time.process_time()
    model.learn(total_timesteps=timesteps)
    seconds, cpu_seconds = time.perf_counter() - start, time.process_time() - cpu_start
    return seconds, cpu_seconds, model.num_timesteps


def ours_run(trpo, timesteps, seed, threads):
    """Wall and CPU seconds of one `trpo train` process and the steps it took (from its progress.csv)."""
    directory = tempfile.mkdtemp(prefix="hopper-speed-")
    try:
        run_dir = os.path.join(directory, "run")
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(
            [trpo, "train", "--env", "Hopper-v4", "--timesteps", str(timesteps), "--seed", str(seed),
             "--threads", str(threads), "--run-dir", run_dir, "--quiet"],
            check=True)
        seconds = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu_seconds = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
        with open(os.path.join(run_dir, "progress.csv")) as progress:
            rows = [line.rstrip("\n").split(",") for line in progress if line.strip()]
        column = rows[0].index("time/total_timesteps") if "time/total_timesteps" in rows[0] else None
        steps = int(float(rows[-1][column])) if column is not None else timesteps
        return seconds, cpu_seconds, steps
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def physics_floor(benchmark):
    """The Hopper-v4 physics floor (steps/s) printed by the Benchmarks/MuJoCo binary."""
    output = subprocess.run([benchmark], check=True, capture_output=True, text=True).stdout
    match = re.search(r"physics floor.*?(\d+) steps/s", output)
    return float(match.group(1)) if match else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timesteps", type=int, default=100_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeats", type=int, default=1, help="runs per configuration; the best is kept")
    parser.add_argument("--trpo", default=os.path.join(ROOT, ".build", "release", "trpo"))
    parser.add_argument("--skip-sb3", action="store_true", help="only time `trpo train`")
    parser.add_argument("--floor", type=float, help="physics floor in steps/s, if already measured")
    parser.add_argument("--floor-benchmark", help="path to the built MuJoCoBenchmark binary")
    arguments = parser.parse_args()

    results = {}
    configurations = [] if arguments.skip_sb3 else [("sb3-contrib TRPO, 1 torch thread", None)]
    configurations += [("trpo train --threads 1", 1), ("trpo train --threads 2", 2)]
    for name, threads in configurations:
        best = None
        for _ in range(arguments.repeats):
            if threads is None:
                seconds, cpu_seconds, steps = sb3_run(arguments.timesteps, arguments.seed)
            else:
                seconds, cpu_seconds, steps = ours_run(arguments.trpo, arguments.timesteps, arguments.seed, threads)
            rate = steps / seconds
            print(json.dumps({
                "run": name, "steps": steps, "seconds": round(seconds, 3), "cpu_seconds": round(cpu_seconds, 3),
                "steps_per_second": round(rate, 1), "steps_per_cpu_second": round(steps / cpu_seconds, 1),
            }), flush=True)
            best = rate if best is None else max(best, rate)
        results[name] = best

    floor = arguments.floor
    if floor is None and arguments.floor_benchmark:
        floor = physics_floor(arguments.floor_benchmark)
    sb3 = results.get("sb3-contrib TRPO, 1 torch thread")
    print(f"\nHopper-v4, {arguments.timesteps} steps, seed {arguments.seed}, best of {arguments.repeats}")
    print(f"{'run':36} {'steps/s':>9} {'vs SB3':>8} {'floor/ours':>11}")
    for name, rate in results.items():
        versus = f"{rate / sb3:7.2f}x" if sb3 else "      -"
        slowdown = f"{floor / rate:10.2f}x" if floor else "         -"
        print(f"{name:36} {rate:9.0f} {versus:>8} {slowdown:>11}")
    if floor:
        print(f"{'physics floor (mj_step x 4)':36} {floor:9.0f}")


if __name__ == "__main__":
    main()
