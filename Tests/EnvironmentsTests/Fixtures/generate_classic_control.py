#!/usr/bin/env python3
"""Generates the Gymnasium reference traces that EnvironmentsTests compares against.

Pinned versions (requirements line):
    gymnasium==1.4.0 numpy==2.4.6

Set-up and use, from the repository root:
    python3 -m venv .venv-fixtures
    .venv-fixtures/bin/pip install gymnasium==1.4.0 numpy==2.4.6
    .venv-fixtures/bin/python Tests/EnvironmentsTests/Fixtures/generate_classic_control.py

Writes, next to this script:
- numpy_random.json: SeedSequence states, PCG64 states and `Generator.random()` draws per seed.
- <env id>.json: per environment, several seeds x a few hundred steps of a recorded action
  sequence through `gymnasium.make(id)` (TimeLimit included): the reset state (float64), every
  observation (float32, printed shortest), reward, terminated, truncated, and each automatic
  `reset()` (no seed: the stream continues) after an episode ended.
- edge_cases.json: single steps of MountainCarContinuous and Acrobot from hand-set states.
- vector_<env id>.json: a SyncVectorEnv trace with `autoreset_mode=SAME_STEP`, final observations
  included.
Observations are written with numpy.float32's shortest repr, so they parse back to the exact float32.
"""

import json
import math
import os

import gymnasium as gym
import numpy as np
from gymnasium.vector import AutoresetMode, SyncVectorEnv

HERE = os.path.dirname(os.path.abspath(__file__))
assert gym.__version__ == "1.4.0", gym.__version__
assert np.__version__ == "2.4.6", np.__version__


def f32(values):
    """float32 values as shortest-repr JSON numbers (exact when parsed as float32)."""
    return [float(str(np.float32(v))) for v in np.ravel(values)]


def numpy_random_fixture():
    seeds = [0, 1, 42, 123, 2**32 - 1, 2**32, 2**63 + 12345, 2**64 - 1]
    cases = []
    for seed in seeds:
        sequence = np.random.SeedSequence(seed)
        bit_generator = np.random.PCG64(sequence)
        state = bit_generator.state["state"]
        generator = np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed)))
        draws = generator.random(8).tolist()
        uniform = generator.uniform(-0.05, 0.05, size=(4,)).tolist()
        cases.append({
            "seed": str(seed),
            "pool": [int(w) for w in sequence.pool],
            "state_words_uint32": [int(w) for w in np.random.SeedSequence(seed).generate_state(8, np.uint32)],
            "pcg_state": str(state["state"]),
            "pcg_increment": str(state["inc"]),
            "random": draws,
            "uniform_after": uniform,
        })
    return {"cases": cases}


# Recorded action sequences: drawn from a fixed generator (or a feedback policy) and stored.

def choose(env_id, policy, rng, observation):
    if env_id == "CartPole-v1":
        if policy == "controller":  # balances for the full 500 steps, so truncation is exercised
            return int(observation[2] + 0.5 * observation[3] > 0)
        return int(rng.integers(2))
    if env_id == "Acrobot-v1":
        if policy == "controller":  # pump energy: torque along the second joint's velocity
            return 2 if observation[5] > 0 else 0
        return int(rng.integers(3))
    if env_id == "MountainCar-v0":
        if policy == "controller":  # push along the velocity: reaches the goal
            return 2 if observation[1] >= 0 else 0
        return int(rng.integers(3))
    if env_id == "MountainCarContinuous-v0":
        # Unclipped actions beyond [-1, 1] exercise the clip and the unclipped penalty.
        magnitude = np.float32(rng.uniform(0.2, 1.6))
        if policy == "controller":
            return np.array([magnitude if observation[1] >= 0 else -magnitude], dtype=np.float32)
        return rng.uniform(-1.6, 1.6, size=(1,)).astype(np.float32)
    if env_id == "Pendulum-v1":
        return rng.uniform(-3.0, 3.0, size=(1,)).astype(np.float32)
    raise ValueError(env_id)


def action_json(action):
    if isinstance(action, np.ndarray):
        return f32(action)
    return int(action)


def internal_state(env):
    return [float(v) for v in np.ravel(np.asarray(env.unwrapped.state, dtype=np.float64))]


def trace(env_id, seed, steps, policy):
    env = gym.make(env_id)
    observation, _ = env.reset(seed=seed)
    rng = np.random.default_rng(1000 + seed)
    record = {
        "seed": seed, "policy": policy,
        "reset_state": internal_state(env), "reset_observation": f32(observation),
        "actions": [], "observations": [], "rewards": [], "terminated": [], "truncated": [],
        "resets": [],
    }
    for step in range(steps):
        action = choose(env_id, policy, rng, observation)
        observation, reward, terminated, truncated, _ = env.step(action)
        record["actions"].append(action_json(action))
        record["observations"].append(f32(observation))
        record["rewards"].append(float(reward))
        record["terminated"].append(bool(terminated))
        record["truncated"].append(bool(truncated))
        if terminated or truncated:
            observation, _ = env.reset()
            record["resets"].append({"step": step, "state": internal_state(env), "observation": f32(observation)})
    return record


