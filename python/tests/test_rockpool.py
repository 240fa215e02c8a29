import json
import subprocess
from pathlib import Path

import numpy as np

import eventspike as es

CHAIN = {
    "layers": [
        {"class_name": "FFIAFSpkInTorch", "name": "iaf", "weights": [[0.02, 0.0, 0.01], [0.0, 0.02, 0.01]], "bias": 0.0, "dt": 0.001,
         "noise_std": 0.0, "tau_mem": 0.02, "tau_syn": 0.02, "v_thresh": -0.055, "v_reset": -0.065, "v_rest": -0.065,
         "record": False, "max_num_timesteps": 400, "external_input": True},
        {"class_name": "FFExpSyn", "name": "readout", "weights": [[1.0], [0.5], [0.25]], "bias": 0.0, "dt": 0.001, "noise_std": 0.0,
         "tau_syn": 0.005, "add_events": True, "pre_layer_name": "iaf", "external_input": False},
    ],
    "input_layer_name": "iaf",
}


def test_a_rockpool_file_evolves_as_rockpool_returns_it_with_the_clis_spikes(tmp_path):
    path = tmp_path / "chain.json"
    path.write_text(json.dumps(CHAIN))
    times = 0.001 + 0.002 * np.arange(100)
    ts = es.TSEvent(times, np.arange(100) % 2, t_start=0.0, t_stop=0.2, num_channels=2, name="input")
    assert es.input_layer(str(path)) == "iaf"
    out = es.evolve(str(path), ts, out_dir=tmp_path / "py")
    assert out["external"] is ts
    iaf, readout = out["iaf"], out["readout"]
    assert isinstance(iaf, es.TSEvent) and isinstance(readout, es.TSContinuous)
    assert iaf.num_channels == 3 and len(iaf) > 10
    assert readout.samples.shape == (200, 1) and readout.samples.max() > 0

    es.to_npz(ts, str(tmp_path / "in.npz"))
    cmd = es.find_eventspike() + ["run", str(path), "--input", f"iaf={tmp_path / 'in.npz'}", "--out", str(tmp_path / "cli"), "--no-plot"]
    done = subprocess.run(cmd, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    cli = es.from_npz(tmp_path / "cli" / "iaf.npz")
    np.testing.assert_array_equal(iaf.times, cli.times)
    np.testing.assert_array_equal(iaf.channels, cli.channels)
    assert (tmp_path / "cli" / "spikes.csv").read_bytes() == (tmp_path / "py" / "spikes.csv").read_bytes()
