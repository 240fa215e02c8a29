"""Networks built in Python as EventSpike's network format says them (docs/network-format.md).

A `Network` holds plain dicts; `to_dict()` is the file's JSON object, `save()` writes a file that
`eventspike run` runs as it is. Weight helpers return the generator objects of the format.
"""

import json

import numpy as np

__all__ = ["Network", "bernoulli", "fixed_indegree", "one_to_one", "normal", "uniform"]


def normal(mean, std):
    """Normal weights: {"mean": m, "std": s}."""
    return {"mean": float(mean), "std": float(std)}


def uniform(low, high):
    """Uniform weights: {"low": a, "high": b}."""
    return {"low": float(low), "high": float(high)}


def _generator(name, own, weight, weight_inh, exc_fraction, autapses, pre_range):
    g = {"generator": name, **own, "weight": weight}
    if exc_fraction is not None:
        g["exc_fraction"] = float(exc_fraction)
    if weight_inh is not None:
        g["weight_inh"] = weight_inh
    if autapses is not None:
        g["autapses"] = bool(autapses)
    if pre_range is not None:
        g["pre_range"] = [int(pre_range[0]), int(pre_range[1])]
    return g


def bernoulli(p, weight, weight_inh=None, exc_fraction=None, autapses=None, pre_range=None):
    """Every (pre, post) pair connected with probability p."""
    return _generator("bernoulli", {"p": float(p)}, weight, weight_inh, exc_fraction, autapses, pre_range)


def fixed_indegree(indegree, weight, weight_inh=None, exc_fraction=None, autapses=None, pre_range=None):
    """Every target draws exactly `indegree` sources uniformly (repeats allowed)."""
    return _generator("fixed_indegree", {"indegree": int(indegree)}, weight, weight_inh, exc_fraction, autapses, pre_range)


def one_to_one(weight=1.0, weight_inh=None, exc_fraction=None, pre_range=None):
    """Neuron i -> neuron i (equal sizes)."""
    return _generator("one_to_one", {}, weight, weight_inh, exc_fraction, None, pre_range)


class Network:
    """A network description: layers, connections, probes, recording; `run` runs it (see `eventspike.run`)."""

    def __init__(self, name="network", dt=1e-4, duration=None, seed=0, window=None, description=None):
        self.name, self.dt, self.duration, self.seed, self.window, self.description = name, dt, duration, seed, window, description
        self.layers, self.connections, self.probes, self.recorded = [], [], [], None

    def layer(self, name, type, size, dt=None, node=None, backend=None, **params):
        """Adds a layer of any model type (`eventspike models`); params by the model's names (tau_mem=0.02, ...). Returns its name."""
        if any(l["name"] == name for l in self.layers):
            raise ValueError(f"a layer named {name!r} exists already")
        entry = {"name": name, "type": type, "size": int(size)}
        if params:
            entry["params"] = params
        for key, value in (("dt", dt), ("node", node), ("backend", backend)):
            if value is not None:
                entry[key] = value
        self.layers.append(entry)
        return name

    def connect(self, source, target, weights, delay=0.0, port=None):
        """Connects two layers (the same one: recurrent, delay >= one step); weights: a generator dict or a [pre][post] matrix;
        delay: seconds, or per-synapse delays as {"mean", "std"[, "min"]} or {"low", "high"}."""
        for layer in (source, target):
            self._check(layer)
        entry = {"from": source, "to": target, "delay": delay if isinstance(delay, dict) else float(delay), "weights": weights}
        if port is not None:
            entry["port"] = port
        self.connections.append(entry)
        return self

    def probe(self, layer, variable, neurons=None, interval=None):
        """Records a state variable (e.g. v_mem) of some neurons (all when None) every `interval` s (every step when None)."""
        self._check(layer)
        entry = {"layer": layer, "variable": variable}
        if neurons is not None:
            entry["neurons"] = [int(n) for n in neurons]
        if interval is not None:
            entry["interval"] = float(interval)
        self.probes.append(entry)
        return self

    def record(self, *layers):
        """Writes the spikes of these layers only (default: every layer's)."""
        for layer in layers:
            self._check(layer)
        self.recorded = list(layers)
        return self

    def to_dict(self):
        """The network file's JSON object."""
        d = {"name": self.name}
        for key in ("description", "dt", "duration", "seed", "window"):
            if getattr(self, key) is not None:
                d[key] = getattr(self, key)
        d["layers"] = self.layers
        if self.connections:
            d["connections"] = self.connections
        if self.recorded is not None:
            d["record"] = self.recorded
        if self.probes:
            d["probes"] = self.probes
        return json.loads(json.dumps(d, default=_plain))

    def save(self, path):
        """Writes the network file (`eventspike run PATH` runs it)."""
        with open(path, "w", encoding="utf-8") as f:
            json.dump(self.to_dict(), f, indent=2)
        return path

    @classmethod
    def from_dict(cls, d):
        net = cls(d.get("name", "network"), d.get("dt"), d.get("duration"), d.get("seed", 0), d.get("window"), d.get("description"))
        net.layers = [dict(l) for l in d["layers"]]
        net.connections = [dict(c) for c in d.get("connections", [])]
        net.probes = [dict(p) for p in d.get("probes", [])]
        net.recorded = list(d["record"]) if "record" in d else None
        return net

    @classmethod
    def load(cls, path):
        with open(path, encoding="utf-8") as f:
            return cls.from_dict(json.load(f))

    def _check(self, layer):
        if not any(l["name"] == layer for l in self.layers):
            raise ValueError(f"no layer {layer!r}; layers: {', '.join(l['name'] for l in self.layers)}")


def _plain(value):
    if isinstance(value, np.ndarray):
        return value.tolist()
    if isinstance(value, np.generic):
        return value.item()
    raise TypeError(f"cannot write a {type(value).__name__} in a network file")
