import json
import subprocess
from pathlib import Path

import numpy as np
import pytest

import eventspike as es

ROOT = Path(__file__).resolve().parents[2]
RESERVOIR = ROOT / "config" / "networks" / "reservoir.json"


def cli(*args):
    done = subprocess.run(es.find_eventspike() + list(args), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done


def reservoir_in_python():
    net = es.Network("reservoir", dt=1e-4, duration=2.0, seed=1)
    lif = dict(tau_mem=0.02, tau_syn=0.005, v_thresh=-0.055, v_reset=-0.065, v_rest=-0.065, refractory=0.002)
    net.layer("input", "PoissonSource", 100, rate=20.0)
    net.layer("reservoir", "LIF", 1000, **lif, bias=0.0, v_init=np.array([-0.065, -0.055]))
    net.layer("readout", "LIF", 10, **lif)
    net.connect("input", "reservoir", es.bernoulli(0.1, weight=es.normal(0.012, 0.002)))
    net.connect("reservoir", "reservoir", es.bernoulli(0.1, weight=0.0005, exc_fraction=0.8, weight_inh=-0.0025), delay=0.001)
    net.connect("reservoir", "readout", es.bernoulli(0.2, weight=es.uniform(0.0, 0.0012)))
    net.record("input", "reservoir", "readout")
    return net


def test_run_returns_the_spikes_of_the_cli_as_numpy_arrays(tmp_path):
    r = es.run(str(RESERVOIR), duration=0.5, seed=3, out_dir=tmp_path / "py")
    cli("run", str(RESERVOIR), "--duration", "0.5", "--seed", "3", "--out", str(tmp_path / "cli"), "--no-plot")
    assert (tmp_path / "cli" / "spikes.csv").read_bytes() == (r.out_dir / "spikes.csv").read_bytes()
    rows = np.genfromtxt(tmp_path / "cli" / "spikes.csv", delimiter=",", skip_header=1, dtype=None, encoding="utf-8")
    for name in ("input", "reservoir", "readout"):
        mine = [row for row in rows if row[1] == name]
        s = r.spikes[name]
        assert isinstance(s.times, np.ndarray) and s.channels.dtype == np.int64
        np.testing.assert_array_equal(s.times, [row[0] for row in mine])
        np.testing.assert_array_equal(s.channels, [row[2] for row in mine])
        layer = next(l for l in r.summary["layers"] if l["name"] == name)
        assert len(s) == layer["spikes"] and s.num_channels == layer["size"]
    assert r.summary["seed"] == 3 and len(r.spikes["reservoir"]) > 1000
    assert r.out_dir == tmp_path / "py"
    # LAYER.npz holds step * dt as computed, spikes.csv its shortest round-trip text: the same steps.
    np.testing.assert_allclose(r.outputs["reservoir"].times, r.spikes["reservoir"].times, rtol=0, atol=1e-12)
    np.testing.assert_array_equal(r.outputs["reservoir"].channels, r.spikes["reservoir"].channels)


def test_a_network_built_in_python_is_the_file_and_gives_its_spikes(tmp_path):
    net = reservoir_in_python()
    with open(RESERVOIR, encoding="utf-8") as f:
        file = json.load(f)
    file.pop("description")
    assert net.to_dict() == file
    a = es.run(net, duration=0.3, out_dir=tmp_path / "python")
    b = es.run(str(RESERVOIR), duration=0.3, out_dir=tmp_path / "file")
    assert (a.out_dir / "spikes.csv").read_bytes() == (b.out_dir / "spikes.csv").read_bytes()
    assert es.Network.load(net.save(str(tmp_path / "saved.json"))).to_dict() == net.to_dict()


def test_probes_come_back_as_tscontinuous(tmp_path):
    net = es.Network("probed", dt=1e-4, seed=2)
    net.layer("in", "PoissonSource", 20, rate=100.0)
    net.layer("pop", "LIF", 5)
    net.connect("in", "pop", es.fixed_indegree(5, weight=0.01))
    net.probe("pop", "v_mem", neurons=[0, 3], interval=0.001)
    r = es.run(net, duration=0.05, out_dir=tmp_path)
    v = r.probes["pop.v_mem"]
    assert isinstance(v, es.TSContinuous)
    assert v.samples.shape == (50, 2)
    assert np.all(v.samples > -0.08) and np.all(v.samples < -0.04)


def test_bad_input_raises_with_the_commands_message(tmp_path):
    net = es.Network("bad", dt=1e-4, duration=0.01)
    net.layer("x", "NoSuchModel", 3)
    with pytest.raises(es.EventSpikeError, match="NoSuchModel") as e:
        es.run(net, out_dir=tmp_path)
    assert e.value.code == 2
