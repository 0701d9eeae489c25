"""TrustRegion's Gymnasium worker: runs a group of environment copies for `trpo --env gym:...`.

The `trpo` process starts one worker per group of copies with a socket as the worker's stdin and
talks a compact binary protocol over it, one round trip per vector step. Inside, the copies are a
Gymnasium `SyncVectorEnv` with `AutoresetMode.SAME_STEP` (the auto-reset TrustRegion's own vector
environment has), so a registered id gives the same transitions as `trpo`'s built-in copy of it.

Frames both ways: opcode (u8), payload length (u32 little endian), payload. Requests:
  I  JSON {"target", "num_envs", "kwargs",   -> JSON {"observation_space", "action_space"}
           "text_kwargs"} (--env-kwargs values as text, read as Python literals where they are one)
  R  u8 has_seed, u64 seed                   -> observations (float32, num_envs x obs_dim)
  S  actions (int64 or float32, row-major)   -> observations f32 | rewards f64 | terminated u8 |
                                                truncated u8 | final observations f32 of ended copies
  P                                          -> cloudpickle of the copies (a checkpoint)
  U  the bytes of a P reply                  -> empty (the copies are replaced)
  C                                          -> empty, then the worker exits
Replies have opcode 0 for success, 1 for a failure with a JSON payload {"kind", "message",
"traceback"}. The user's own prints go to stderr, so they cannot corrupt the protocol.
"""

import importlib
import json
import os
import signal
import socket
import struct
import sys
import traceback

HEADER = struct.Struct("<BI")


def receive_exactly(connection, size):
    """Reads `size` bytes, or returns None at end of input (the trpo process has gone)."""
    buffer = bytearray(size)
    view = memoryview(buffer)
    received = 0
    while received < size:
        count = connection.recv_into(view[received:], size - received)
        if count == 0:
            return None
        received += count
    return bytes(buffer)


def reply(connection, status, payload=b""):
    connection.sendall(HEADER.pack(status, len(payload)) + payload)


def failure(connection, kind, message, with_traceback=True):
    details = {"kind": kind, "message": message, "traceback": traceback.format_exc() if with_traceback else ""}
    reply(connection, 1, json.dumps(details).encode())


def describe_space(space, spaces, np):
    """The space as JSON for the Swift side; unsupported kinds are named, and refused there."""
    name = type(space).__name__
    if isinstance(space, spaces.Discrete):
        return {"kind": "Discrete", "n": int(space.n), "start": int(space.start)}
    if isinstance(space, spaces.MultiDiscrete):
        return {"kind": "MultiDiscrete", "nvec": [int(n) for n in space.nvec.reshape(-1)],
                "start": [int(s) for s in space.start.reshape(-1)], "shape": list(space.shape)}
    if isinstance(space, spaces.MultiBinary):  # any shape, flattened: n bits
        return {"kind": "MultiBinary", "n": int(np.prod(space.shape)), "shape": list(space.shape)}
    if isinstance(space, spaces.Box):
        # Bounds as text: JSON has no infinities, and repr round-trips every float32 exactly.
        return {"kind": "Box", "shape": list(space.shape), "dtype": str(space.dtype),
                "low": [repr(float(x)) for x in space.low.reshape(-1)],
                "high": [repr(float(x)) for x in space.high.reshape(-1)]}
    return {"kind": name, "description": str(space)}


def python_value(text):
    """An `--env-kwargs` value: a Python literal (True, 0.5, (0.8, 2.0); true/false/none too), else the text."""
    import ast
    lowered = {"true": "True", "false": "False", "none": "None"}.get(text.lower(), text)
    try:
        return ast.literal_eval(lowered)
    except (ValueError, SyntaxError):
        return text


def make_environment(target, num_envs, kwargs, gym):
    """`target` is a registered id, `module:ClassName`, or Gymnasium's own `module:Id` form."""
    same_step = {"autoreset_mode": gym.vector.AutoresetMode.SAME_STEP}
    if ":" in target:
        module_name, name = target.split(":", 1)
        module = importlib.import_module(module_name)
        candidate = getattr(module, name, None)
        if isinstance(candidate, type):
            return gym.vector.SyncVectorEnv([lambda: candidate(**kwargs) for _ in range(num_envs)], **same_step)
    return gym.make_vec(target, num_envs=num_envs, vectorization_mode="sync", vector_kwargs=same_step, **kwargs)


