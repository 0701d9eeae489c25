#!/usr/bin/env python3
"""SB3 PPO with the RL Zoo's hyperparameters: times model.learn and evaluates the final policy (issue 5's peer).

Prints ONE JSON line with the same keys as sb3_trpo.py ("impl": "sb3-ppo").

Hyperparameters (zoo_hyperparameters.py): rl-baselines3-zoo hyperparams/ppo.yml (checked at commits 00128b5 and 208b6fd; the five
classic entries are the same in both), unchanged, except that gSDE is used only with --sde (TrustRegion has
none). `lin_X` is the zoo's linear schedule, X times the remaining progress. Everything not listed is SB3's
default (batch_size 64, n_epochs 10, learning_rate 3e-4, clip_range 0.2, gamma 0.99, gae_lambda 0.95,
vf_coef 0.5, max_grad_norm 0.5, ent_coef 0, net 64-64 tanh). The zoo trains Acrobot-v1 and MountainCar-v0 for
1e6 steps; at our 1e5 budget those two are not expected to be solved.

Run with the venv of setup.sh:  Benchmarks/peers/.venv/bin/python Benchmarks/peers/sb3_ppo.py --env CartPole-v1 --seed 0
Pinned: stable-baselines3 2.9.2, sb3-contrib 2.9.2, gymnasium 1.4.0, torch 2.13.0 (CPU), numpy 2.4.6.
"""

from stable_baselines3 import PPO

from peers_common import emit, parse_arguments, run
from zoo_hyperparameters import ZOO_PPO

if __name__ == "__main__":
    emit(run("sb3-ppo", PPO, ZOO_PPO, parse_arguments("SB3 PPO, RL Zoo hyperparameters")))
