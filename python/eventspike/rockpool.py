"""Rockpool 1.0.7 files: a `Network.save` file (or one layer's `save_layer` dict) run here, with what Rockpool's
`evolve` returns: {"external": the input, layer name: its output (TSEvent for spiking layers, TSContinuous otherwise)}."""

import json

from .runner import run

__all__ = ["input_layer", "evolve"]


def input_layer(path):
    """The layer a Rockpool file feeds its external input to (`input_layer_name`, else the first `external_input`)."""
    with open(path, encoding="utf-8") as f:
        d = json.load(f)
    if "class_name" in d:
        return d.get("name", "layer0")
    if d.get("input_layer_name"):
        return d["input_layer_name"]
    for i, layer in enumerate(d["layers"]):
        if layer.get("external_input"):
            return layer.get("name", f"layer{i}")
    return d["layers"][0].get("name", "layer0")


def evolve(path, ts_input=None, duration=None, **run_options):
    """Runs the Rockpool file from t = 0 on `ts_input` (a TSEvent or TSContinuous; its t_stop is the default duration)
    and returns Rockpool's evolve dict. run_options go to `eventspike.run` (out_dir, eventspike, seed, ...)."""
    inputs = {input_layer(path): ts_input} if ts_input is not None else None
    if duration is None and ts_input is None:
        raise ValueError("give ts_input or duration: a Rockpool file carries no duration")
    result = run(path, duration=duration, inputs=inputs, **run_options)
    outputs = {"external": ts_input}
    outputs.update(result.outputs)
    return outputs
