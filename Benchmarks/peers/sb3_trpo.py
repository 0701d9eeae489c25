#!/usr/bin/env python3
"""SB3-contrib TRPO with the RL Zoo's hyperparameters: times model.learn and evaluates the final policy.

Prints ONE JSON line:
  {"impl": "sb3-contrib", "env", "seed", "timesteps", "learn_seconds", "rollout_seconds", "train_seconds",
   "steps_per_second", "mean_return", "std_return", ...extras (timesteps_done, sde, threads, hyperparameters,
   versions)}
learn_seconds is the wall clock of model.learn; rollout_seconds and train_seconds are the parts of it spent in
collect_rollouts and in train (the rest is SB3's bookkeeping). steps_per_second = timesteps_done / learn_seconds.
The evaluation runs the mode action for 20 episodes on a fresh gymnasium env whose first reset is seeded.

Hyperparameters (zoo_hyperparameters.py): rl-baselines3-zoo hyperparams/trpo.yml (../../shared/REFERENCE.md section 3), unchanged, except
that gSDE (use_sde, sde_sample_freq) is used only with --sde, since TrustRegion has no gSDE. Everything not
listed is SB3-contrib's default (target_kl 0.01, cg_max_steps 15, cg_damping 0.1, n_critic_updates 10,
batch_size 128, learning_rate 1e-3, gamma 0.99, gae_lambda 0.95, line search 0.8 x 10, net 64-64 tanh).

Run with the venv of setup.sh:  Benchmarks/peers/.venv/bin/python Benchmarks/peers/sb3_trpo.py --env CartPole-v1 --seed 0
Pinned: stable-baselines3 2.9.2, sb3-contrib 2.9.2, gymnasium 1.4.0, torch 2.13.0 (CPU), numpy 2.4.6.
"""

from sb3_contrib import TRPO

from peers_common import emit, parse_arguments, run
from zoo_hyperparameters import ZOO_TRPO

if __name__ == "__main__":
    emit(run("sb3-contrib", TRPO, ZOO_TRPO, parse_arguments("SB3-contrib TRPO, RL Zoo hyperparameters")))
