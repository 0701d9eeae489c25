"""RL Zoo hyperparameters for the five classic environments (standard library only, so compare.py can read them).

TRPO: rl-baselines3-zoo hyperparams/trpo.yml (../../shared/REFERENCE.md section 3). Keys not listed take
SB3-contrib's defaults: target_kl 0.01, cg_max_steps 15, cg_damping 0.1, n_critic_updates 10, batch_size 128,
learning_rate 1e-3, gamma 0.99, gae_lambda 0.95, n_steps 2048, line search 0.8 x 10, 64-64 tanh networks.

PPO: rl-baselines3-zoo hyperparams/ppo.yml (checked at commits 00128b5 and 208b6fd; the classic entries agree).
Keys not listed take SB3's defaults: batch_size 64, n_epochs 10, learning_rate 3e-4, clip_range 0.2, gamma 0.99,
gae_lambda 0.95, vf_coef 0.5, max_grad_norm 0.5, ent_coef 0. "lin_X" is the zoo's linear schedule (X times the
remaining progress).

`normalize: True` is SB3's VecNormalize (observations and rewards, clip 10) with the algorithm's gamma, as the
zoo sets it up. use_sde / sde_sample_freq are applied only when a script is given --sde.
"""

ZOO_TRPO = {
    "CartPole-v1": {"n_envs": 2, "n_steps": 512, "batch_size": 512, "cg_damping": 1e-3, "gae_lambda": 0.98,
                    "gamma": 0.99, "learning_rate": 1e-3, "n_critic_updates": 20},
    "Pendulum-v1": {"n_envs": 2, "n_steps": 1024, "gamma": 0.9, "n_critic_updates": 15,
                    "use_sde": True, "sde_sample_freq": 4},
    "Acrobot-v1": {"normalize": True, "n_envs": 2, "n_steps": 1024},
    "MountainCar-v0": {"normalize": True, "n_envs": 2, "n_steps": 1024, "n_critic_updates": 20},
    "MountainCarContinuous-v0": {"normalize": True, "n_envs": 2, "use_sde": True, "sde_sample_freq": 4},
}

# SB3-contrib TRPO's constructor defaults (2.9.2) for the keys `trpo train --set` understands.
SB3_CONTRIB_TRPO_DEFAULTS = {
    "n_envs": 1, "n_steps": 2048, "batch_size": 128, "gamma": 0.99, "gae_lambda": 0.95, "cg_max_steps": 15,
    "cg_damping": 0.1, "target_kl": 0.01, "n_critic_updates": 10, "learning_rate": 1e-3,
    "line_search_shrinking_factor": 0.8, "line_search_max_iter": 10, "normalize_advantage": True,
    "sub_sampling_factor": 1,
}

ZOO_PPO = {
    "CartPole-v1": {"n_envs": 8, "n_steps": 32, "batch_size": 256, "gae_lambda": 0.8, "gamma": 0.98,
                    "n_epochs": 20, "ent_coef": 0.0, "learning_rate": "lin_0.001", "clip_range": "lin_0.2"},
    "Pendulum-v1": {"n_envs": 4, "n_steps": 1024, "gae_lambda": 0.95, "gamma": 0.9, "n_epochs": 10,
                    "ent_coef": 0.0, "learning_rate": 1e-3, "clip_range": 0.2,
                    "use_sde": True, "sde_sample_freq": 4},
    "Acrobot-v1": {"normalize": True, "n_envs": 16, "n_steps": 256, "gae_lambda": 0.94, "gamma": 0.99,
                   "n_epochs": 4, "ent_coef": 0.0},
    "MountainCar-v0": {"normalize": True, "n_envs": 16, "n_steps": 16, "gae_lambda": 0.98, "gamma": 0.99,
                       "n_epochs": 4, "ent_coef": 0.0},
    "MountainCarContinuous-v0": {"normalize": True, "n_envs": 1, "batch_size": 256, "n_steps": 8,
                                 "gamma": 0.9999, "learning_rate": 7.77e-05, "ent_coef": 0.00429,
                                 "clip_range": 0.1, "n_epochs": 10, "gae_lambda": 0.9, "max_grad_norm": 5,
                                 "vf_coef": 0.19, "use_sde": True,
                                 "policy_kwargs": {"log_std_init": -3.29, "ortho_init": False}},
}


# SB3 PPO's constructor defaults (2.9.2) for the keys both sides understand.
SB3_PPO_DEFAULTS = {
    "n_envs": 1, "n_steps": 2048, "batch_size": 64, "n_epochs": 10, "gamma": 0.99, "gae_lambda": 0.95,
    "clip_range": 0.2, "normalize_advantage": True, "ent_coef": 0.0, "vf_coef": 0.5, "max_grad_norm": 0.5,
    "learning_rate": 3e-4,
}

ZOO = {"trpo": ZOO_TRPO, "ppo": ZOO_PPO}
DEFAULTS = {"trpo": SB3_CONTRIB_TRPO_DEFAULTS, "ppo": SB3_PPO_DEFAULTS}


def resolved(algorithm: str, env_id: str, sde: bool = False) -> dict:
    """The peer's defaults for `algorithm` ("trpo" or "ppo") overlaid with the zoo's entry for `env_id`."""
    values = dict(DEFAULTS[algorithm])
    for key, value in ZOO[algorithm][env_id].items():
        if key in ("use_sde", "sde_sample_freq") and not sde:
            continue
        values[key] = value
    return values


def resolved_trpo(env_id: str, sde: bool = False) -> dict:
    """SB3-contrib's defaults overlaid with the zoo's entry: every value the peer actually trains with."""
    return resolved("trpo", env_id, sde)
