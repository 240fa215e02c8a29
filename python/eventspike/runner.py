"""Runs a network with the `eventspike` command and reads what it wrote into numpy arrays."""

import csv
import json
import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

import numpy as np

from .network import Network
from .timeseries import TSContinuous, TSEvent, from_npz, to_npz

__all__ = ["run", "Result", "EventSpikeError", "find_eventspike"]

_REPO = Path(__file__).resolve().parents[2]


class EventSpikeError(RuntimeError):
    """The command failed: `code` is its exit code (2: bad input, 3: the run failed), the message its stderr."""

    def __init__(self, code, message):
        super().__init__(f"eventspike exited with {code}: {message.strip()}")
        self.code = code


def find_eventspike(command=None):
    """The command to start: `command` (a path or an argument list), else $EVENTSPIKE_COMMAND, else `eventspike` on
    PATH, else a built Host (Host/bin/{Release,Debug}/net10.0/eventspike.dll via dotnet), else `dotnet run --project Host`."""
    if command is not None:
        return [str(command)] if isinstance(command, (str, os.PathLike)) else [str(c) for c in command]
    if os.environ.get("EVENTSPIKE_COMMAND"):
        return shlex.split(os.environ["EVENTSPIKE_COMMAND"])
    on_path = shutil.which("eventspike")
    if on_path:
        return [on_path]
    for config in ("Release", "Debug"):
        dll = _REPO / "Host" / "bin" / config / "net10.0" / "eventspike.dll"
        if dll.exists():
            return ["dotnet", str(dll)]
    if (_REPO / "Host" / "Host.csproj").exists():
        return ["dotnet", "run", "--project", str(_REPO / "Host"), "-c", "Release", "--"]
    raise FileNotFoundError("no eventspike command: put it on PATH, set EVENTSPIKE_COMMAND, or pass eventspike=PATH")


class Result:
    """What a run wrote: `out_dir`, `summary` (summary.json), `spikes` (layer -> TSEvent, as spikes.csv lists them),
    `outputs` (layer -> TSEvent or TSContinuous, from LAYER.npz), `probes` ("layer.variable" -> TSContinuous)."""

    def __init__(self, out_dir):
        self.out_dir = Path(out_dir)
        with open(self.out_dir / "summary.json", encoding="utf-8") as f:
            self.summary = json.load(f)
        self.spikes = self._spikes()
        self.outputs, self.probes = {}, {}
        names = {l["name"] for l in self.summary["layers"]}
        for path in sorted(self.out_dir.glob("*.npz")):
            stem = path.name[:-4]
            if stem in names:
                self.outputs[stem] = from_npz(path)
            elif stem.split(".")[0] in names and "." in stem:
                self.probes[stem] = from_npz(path)

    def _spikes(self):
        layers = self.summary["layers"]
        rows = {l["name"]: ([], []) for l in layers}
        with open(self.out_dir / "spikes.csv", encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            next(reader, None)
            for time, layer, neuron in reader:
                rows[layer][0].append(float(time))
                rows[layer][1].append(int(neuron))
        stop = float(self.summary.get("duration_s", 0.0))
        return {l["name"]: TSEvent(np.array(rows[l["name"]][0]), np.array(rows[l["name"]][1], dtype=np.int64), 0.0, stop, l["size"], l["name"])
                for l in layers if rows[l["name"]][0] or l.get("spikes", 0) == 0}

    def rates(self):
        """Mean rate (Hz) of each layer, as summary.json gives it."""
        return {l["name"]: l["mean_rate_hz"] for l in self.summary["layers"]}

    def __repr__(self):
        return f"Result({self.out_dir}: {self.summary.get('total_spikes')} spikes in {len(self.spikes)} layers)"


def run(network, duration=None, seed=None, dt=None, inputs=None, out_dir=None, eventspike=None, threads=None, args=(), timeout=None):
    """Runs `network` (a file path, a `Network`, or a dict of the network format) with `eventspike run` and returns a `Result`.

    inputs: {layer: TSEvent | TSContinuous | path of an .npz} for `--input LAYER=FILE`. out_dir: where the run writes
    (default: a new temporary folder). eventspike: the command (see `find_eventspike`)."""
    out = Path(out_dir) if out_dir is not None else Path(tempfile.mkdtemp(prefix="eventspike-"))
    out.mkdir(parents=True, exist_ok=True)
    if isinstance(network, Network):
        network = network.to_dict()
    if isinstance(network, dict):
        path = out / f"{network.get('name', 'network')}.network.json"
        with open(path, "w", encoding="utf-8") as f:
            json.dump(network, f, indent=2)
        network = path
    cmd = find_eventspike(eventspike) + ["run", str(network), "--out", str(out), "--no-plot"]
    for flag, value in (("--duration", duration), ("--seed", seed), ("--dt", dt), ("--threads", threads)):
        if value is not None:
            cmd += [flag, repr(value) if isinstance(value, float) else str(value)]
    for layer, series in (inputs or {}).items():
        if isinstance(series, (TSEvent, TSContinuous)):
            series = to_npz(series, str(out / f"input.{layer}.npz"))
        cmd += ["--input", f"{layer}={series}"]
    cmd += list(args)
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    if done.returncode != 0:
        raise EventSpikeError(done.returncode, done.stderr or done.stdout)
    return Result(out)
