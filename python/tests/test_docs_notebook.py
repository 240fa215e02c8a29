import os
import re
import sys
import types
from pathlib import Path
from unittest import mock

import numpy as np

ROOT = Path(__file__).resolve().parents[2]


def test_the_notebook_in_docs_python_md_runs(tmp_path, monkeypatch):
    text = (ROOT / "docs" / "python.md").read_text(encoding="utf-8")
    code = re.search(r"## A notebook\s+```python\n(.*?)```", text, re.S).group(1)
    try:
        import matplotlib
        matplotlib.use("Agg")
    except ImportError:
        # No matplotlib here: the plotting calls go to a stand-in, everything else runs for real.
        pyplot = mock.MagicMock()
        pyplot.subplots.return_value = (mock.MagicMock(), mock.MagicMock())
        stub = types.ModuleType("matplotlib")
        stub.pyplot = pyplot
        monkeypatch.setitem(sys.modules, "matplotlib", stub)
        monkeypatch.setitem(sys.modules, "matplotlib.pyplot", pyplot)
    monkeypatch.chdir(tmp_path)
    namespace = {}
    exec(compile(code, "docs/python.md", "exec"), namespace)
    r = namespace["r"]
    assert (tmp_path / "reservoir-from-python.json").exists()
    assert r.summary["duration_s"] == 1.0 and len(r.spikes["reservoir"]) > 5000
    rates = r.spikes["reservoir"].rates()
    assert rates.shape == (1000,) and abs(rates.mean() - r.rates()["reservoir"]) < 1e-6 * max(1.0, rates.mean())
    assert r.probes["readout.v_mem"].samples.shape == (1000, 2)
