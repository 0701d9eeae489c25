#!/usr/bin/env python3
"""SB3-contrib's TRPO with `CnnPolicy` on PongNoFrameskip-v4: agent steps per second, learning included.

The RL Zoo's Atari set-up (make_atari_env: Monitor under SB3's AtariWrapper, 8 envs, VecFrameStack 4)
and SB3-contrib's TRPO defaults (n_steps set to 128: 8 × 128 = 1,024 steps per iteration; cg_max_steps 15,
n_critic_updates 10, batch_size 128, target_kl 0.01), one torch thread. Prints one JSON line with the wall and
CPU (user + sys of this process) seconds of model.learn and the steps per second of each.

    /work/venvs/sb3/bin/python Benchmarks/Atari/sb3_trpo_pong.py [timesteps] [seed]

Pinned: torch 2.13.0+cpu, stable-baselines3 2.9.2, sb3-contrib 2.9.2, ale-py 0.12.1, gymnasium 1.4.0,
opencv-python-headless 5.0.0.93. SB3's CnnPolicy shares one NatureCNN between the policy and the value
(share_features_extractor); TrustRegion's CnnPolicy has two, so it does more convolution work per step.
"""

import json
import os
import sys
import time

import ale_py
import gymnasium as gym
import torch
from sb3_contrib import TRPO
from stable_baselines3.common.env_util import make_atari_env
from stable_baselines3.common.vec_env import VecFrameStack

gym.register_envs(ale_py)
timesteps = int(sys.argv[1]) if len(sys.argv) > 1 else 8192
seed = int(sys.argv[2]) if len(sys.argv) > 2 else 0
torch.set_num_threads(1)
environment = VecFrameStack(make_atari_env("PongNoFrameskip-v4", n_envs=8, seed=seed), n_stack=4)
model = TRPO("CnnPolicy", environment, n_steps=128, seed=seed, device="cpu", verbose=0)
wall, cpu = time.perf_counter(), os.times()
model.learn(total_timesteps=timesteps)
wall = time.perf_counter() - wall
after = os.times()
cpu = (after.user - cpu.user) + (after.system - cpu.system)
print(json.dumps({
    "impl": "sb3-contrib TRPO CnnPolicy", "timesteps": model.num_timesteps, "torch_threads": torch.get_num_threads(),
    "wall_seconds": wall, "cpu_seconds": cpu, "steps_per_second": model.num_timesteps / wall,
    "steps_per_cpu_second": model.num_timesteps / cpu,
}))
