#!/usr/bin/env python3
"""Plays a TrustRegion run's policy in Gymnasium, with NumPy only: no TrustRegion, no torch.

    python examples/run_policy.py runs/cartpole --episodes 10 --seed 0

prints {"mean_return", "std_return", "episodes", "returns"} as `trpo eval --run-dir runs/cartpole
--episodes 10 --seed 0` does, with the same deterministic actions (the policy's mode): the first
episode is reset with `seed`, the following ones continue the environment's random stream.
`--actions FILE` also writes each step's action as a JSON line. Needs `gymnasium` and `numpy`
(and the engine of the environment, e.g. `mujoco` for Hopper-v5).

policy.safetensors (format `trustregion-policy-3`) is read here by hand (an 8-byte little-endian
header length, a JSON header, raw little-endian tensors); `safetensors.numpy.load_file(path)` gives
the same dictionary. Its tensors follow PyTorch's conventions:

- `network.0.weight` [out, in], `network.0.bias` [out], `network.2.weight`, ... : the MLP as
  `torch.nn.Sequential(Linear, activation, Linear, activation, ..., Linear)`, its widths in the
  metadata key `network.widths` (e.g. "4,64,64,2") and its activation in `network.activation`;
- `log_std` [action dimension] for a Gaussian policy (SB3's name);
- `obs_normalizer.mean`, `obs_normalizer.var`, and the scalars `obs_normalizer.count`, `.clip`,
  `.epsilon` when the run normalised observations: the network sees
  clip((obs - mean) / sqrt(var + epsilon), -clip, clip).

With torch, the same network is

    layers = []
    for i in range(len(widths) - 1):
        layers.append(torch.nn.Linear(widths[i], widths[i + 1]))
        if i < len(widths) - 2:
            layers.append(torch.nn.Tanh())  # or ReLU, after network.activation
    net = torch.nn.Sequential(*layers)
    net.load_state_dict({k[len("network."):]: torch.from_numpy(v.copy())
                         for k, v in tensors.items() if k.startswith("network.")})
"""

import argparse
import ast
import json
import os
import struct
import sys

import numpy as np

DTYPES = {"F64": np.float64, "F32": np.float32, "F16": np.float16, "I64": np.int64, "I32": np.int32,
          "I16": np.int16, "I8": np.int8, "U64": np.uint64, "U32": np.uint32, "U16": np.uint16,
          "U8": np.uint8, "BOOL": np.bool_}
ACTIVATIONS = {"tanh": np.tanh, "relu": lambda z: np.maximum(z, 0)}


def load_safetensors(path):
    """(tensors by name as NumPy arrays, metadata) of a safetensors file."""
    with open(path, "rb") as file:
        data = file.read()
    (length,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8:8 + length])
    metadata = header.pop("__metadata__", {})
    start = 8 + length
    tensors = {}
    for name, entry in header.items():
        begin, end = entry["data_offsets"]
        dtype = np.dtype(DTYPES[entry["dtype"]]).newbyteorder("<")
        array = np.frombuffer(data[start + begin:start + end], dtype=dtype)
        tensors[name] = array.reshape(entry["shape"])
    return tensors, metadata


