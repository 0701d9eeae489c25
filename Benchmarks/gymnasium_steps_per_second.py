#!/usr/bin/env python3
"""Gymnasium's raw steps per second for the classic-control environments, on one thread.

Pinned versions (requirements line): gymnasium==1.4.0 numpy==2.4.6
Usage, from the repository root (the fixtures' venv has them):
    .venv-fixtures/bin/python Benchmarks/gymnasium_steps_per_second.py [steps]

Two protocols through gymnasium.make (TimeLimit and the other default wrappers included):
"sample" draws each action with env.action_space.sample() (the issue's measurement), "predrawn"
cycles 4096 pre-drawn actions, as the Swift benchmark does. Best of three runs each.
"""

import sys
import time

import gymnasium as gym
import numpy as np

IDS = ["CartPole-v1", "Pendulum-v1", "Acrobot-v1", "MountainCar-v0", "MountainCarContinuous-v0"]


def run(env, steps, actions=None):
    env.reset(seed=0)
    start = time.perf_counter()
    for index in range(steps):
        action = env.action_space.sample() if actions is None else actions[index % len(actions)]
        _, _, terminated, truncated, _ = env.step(action)
        if terminated or truncated:
            env.reset()
    return steps / (time.perf_counter() - start)


def main():
    steps = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    print("environment,steps_per_second_sample,steps_per_second_predrawn")
    for env_id in IDS:
        env = gym.make(env_id)
        env.action_space.seed(1)
        actions = [env.action_space.sample() for _ in range(4096)]
        sampled = max(run(env, steps) for _ in range(3))
        predrawn = max(run(env, steps, actions) for _ in range(3))
        print(f"{env_id},{int(sampled)},{int(predrawn)}")


if __name__ == "__main__":
    main()
