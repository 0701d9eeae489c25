#!/usr/bin/env python3
"""A fixed number of gymnasium + ale-py Pong steps, the counterpart of `AtariBenchmark count`.

    .venv-ale/bin/python Benchmarks/atari_count.py raw|stack STEPS

raw: gym.make("ALE/Pong-v5"); stack: FrameStackObservation(AtariPreprocessing(gym.make(
"ALE/Pong-v5", frameskip=1)), 4). Random actions, resetting when an episode ends. Prints the CPU
microseconds per step of the loop (time.process_time, set-up excluded), which other processes on
the machine disturb far less than wall time.
"""

import sys
import time

import ale_py
import gymnasium as gym

gym.register_envs(ale_py)
kind, steps = sys.argv[1], int(sys.argv[2])
if kind == "raw":
    env = gym.make("ALE/Pong-v5")
else:
    env = gym.wrappers.FrameStackObservation(
        gym.wrappers.AtariPreprocessing(gym.make("ALE/Pong-v5", frameskip=1)), 4)
env.reset(seed=0)
env.action_space.seed(0)
start = time.process_time()
for _ in range(steps):
    _, _, terminated, truncated, _ = env.step(env.action_space.sample())
    if terminated or truncated:
        env.reset()
print(f"{(time.process_time() - start) / steps * 1e6:.1f}")
