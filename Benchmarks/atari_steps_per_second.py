#!/usr/bin/env python3
"""gymnasium + ale-py steps per second for Pong, the counterpart of Benchmarks/Atari.

Pinned versions: ale-py==0.12.1 gymnasium==1.4.0 numpy==2.4.6 opencv-python-headless==5.0.0.93
(the venv of Tests/AtariEnvironmentsTests/Fixtures/make_atari_fixtures.py has them).
    .venv-ale/bin/python Benchmarks/atari_steps_per_second.py [seconds per round] [rounds]

Random actions from env.action_space.sample(), resetting when an episode ends:
- gym.make("ALE/Pong-v5") raw (frameskip 4, sticky 0.25, RGB observations);
- FrameStackObservation(AtariPreprocessing(gym.make("ALE/Pong-v5", frameskip=1)), 4);
- two copies of that stack in gymnasium's AsyncVectorEnv (two worker processes), and ale-py's
  own C++ AtariVectorEnv (num_envs=2, num_threads=2; its defaults preprocess the same way).
Steps count copies. Best of several rounds, alternated.
"""

import sys
import time

import ale_py
import gymnasium as gym
import numpy as np

gym.register_envs(ale_py)
SECONDS = float(sys.argv[1]) if len(sys.argv) > 1 else 2.0
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 3


def stack():
    return gym.wrappers.FrameStackObservation(
        gym.wrappers.AtariPreprocessing(gym.make("ALE/Pong-v5", frameskip=1)), 4)


def single_loop(env):
    env.reset(seed=0)
    env.action_space.seed(0)

    def step():
        _, _, terminated, truncated, _ = env.step(env.action_space.sample())
        if terminated or truncated:
            env.reset()
    return step


def vector_loop(env):
    env.reset(seed=0)
    env.action_space.seed(0)
    return lambda: env.step(env.action_space.sample())


def measure(step, copies=1):
    for _ in range(50):
        step()
    steps, start = 0, time.perf_counter()
    while time.perf_counter() - start < SECONDS:
        for _ in range(50):
            step()
        steps += 50
    return copies * steps / (time.perf_counter() - start)


def main():
    print(f"ale-py {ale_py.__version__}, gymnasium {gym.__version__}, Pong, random actions, "
          f"best of {ROUNDS} rounds of {SECONDS} s")
    loops = {
        "ALE/Pong-v5 raw (gymnasium.make)": (single_loop(gym.make("ALE/Pong-v5")), 1),
        "Pong preprocessed stack (84x84x4)": (single_loop(stack()), 1),
        "Pong stack x 2, AsyncVectorEnv (2 processes)": (vector_loop(gym.vector.AsyncVectorEnv([stack, stack])), 2),
    }
    try:
        native = gym.make_vec("ALE/Pong-v5", num_envs=2, vectorization_mode="vector_entry_point", num_threads=2)
        loops["Pong x 2, ale-py AtariVectorEnv (2 threads)"] = (vector_loop(native), 2)
    except Exception as error:  # the C++ vector interface is optional in ale-py builds
        print(f"ale-py AtariVectorEnv unavailable: {error}")
    best = {name: 0.0 for name in loops}
    for _ in range(ROUNDS):
        for name, (step, copies) in loops.items():
            best[name] = max(best[name], measure(step, copies))
    for name, rate in best.items():
        print(f"{name:<52} {rate:.0f} steps/s")


if __name__ == "__main__":
    main()
