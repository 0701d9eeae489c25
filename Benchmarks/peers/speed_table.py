#!/usr/bin/env python3
"""One run of issue 14's speed table: ours against SB3-contrib TRPO, SB3 PPO and rejax's compiled PPO.

Each row runs ours and the peer in turn, --repeats times (A B A B ...), and prints medians and the
spread (min-max), with the 1-minute load average before the row. Ours is timed whole-process
(`trpo train`, start-up and run-directory writes included); peers as they report themselves (SB3:
model.learn; rejax: training after compilation, and the whole process, import and compile
included). CPU seconds are the children's user + system time.

    speed_table.py --trpo .build/release/trpo [--repeats 3] [--rows ppo-100k,ppo-1m,trpo-100k,hopper]

Peers need their venvs: setup.sh (.venv: SB3, SB3-contrib) and setup_rejax.sh (.venv-rejax). A row
whose venv is missing is skipped with a note. Hopper needs a trpo built with the MuJoCo trait
(--trpo-mujoco) and hopper_speed.py's venv (.venv-hopper at the repository root).
"""
import argparse, json, os, resource, shutil, statistics, subprocess, sys, tempfile, time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def load():
    return open("/proc/loadavg").read().split()[0]


def timed(command, env=None):
    """(wall s, cpu s, stdout) of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"{command[0]} failed: {done.stderr[-500:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done.stdout


def ours(trpo, arguments, cpus):
    directory = tempfile.mkdtemp(prefix="speed-table.")
    try:
        command = ["taskset", "-c", cpus, trpo, "train", *arguments, "--run-dir", f"{directory}/run", "--quiet"]
        wall, cpu, _ = timed(command)
        return {"wall": wall, "cpu": cpu}
    finally:
        shutil.rmtree(directory, ignore_errors=True)


def rejax(timesteps, cpus):
    python = f"{HERE}/.venv-rejax/bin/python"
    wall, cpu, out = timed(["taskset", "-c", cpus, python, f"{HERE}/rejax_ppo.py", "--timesteps", str(timesteps)])
    record = json.loads(out.strip().splitlines()[-1])
    return {"wall": record["train_s"], "whole": wall, "cpu": cpu, "train cpu": record["train_cpu_s"]}


def sb3(script, env, timesteps):
    python = f"{HERE}/.venv/bin/python"
    wall, cpu, out = timed(["taskset", "-c", "0", python, f"{HERE}/{script}", "--env", env, "--timesteps", str(timesteps)])
    record = json.loads(out.strip().splitlines()[-1])
    return {"wall": record["learn_seconds"], "whole": wall, "cpu": cpu}


def summary(values):
    return f"{statistics.median(values):7.2f} ({min(values):.2f}-{max(values):.2f})"


def row(name, runners, repeats):
    results = {label: [] for label, _ in runners}
    loads = []
    for _ in range(repeats):
        for label, runner in runners:
            loads.append(float(load()))
            results[label].append(runner())
    print(f"\n{name}  (load average during the row: {min(loads):.1f}-{max(loads):.1f})")
    for label, runs in results.items():
        walls = [r["wall"] for r in runs]
        line = f"  {label:<38} wall {summary(walls)} s   cpu {summary([r['cpu'] for r in runs])} s"
        if "whole" in runs[0]:
            line += f"   whole process {summary([r['whole'] for r in runs])} s"
        if "train cpu" in runs[0]:
            line += f"   training cpu {summary([r['train cpu'] for r in runs])} s"
        print(line, flush=True)
    return results


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--trpo", default=f"{ROOT}/.build/release/trpo")
    parser.add_argument("--trpo-mujoco", default=None)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--rows", default="ppo-100k,ppo-1m,trpo-100k,hopper")
    parser.add_argument("--no-sb3", action="store_true", help="leave SB3 and SB3-contrib out (they take minutes)")
    args = parser.parse_args()
    trpo = os.path.abspath(args.trpo)
    rows = args.rows.split(",")
    kernel = "AVX-512+FMA" if "avx512f" in open("/proc/cpuinfo").read() else "AVX2+FMA"
    print(f"speed table, {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {os.cpu_count()} cores, kernel {kernel}")
    have_rejax = os.path.exists(f"{HERE}/.venv-rejax/bin/python")
    have_sb3 = os.path.exists(f"{HERE}/.venv/bin/python") and not args.no_sb3
    cartpole_ppo = ["--env", "CartPole-v1", "--algo", "ppo", "--seed", "0"]
    for steps, label in [(100_000, "ppo-100k"), (1_000_000, "ppo-1m")]:
        if label not in rows:
            continue
        runners = [(f"ours --threads 1 (1 core)", lambda s=steps: ours(trpo, [*cartpole_ppo, "--timesteps", str(s), "--threads", "1"], "0")),
                   (f"ours --threads 2 (2 cores)", lambda s=steps: ours(trpo, [*cartpole_ppo, "--timesteps", str(s), "--threads", "2"], "0,1"))]
        if have_rejax:
            runners += [("rejax after compile (1 core)", lambda s=steps: rejax(s, "0")),
                        ("rejax after compile (2 cores)", lambda s=steps: rejax(s, "0,1"))]
        else:
            print("note: no .venv-rejax (run setup_rejax.sh): rejax skipped")
        if have_sb3 and steps <= 100_000:
            runners.append(("SB3 PPO model.learn (1 thread)", lambda s=steps: sb3("sb3_ppo.py", "CartPole-v1", s)))
        row(f"PPO CartPole-v1 {steps} steps", runners, args.repeats)
    if "trpo-100k" in rows:
        base = ["--env", "CartPole-v1", "--timesteps", "100000", "--seed", "0"]
        runners = [("ours --threads 1 (1 core)", lambda: ours(trpo, [*base, "--threads", "1"], "0")),
                   ("ours --threads 2 (2 cores)", lambda: ours(trpo, [*base, "--threads", "2"], "0,1"))]
        if have_sb3:
            runners.append(("SB3-contrib TRPO model.learn (1 thread)", lambda: sb3("sb3_trpo.py", "CartPole-v1", 100_000)))
        else:
            print("note: no .venv (run setup.sh): SB3-contrib skipped")
        row("TRPO CartPole-v1 100000 steps", runners, args.repeats)
    if "hopper" in rows:
        venv = f"{ROOT}/.venv-hopper/bin/python"
        if args.trpo_mujoco and os.path.exists(venv):
            subprocess.run([venv, f"{HERE}/hopper_speed.py", "--trpo", args.trpo_mujoco], check=False)
        else:
            print("\nnote: Hopper-v4 skipped (needs --trpo-mujoco and .venv-hopper, see hopper_speed.py)")


if __name__ == "__main__":
    sys.exit(main())
