import numpy as np
import pytest

import eventspike as es


def test_a_tsevent_round_trips_through_npz(tmp_path):
    ts = es.TSEvent([0.001, 0.0025, 0.004], [0, 2, 1], t_start=0.0, t_stop=0.01, num_channels=3, name="in")
    back = es.from_npz(es.to_npz(ts, str(tmp_path / "in.npz")))
    assert isinstance(back, es.TSEvent)
    np.testing.assert_array_equal(back.times, ts.times)
    np.testing.assert_array_equal(back.channels, ts.channels)
    assert (back.t_start, back.t_stop, back.num_channels, back.name) == (0.0, 0.01, 3, "in")
    with np.load(tmp_path / "in.npz") as f:
        assert f["str_type"].dtype.kind == "U" and f["channels"].dtype == np.int64


def test_a_tscontinuous_round_trips_through_npz(tmp_path):
    ts = es.TSContinuous([0.0, 0.1, 0.2], [[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]], name="x")
    back = es.from_npz(es.to_npz(ts, str(tmp_path / "x.npz")))
    assert isinstance(back, es.TSContinuous)
    np.testing.assert_array_equal(back.samples, ts.samples)
    assert back.num_channels == 2 and back.t_stop == 0.2


def test_raster_and_rates_count_each_event_once():
    ts = es.TSEvent([0.0, 0.0015, 0.0019, 0.009], [0, 1, 1, 0], t_start=0.0, t_stop=0.01, num_channels=2)
    r = ts.raster(0.001)
    assert r.shape == (10, 2)
    assert r[0, 0] and r[1, 1] and r[9, 0] and r.sum() == 3  # two events of channel 1 in step 1 make one True
    np.testing.assert_allclose(ts.rates(), [200.0, 200.0])


def test_mismatched_arrays_are_refused():
    with pytest.raises(ValueError, match="3 times but 2 channels"):
        es.TSEvent([0.1, 0.2, 0.3], [0, 1])


def test_plot_needs_matplotlib_or_draws():
    ts = es.TSEvent([0.001], [0], t_stop=0.01)
    try:
        import matplotlib
        matplotlib.use("Agg")
    except ImportError:
        with pytest.raises(ImportError, match="matplotlib"):
            ts.plot()
        return
    assert ts.plot() is not None