PLAN = {
    "CartPole-v1": [(0, 300, "random"), (1, 300, "random"), (7, 560, "controller")],
    "Pendulum-v1": [(0, 260, "random"), (3, 260, "random"), (11, 200, "random")],
    "Acrobot-v1": [(0, 300, "controller"), (5, 520, "random"), (9, 200, "controller")],
    "MountainCar-v0": [(0, 260, "controller"), (2, 220, "random"), (8, 260, "controller")],
    "MountainCarContinuous-v0": [(0, 300, "controller"), (4, 200, "random"), (6, 300, "controller")],
}


def vector_trace(env_id, copies, seed, steps):
    envs = SyncVectorEnv([lambda: gym.make(env_id) for _ in range(copies)], autoreset_mode=AutoresetMode.SAME_STEP)
    observations, _ = envs.reset(seed=seed)
    rng = np.random.default_rng(2000 + seed)
    record = {"id": env_id, "copies": copies, "seed": seed, "reset_observations": [f32(o) for o in observations],
              "steps": []}
    for _ in range(steps):
        if env_id == "Pendulum-v1":
            actions = rng.uniform(-2.0, 2.0, size=(copies, 1)).astype(np.float32)
            actions_json = [f32(a) for a in actions]
        else:
            actions = rng.integers(2, size=(copies,))
            actions_json = [int(a) for a in actions]
        observations, rewards, terminated, truncated, infos = envs.step(actions)
        final = [None] * copies
        if "final_obs" in infos:
            for index in range(copies):
                if infos["_final_obs"][index]:
                    final[index] = f32(infos["final_obs"][index])
        record["steps"].append({
            "actions": actions_json, "observations": [f32(o) for o in observations],
            "rewards": [float(r) for r in rewards], "terminated": [bool(t) for t in terminated],
            "truncated": [bool(t) for t in truncated], "final_observations": final,
        })
    return record


def edge_cases():
    """Single steps from hand-set states that random traces rarely reach (velocity and position
    clips, the walls, exact ±1 actions, float64 vs float32 state, Acrobot's angle wrap and speed bounds)."""
    rng = np.random.default_rng(77)
    cases = []
    mcc_states = [((0.3, 0.0695), 1.0, True), ((0.3, -0.0699), -1.5, True), ((0.58, 0.0699), 1.2, True),
                  ((-1.19, -0.05), -1.0, True), ((-0.5, 0.0), 1.0, False), ((-0.5, 0.0), -1.0, False),
                  ((-0.5, 0.0), 1.0000001, False), ((0.449, 0.0015), 0.7, True), ((-1.2, 0.0), -0.3, True)]
    for _ in range(40):
        mcc_states.append(((rng.uniform(-1.2, 0.6), rng.uniform(-0.07, 0.07)), rng.uniform(-2, 2), bool(rng.integers(2))))
    for (position, velocity), action, is_float32 in mcc_states:
        env = gym.make("MountainCarContinuous-v0").unwrapped
        env.reset(seed=0)
        env.state = np.array([position, velocity], dtype=np.float32 if is_float32 else np.float64)
        state = [float(v) for v in env.state]
        action = np.array([action], dtype=np.float32)
        observation, reward, terminated, _, _ = env.step(action)
        cases.append({"id": "MountainCarContinuous-v0", "state": state, "state_is_float32": is_float32,
                      "action": f32(action), "observation": f32(observation), "reward": float(reward),
                      "terminated": bool(terminated)})
    acrobot_states = [(3.1, -3.1, 12.4, 28.0), (-3.14, 3.14, -12.5, -28.2), (0.0, 0.0, 12.56, 28.27)]
    for _ in range(20):
        acrobot_states.append(tuple(rng.uniform(-np.pi, np.pi, 2)) + (rng.uniform(-13, 13), rng.uniform(-29, 29)))
    for index, state in enumerate(acrobot_states):
        env = gym.make("Acrobot-v1").unwrapped
        env.reset(seed=0)
        env.state = np.array(state, dtype=np.float64)
        observation, reward, terminated, _, _ = env.step(index % 3)
        cases.append({"id": "Acrobot-v1", "state": [float(v) for v in state], "state_is_float32": False,
                      "action": index % 3, "observation": f32(observation), "reward": float(reward),
                      "terminated": bool(terminated), "next_state": [float(v) for v in env.state]})
    return {"cases": cases}


def write(name, payload):
    with open(os.path.join(HERE, name), "w") as handle:
        json.dump(payload, handle, separators=(",", ":"))
        handle.write("\n")


def main():
    write("numpy_random.json", numpy_random_fixture())
    write("edge_cases.json", edge_cases())
    for env_id, runs in PLAN.items():
        write(f"{env_id}.json", {"id": env_id, "runs": [trace(env_id, *run) for run in runs]})
    write("vector_CartPole-v1.json", vector_trace("CartPole-v1", 4, 42, 150))
    write("vector_Pendulum-v1.json", vector_trace("Pendulum-v1", 2, 5, 210))


if __name__ == "__main__":
    main()
