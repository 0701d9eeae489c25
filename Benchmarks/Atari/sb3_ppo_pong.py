#!/usr/bin/env python3
"""SB3's PPO with `CnnPolicy` on PongNoFrameskip-v4 with the RL Zoo's Atari settings, for timing.

make_atari_env (Monitor under SB3's AtariWrapper), 8 envs, VecFrameStack 4, n_steps 128, n_epochs 4,
batch_size 256, lin_2.5e-4 and lin_0.1 over the run, vf_coef 0.5, ent_coef 0.01; SB3's CnnPolicy shares
one NatureCNN between π and V (share_features_extractor, its default); one torch thread.

    /work/venvs/sb3/bin/python Benchmarks/Atari/sb3_ppo_pong.py [timesteps] [seed]

Pinned: torch 2.13.0+cpu, stable-baselines3 2.9.2, ale-py 0.12.1, gymnasium 1.4.0.
Compare with `trpo train --env PongNoFrameskip-v4 --algo ppo --set share_features_extractor=true
--timesteps N --threads 1` (Benchmarks/speed/ab.sh times both whole processes).
"""

import sys

import ale_py
import gymnasium as gym
import torch
from stable_baselines3 import PPO
from stable_baselines3.common.env_util import make_atari_env
from stable_baselines3.common.vec_env import VecFrameStack

gym.register_envs(ale_py)
timesteps = int(sys.argv[1]) if len(sys.argv) > 1 else 8192
seed = int(sys.argv[2]) if len(sys.argv) > 2 else 0
torch.set_num_threads(1)
environment = VecFrameStack(make_atari_env("PongNoFrameskip-v4", n_envs=8, seed=seed), n_stack=4)


def linear(start):
    return lambda progress_remaining: progress_remaining * start


model = PPO("CnnPolicy", environment, n_steps=128, n_epochs=4, batch_size=256, learning_rate=linear(2.5e-4),
            clip_range=linear(0.1), vf_coef=0.5, ent_coef=0.01, seed=seed, device="cpu", verbose=0)
model.learn(total_timesteps=timesteps)