class Worker:
    def __init__(self, connection):
        self.connection = connection
        self.env = None

    def initialize(self, payload):
        request = json.loads(payload)
        try:
            import gymnasium as gym
            import numpy as np
        except ImportError as error:
            return failure(self.connection, "gymnasium_missing", f"{sys.executable}: {error}", False)
        self.np = np
        try:
            kwargs = dict(request.get("kwargs", {}))
            kwargs.update({key: python_value(value) for key, value in request.get("text_kwargs", {}).items()})
            self.env = make_environment(request["target"], request["num_envs"], kwargs, gym)
        except (gym.error.NameNotFound, gym.error.VersionNotFound, gym.error.NamespaceNotFound,
                gym.error.DeprecatedEnv, gym.error.UnregisteredEnv) as error:
            return failure(self.connection, "unknown_id", str(error), False)
        except ModuleNotFoundError as error:
            return failure(self.connection, "module_not_found", str(error), False)
        except Exception as error:
            return failure(self.connection, "exception", f"{type(error).__name__}: {error}")
        self.observation_space = self.env.single_observation_space
        self.action_space = self.env.single_action_space
        self.discrete_action = isinstance(self.action_space, (gym.spaces.Discrete, gym.spaces.MultiDiscrete))
        self.binary_action = isinstance(self.action_space, gym.spaces.MultiBinary)
        description = {"observation_space": describe_space(self.observation_space, gym.spaces, np),
                       "action_space": describe_space(self.action_space, gym.spaces, np)}
        reply(self.connection, 0, json.dumps(description).encode())

    def observations(self, batch):
        return self.np.asarray(batch, dtype=self.np.float32).reshape(self.env.num_envs, -1)

    def reset(self, payload):
        has_seed, seed = struct.unpack("<BQ", payload)
        observations, _ = self.env.reset(seed=int(seed) if has_seed else None)
        reply(self.connection, 0, self.observations(observations).tobytes())

    def step(self, payload):
        np, space, count = self.np, self.action_space, self.env.num_envs
        if self.discrete_action:
            actions = np.frombuffer(payload, dtype=np.int64).reshape((count,) + space.shape) + space.start
        elif self.binary_action:  # int64 bits, in the space's own dtype (int8) and shape
            actions = np.frombuffer(payload, dtype=np.int64).reshape((count,) + space.shape).astype(space.dtype)
        else:
            actions = np.frombuffer(payload, dtype=np.float32).reshape((count,) + space.shape).astype(space.dtype)
        observations, rewards, terminated, truncated, infos = self.env.step(actions)
        parts = [self.observations(observations).tobytes(), np.asarray(rewards, dtype=np.float64).tobytes(),
                 np.asarray(terminated, dtype=np.uint8).tobytes(), np.asarray(truncated, dtype=np.uint8).tobytes()]
        ended = infos.get("_final_obs", np.zeros(count, dtype=bool))
        for index in np.flatnonzero(ended):
            parts.append(np.asarray(infos["final_obs"][index], dtype=np.float32).reshape(-1).tobytes())
        reply(self.connection, 0, b"".join(parts))

    def save(self, _):
        import cloudpickle
        reply(self.connection, 0, cloudpickle.dumps(self.env.envs))

    def load(self, payload):
        import pickle
        self.env.envs = pickle.loads(payload)
        reply(self.connection, 0)

    def serve(self):
        handlers = {ord("I"): self.initialize, ord("R"): self.reset, ord("S"): self.step,
                    ord("P"): self.save, ord("U"): self.load}
        while True:
            header = receive_exactly(self.connection, HEADER.size)
            if header is None:
                return
            opcode, length = HEADER.unpack(header)
            payload = receive_exactly(self.connection, length) if length else b""
            if payload is None:
                return
            if opcode == ord("C"):
                if self.env is not None:
                    self.env.close()
                return reply(self.connection, 0)
            try:
                handlers[opcode](payload)
            except Exception as error:
                failure(self.connection, "exception", f"{type(error).__name__}: {error}")


def main():
    # Ctrl-C reaches the whole process group: trpo decides what happens, not the worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    connection = socket.socket(fileno=os.dup(0))
    devnull = os.open(os.devnull, os.O_RDONLY)
    os.dup2(devnull, 0)
    os.dup2(2, 1)  # the user's prints go to stderr, never into the protocol
    sys.path.insert(0, os.getcwd())  # `gym:my_module:MyEnv` finds modules beside the user, as `python -m` does
    try:
        Worker(connection).serve()
    except (BrokenPipeError, ConnectionResetError):
        pass


if __name__ == "__main__":
    main()
