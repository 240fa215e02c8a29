"""Time series as Rockpool's TSEvent / TSContinuous hold them, with numpy arrays, and their .npz layout.

The .npz layout is the one `eventspike run --input LAYER=FILE` reads and `run` writes (LAYER.npz,
LAYER.VARIABLE.npz): a TSEvent has `times` (float64), `channels` (int64), `t_start`, `t_stop`,
`periodic`, `num_channels`, `name`, `str_type` = "TSEvent"; a TSContinuous has `times`, `samples`
(times x channels, float64), `t_start`, `t_stop`, `interp_kind`, `periodic`, `name`,
`str_type` = "TSContinuous". Strings as numpy writes them (`<U`).
"""

import numpy as np

__all__ = ["TSEvent", "TSContinuous", "to_npz", "from_npz"]


class TSEvent:
    """Events (spikes): sorted `times` (s) and their `channels`, over [t_start, t_stop]."""

    def __init__(self, times=(), channels=None, t_start=None, t_stop=None, num_channels=None, name="unnamed", periodic=False):
        self.times = np.asarray(times, dtype=np.float64).reshape(-1)
        self.channels = np.zeros(len(self.times), dtype=np.int64) if channels is None else np.asarray(channels, dtype=np.int64).reshape(-1)
        if len(self.channels) != len(self.times):
            raise ValueError(f"{len(self.times)} times but {len(self.channels)} channels")
        self.t_start = float(t_start if t_start is not None else (self.times[0] if len(self.times) else 0.0))
        self.t_stop = float(t_stop if t_stop is not None else (self.times[-1] if len(self.times) else self.t_start))
        high = int(self.channels.max()) + 1 if len(self.channels) else 0
        self.num_channels = int(num_channels if num_channels is not None else high)
        self.name = name
        self.periodic = bool(periodic)

    def __len__(self):
        return len(self.times)

    def __repr__(self):
        return f"TSEvent '{self.name}': {len(self)} events on {self.num_channels} channels over [{self.t_start}, {self.t_stop}]"

    def clip(self, t_start, t_stop):
        """The events in [t_start, t_stop)."""
        keep = (self.times >= t_start) & (self.times < t_stop)
        return TSEvent(self.times[keep], self.channels[keep], t_start, t_stop, self.num_channels, self.name, self.periodic)

    def rates(self):
        """Mean rate of each channel (Hz) over [t_start, t_stop]."""
        span = self.t_stop - self.t_start
        counts = np.bincount(self.channels, minlength=self.num_channels).astype(np.float64)
        return counts / span if span > 0 else counts * 0.0

    def raster(self, dt):
        """A boolean raster (steps x channels): step k holds the events in [t_start + k dt, t_start + (k+1) dt)."""
        steps = int(round((self.t_stop - self.t_start) / dt))
        r = np.zeros((steps, self.num_channels), dtype=bool)
        k = np.floor((self.times - self.t_start) / dt + 1e-9).astype(np.int64)
        ok = (k >= 0) & (k < steps)
        r[k[ok], self.channels[ok]] = True
        return r

    def plot(self, ax=None, **kwargs):
        """A raster plot (needs matplotlib)."""
        plt = _pyplot()
        ax = ax or plt.gca()
        ax.scatter(self.times, self.channels, s=kwargs.pop("s", 2), marker=kwargs.pop("marker", "|"), **kwargs)
        ax.set_xlabel("time (s)")
        ax.set_ylabel("channel")
        ax.set_title(self.name)
        return ax

    def _arrays(self):
        return {"times": self.times, "channels": self.channels, "t_start": np.float64(self.t_start), "t_stop": np.float64(self.t_stop),
                "periodic": np.bool_(self.periodic), "num_channels": np.int64(self.num_channels), "name": np.str_(self.name),
                "str_type": np.str_("TSEvent")}


class TSContinuous:
    """Samples: `times` (s) and `samples` (times x channels)."""

    def __init__(self, times=(), samples=None, t_start=None, t_stop=None, name="unnamed", interp_kind="linear", periodic=False):
        self.times = np.asarray(times, dtype=np.float64).reshape(-1)
        samples = np.zeros((len(self.times), 0)) if samples is None else np.asarray(samples, dtype=np.float64)
        self.samples = samples.reshape(len(self.times), -1) if samples.ndim != 2 else samples
        if self.samples.shape[0] != len(self.times):
            raise ValueError(f"{len(self.times)} times but {self.samples.shape[0]} rows of samples")
        self.t_start = float(t_start if t_start is not None else (self.times[0] if len(self.times) else 0.0))
        self.t_stop = float(t_stop if t_stop is not None else (self.times[-1] if len(self.times) else self.t_start))
        self.name = name
        self.interp_kind = interp_kind
        self.periodic = bool(periodic)

    @property
    def num_channels(self):
        return self.samples.shape[1]

    def __len__(self):
        return len(self.times)

    def __repr__(self):
        return f"TSContinuous '{self.name}': {len(self)} samples of {self.num_channels} channels over [{self.t_start}, {self.t_stop}]"

    def plot(self, ax=None, **kwargs):
        """The channels against time (needs matplotlib)."""
        plt = _pyplot()
        ax = ax or plt.gca()
        ax.plot(self.times, self.samples, **kwargs)
        ax.set_xlabel("time (s)")
        ax.set_title(self.name)
        return ax

    def _arrays(self):
        return {"times": self.times, "samples": self.samples, "t_start": np.float64(self.t_start), "t_stop": np.float64(self.t_stop),
                "interp_kind": np.str_(self.interp_kind), "periodic": np.bool_(self.periodic), "name": np.str_(self.name),
                "str_type": np.str_("TSContinuous")}


def to_npz(series, path):
    """Writes a TSEvent or TSContinuous in the .npz layout `eventspike run --input LAYER=FILE` reads."""
    np.savez(path, **series._arrays())
    return path


def from_npz(path):
    """Reads a TSEvent or TSContinuous from an .npz file (what `run` writes, or Rockpool's layout)."""
    with np.load(path, allow_pickle=False) as f:
        kind = _text(f["str_type"])
        name = _text(f["name"]) if "name" in f else "unnamed"
        periodic = bool(f["periodic"]) if "periodic" in f else False
        if kind == "TSEvent":
            n = int(f["num_channels"]) if "num_channels" in f else None
            return TSEvent(f["times"], f["channels"], float(f["t_start"]), float(f["t_stop"]), n, name, periodic)
        if kind == "TSContinuous":
            interp = _text(f["interp_kind"]) if "interp_kind" in f else "linear"
            return TSContinuous(f["times"], f["samples"], float(f["t_start"]), float(f["t_stop"]), name, interp, periodic)
        raise ValueError(f"{path}: str_type is {kind!r}, neither TSEvent nor TSContinuous")


def _text(a):
    v = a.item() if hasattr(a, "item") else a
    return v.decode() if isinstance(v, bytes) else str(v)


def _pyplot():
    try:
        import matplotlib.pyplot as plt
    except ImportError as e:
        raise ImportError("plot() needs matplotlib (apt-get install python3-matplotlib)") from e
    return plt
