"""EventSpike from Python: build networks as dicts or with `Network`, run them with the `eventspike` command, read the
results as numpy arrays.

    import eventspike as es
    r = es.run("config/networks/reservoir.json", duration=0.5, seed=3)
    r.spikes["reservoir"].times, r.spikes["reservoir"].channels, r.summary, r.out_dir
"""

from .network import Network, bernoulli, fixed_indegree, normal, one_to_one, uniform
from .rockpool import evolve, input_layer
from .runner import EventSpikeError, Result, find_eventspike, run
from .timeseries import TSContinuous, TSEvent, from_npz, to_npz

__all__ = ["Network", "bernoulli", "fixed_indegree", "one_to_one", "normal", "uniform", "run", "Result", "EventSpikeError",
           "find_eventspike", "evolve", "input_layer", "TSEvent", "TSContinuous", "to_npz", "from_npz"]
__version__ = "0.3.0"
