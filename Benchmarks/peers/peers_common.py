"""Shared machinery for the Stable-Baselines3 peer benchmarks (sb3_trpo.py, sb3_ppo.py).

Builds the training environment the way the RL Zoo does (make_vec_env with Monitor, DummyVecEnv,
optional VecNormalize with the algorithm's gamma), wraps an SB3 algorithm class so that the time spent in
`collect_rollouts` and in `train` is measured separately, evaluates the final policy deterministically on a
fresh, seeded environment, and prints one JSON line.

Versions: see setup.sh / requirements.txt (stable-baselines3 2.9.2, sb3-contrib 2.9.2, gymnasium 1.4.0,
torch 2.13.0 CPU).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import sys
import time
from typing import Any, Callable

import gymnasium as gym
import numpy as np
import torch
from stable_baselines3.common.env_util import make_vec_env
from stable_baselines3.common.vec_env import VecNormalize

CLASSIC_ENVIRONMENTS = ["CartPole-v1", "Pendulum-v1", "Acrobot-v1", "MountainCar-v0", "MountainCarContinuous-v0"]


def linear_schedule(initial: float) -> Callable[[float], float]:
    """The zoo's `lin_X`: X times the remaining progress (1 at the start, 0 at the end)."""
    return lambda progress_remaining: progress_remaining * initial


def schedules(hyperparameters: dict[str, Any]) -> dict[str, Any]:
    """Replaces the zoo's "lin_X" strings by SB3 schedules (X times the remaining progress)."""
    resolved = {}
    for key, value in hyperparameters.items():
        if isinstance(value, str) and value.startswith("lin_"):
            resolved[key] = linear_schedule(float(value[4:]))
        else:
            resolved[key] = value
    return resolved


def timed_algorithm(base: type) -> type:
    """A subclass of an SB3 on-policy algorithm that adds up wall time in rollouts and in updates."""

    class Timed(base):  # type: ignore[misc, valid-type]
        rollout_seconds = 0.0
        train_seconds = 0.0

        def collect_rollouts(self, *args, **kwargs):  # noqa: D401
            start = time.perf_counter()
            try:
                return super().collect_rollouts(*args, **kwargs)
            finally:
                self.rollout_seconds += time.perf_counter() - start

        def train(self) -> None:
            start = time.perf_counter()
            try:
                super().train()
            finally:
                self.train_seconds += time.perf_counter() - start

    Timed.__name__ = f"Timed{base.__name__}"
    return Timed


def parse_arguments(description: str, default_env: str = "CartPole-v1") -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--env", default=default_env, choices=CLASSIC_ENVIRONMENTS)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--timesteps", type=int, default=100_000)
    parser.add_argument("--sde", action="store_true",
                        help="use gSDE where the zoo does (Pendulum-v1, MountainCarContinuous-v0); off by default "
                             "because TrustRegion has no gSDE")
    parser.add_argument("--threads", type=int, default=1, help="torch.set_num_threads (default 1)")
    parser.add_argument("--eval-episodes", type=int, default=20)
    parser.add_argument("--eval-seed", type=int, default=None,
                        help="seed of the first evaluation reset (default: the training seed)")
    parser.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                        help="override one hyperparameter (a number, or lin_X)")
    return parser.parse_args()


def apply_overrides(hyperparameters: dict[str, Any], overrides: list[str]) -> None:
    for item in overrides:
        key, separator, text = item.partition("=")
        if not separator:
            raise SystemExit(f"--set expects KEY=VALUE, got {item!r}")
        if text.startswith("lin_"):
            hyperparameters[key] = text
        elif text.lower() in ("true", "false"):
            hyperparameters[key] = text.lower() == "true"
        else:
            number = float(text)
            hyperparameters[key] = int(number) if number.is_integer() and "." not in text and "e" not in text else number


def run(impl: str, algorithm: type, zoo: dict[str, dict[str, Any]], arguments: argparse.Namespace) -> dict[str, Any]:
    """Trains, times and evaluates one (environment, seed) run; returns the JSON record."""
    torch.set_num_threads(arguments.threads)
    hyperparameters = dict(zoo[arguments.env])
    apply_overrides(hyperparameters, arguments.set)
    n_envs = int(hyperparameters.pop("n_envs", 1))
    normalize = bool(hyperparameters.pop("normalize", False))
    sde_keys = {"use_sde": hyperparameters.pop("use_sde", False),
                "sde_sample_freq": hyperparameters.pop("sde_sample_freq", -1)}
    use_sde = bool(arguments.sde and sde_keys["use_sde"])
    if use_sde:
        hyperparameters.update(sde_keys)

    env = make_vec_env(arguments.env, n_envs=n_envs, seed=arguments.seed)
    if normalize:
        # The zoo passes the algorithm's gamma to VecNormalize (0.99, SB3's default, when it sets none).
        env = VecNormalize(env, gamma=hyperparameters.get("gamma", 0.99))
    model = timed_algorithm(algorithm)("MlpPolicy", env, seed=arguments.seed, device="cpu", verbose=0,
                                       **schedules(hyperparameters))
    load_before = os.getloadavg()[0]
    start = time.perf_counter()
    model.learn(total_timesteps=arguments.timesteps)
    learn_seconds = time.perf_counter() - start

    returns = evaluate(model, arguments.env, env if normalize else None, arguments.eval_episodes,
                       arguments.seed if arguments.eval_seed is None else arguments.eval_seed)
    shown = {"n_envs": n_envs, "normalize": normalize, **hyperparameters}
    return {
        "impl": impl,
        "env": arguments.env,
        "seed": arguments.seed,
        "timesteps": arguments.timesteps,
        "learn_seconds": round(learn_seconds, 3),
        "rollout_seconds": round(model.rollout_seconds, 3),
        "train_seconds": round(model.train_seconds, 3),
        "steps_per_second": round(model.num_timesteps / learn_seconds, 1),
        "mean_return": float(np.mean(returns)),
        "std_return": float(np.std(returns)),
        "timesteps_done": int(model.num_timesteps),
        "sde": use_sde,
        "threads": arguments.threads,
        "eval_episodes": len(returns),
        "load_average_1min": round(load_before, 2),
        "hyperparameters": shown,
        "versions": versions(),
    }


def evaluate(model: Any, env_id: str, normalizer: VecNormalize | None, episodes: int, seed: int) -> list[float]:
    """Mode-action returns of `episodes` episodes on a fresh environment whose first reset uses `seed`."""
    env = gym.make(env_id)
    returns = []
    observation, _ = env.reset(seed=seed)
    env.action_space.seed(seed)
    for _ in range(episodes):
        total, done = 0.0, False
        while not done:
            policy_input = normalizer.normalize_obs(observation) if normalizer is not None else observation
            action, _ = model.predict(policy_input, deterministic=True)
            observation, reward, terminated, truncated, _ = env.step(action)
            total += float(reward)
            done = terminated or truncated
        returns.append(total)
        observation, _ = env.reset()
    env.close()
    return returns


def versions() -> dict[str, str]:
    import sb3_contrib
    import stable_baselines3
    return {"python": platform.python_version(), "torch": torch.__version__, "gymnasium": gym.__version__,
            "stable_baselines3": stable_baselines3.__version__, "sb3_contrib": sb3_contrib.__version__,
            "numpy": np.__version__}


def emit(record: dict[str, Any]) -> None:
    if not all(math.isfinite(record[k]) for k in ("mean_return", "learn_seconds")):
        print("warning: non-finite figures", file=sys.stderr)
    print(json.dumps(record), flush=True)