class Policy:
    """The deterministic policy of a policy.safetensors file: observation -> Gymnasium action."""

    def __init__(self, path):
        self.tensors, self.metadata = load_safetensors(path)
        if self.metadata.get("format") != "trustregion-policy-3":
            sys.exit(f"{path}: format {self.metadata.get('format')!r}; this script reads trustregion-policy-3 "
                     "(named tensors; retrain or re-save with a current trpo)")
        if self.metadata.get("network") != "mlp":
            sys.exit(f"{path}: network kind {self.metadata.get('network')!r} is not an MLP; "
                     "its tensors are named but this script runs MLPs only")
        self.widths = [int(w) for w in self.metadata["network.widths"].split(",")]
        self.activation = ACTIVATIONS[self.metadata["network.activation"]]
        self.layers = [(self.tensors[f"network.{2 * i}.weight"], self.tensors[f"network.{2 * i}.bias"])
                       for i in range(len(self.widths) - 1)]
        self.distribution = self.metadata["distribution"]
        self.sizes = [int(s) for s in self.metadata["distribution_sizes"].split(",") if s]

    def normalize(self, observation):
        """SB3's VecNormalize with frozen statistics, in float64 as trpo computes it."""
        x = np.asarray(observation, dtype=np.float32).reshape(-1)
        if "obs_normalizer.mean" not in self.tensors:
            return x
        t = self.tensors
        deviation = np.sqrt(t["obs_normalizer.var"] + t["obs_normalizer.epsilon"])
        clip = float(t["obs_normalizer.clip"])
        return np.clip((x.astype(np.float64) - t["obs_normalizer.mean"]) / deviation, -clip, clip).astype(np.float32)

    def outputs(self, observation):
        """The network's outputs (logits or means) for one raw observation, in float32."""
        z = self.normalize(observation)
        for index, (weight, bias) in enumerate(self.layers):
            z = weight @ z + bias
            if index < len(self.layers) - 1:
                z = self.activation(z)
        return z

    def action(self, observation, action_space):
        """The mode of the action distribution, as the environment takes it: trpo's 0-based choices
        shifted by the space's `start`, bits and choices in the space's own shape and dtype."""
        z = self.outputs(observation)
        start = np.asarray(getattr(action_space, "start", 0))
        if self.distribution == "categorical":
            return int(np.argmax(z) + start)
        if self.distribution == "diagonal_gaussian":  # the mean, clipped to the Box as trpo does
            return np.clip(z, action_space.low, action_space.high).astype(action_space.dtype)
        if self.distribution == "multi_categorical":
            bounds = np.cumsum([0] + self.sizes)
            choices = np.array([np.argmax(z[a:b]) for a, b in zip(bounds[:-1], bounds[1:])])
            return (choices.reshape(action_space.shape) + start).astype(action_space.dtype)
        if self.distribution == "bernoulli":
            return (z > 0).reshape(action_space.shape).astype(action_space.dtype)
        sys.exit(f"distribution {self.distribution!r} is not known to this script")


def python_value(text):
    """A `--env-kwargs` value as Python reads it (True, 0.1, (0.8, 2.0)), else the text itself."""
    lowered = {"true": "True", "false": "False", "none": "None"}.get(text.lower(), text)
    try:
        return ast.literal_eval(lowered)
    except (ValueError, SyntaxError):
        return text


def make_environment(environment_id):
    """gymnasium.make of a trpo environment id: `gym:` dropped, `?key=value&...` as keyword arguments."""
    import gymnasium as gym
    if environment_id.startswith("gym:"):
        environment_id = environment_id[len("gym:"):]
    environment_id, _, query = environment_id.partition("?")
    kwargs = {}
    for item in filter(None, query.split("&")):
        key, _, value = item.partition("=")
        kwargs[key] = python_value(value)
    if ":" in environment_id:  # gym:module:ClassName
        import importlib
        module_name, class_name = environment_id.split(":", 1)
        sys.path.insert(0, os.getcwd())
        environment_class = getattr(importlib.import_module(module_name), class_name, None)
        if isinstance(environment_class, type):
            return environment_class(**kwargs)
    return gym.make(environment_id, **kwargs)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("run_dir", help="a trpo run directory (or a policy.safetensors file)")
    parser.add_argument("--episodes", type=int, default=10)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--env", help="the Gymnasium id to play (default: the policy's)")
    parser.add_argument("--actions", help="write each step's action as a JSON line to this file")
    arguments = parser.parse_args()
    path = arguments.run_dir
    if os.path.isdir(path):
        path = os.path.join(path, "policy.safetensors")
    policy = Policy(path)
    env = make_environment(arguments.env or policy.metadata["env"])
    actions = open(arguments.actions, "w") if arguments.actions else None
    returns = []
    for episode in range(arguments.episodes):
        observation, _ = env.reset(seed=arguments.seed if episode == 0 else None)
        total, done = 0.0, False
        while not done:
            action = policy.action(observation, env.action_space)
            if actions:
                actions.write(json.dumps({"episode": episode, "action": np.asarray(action).tolist()}) + "\n")
            observation, reward, terminated, truncated, _ = env.step(action)
            total += float(reward)
            done = terminated or truncated
        returns.append(total)
    if actions:
        actions.close()
    # Plain left-to-right sums (Python 3.12's sum() compensates), so the numbers equal trpo eval's.
    total = 0.0
    for value in returns:
        total += value
    mean = total / len(returns)
    squares = 0.0
    for value in returns:
        squares += (value - mean) * (value - mean)
    deviation = (squares / len(returns)) ** 0.5
    print(json.dumps({"mean_return": mean, "std_return": deviation, "episodes": len(returns), "returns": returns}))


if __name__ == "__main__":
    main()
