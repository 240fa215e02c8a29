namespace EventSpike.Neurons.Runtime;

/// <summary>The engine's probes, checkpoints and reset.</summary>
public sealed partial class LayerEngine
{
    /// <summary>Probes on this layer, in the order they were added.</summary>
    public IReadOnlyList<Probe> Probes => _probes;

    /// <summary>Adds a probe; its samples come back from <see cref="TakeProbeWindows"/> after each <see cref="Evolve"/>.</summary>
    public void AddProbe(Probe probe)
    {
        if (!Model.StateNames.Contains(probe.Variable))
            throw new ArgumentException($"{Model.ClassName} has no state variable '{probe.Variable}'; it has {string.Join(", ", Model.StateNames)}");
        foreach (var n in probe.Neurons)
            if ((uint)n >= (uint)Model.Size) throw new ArgumentException($"probe neuron {n} outside 0..{Model.Size - 1}");
        if (probe.EverySteps < 1) throw new ArgumentException("a probe samples at least every step");
        _probes.Add(probe);
        _probeValues = _probes.Select(_ => new List<double>()).ToArray();
    }

    /// <summary>The samples the probes took during the last <see cref="Evolve"/>.</summary>
    public IReadOnlyList<ProbeWindow> TakeProbeWindows()
    {
        var windows = new List<ProbeWindow>();
        for (var p = 0; p < _probes.Count; p++)
        {
            windows.Add(new ProbeWindow(p, _probeRowsOf[p], _probeValues[p].ToArray()));
            _probeValues[p].Clear();
        }
        return windows;
    }

    /// <summary>Before a window: the steps each probe samples in it, and room for their values.</summary>
    private void PrepareProbes(long first, int steps)
    {
        _probeRowsOf = new long[_probes.Count][];
        for (var p = 0; p < _probes.Count; p++)
        {
            var probe = _probes[p];
            var rows = new List<long>();
            for (var t = first; t < first + steps; t++)
                if (probe.IsDue(t)) rows.Add(t);
            _probeRowsOf[p] = rows.ToArray();
            _probeValues[p].Clear();
            _probeValues[p].AddRange(new double[rows.Count * probe.Neurons.Length]);
        }
    }

    /// <summary>After step <paramref name="t"/>: the due probes read their neurons in [from, to).</summary>
    private void SampleProbes(long t, int from, int to)
    {
        for (var p = 0; p < _probes.Count; p++)
        {
            var probe = _probes[p];
            if (!probe.IsDue(t)) continue;
            var row = Array.BinarySearch(_probeRowsOf[p], t);
            var view = Model.StateView(probe.Variable);
            var values = _probeValues[p];
            var baseIndex = row * probe.Neurons.Length;
            for (var j = 0; j < probe.Neurons.Length; j++)
            {
                var n = probe.Neurons[j];
                if (n >= from && n < to) values[baseIndex + j] = view[n];
            }
        }
    }

    /// <summary>
    /// The complete state, for a checkpoint: <see cref="EngineSnapshot.Rings"/> holds each projection's ring (none for a
    /// projection with per-synapse delays), then each delay ring's rows as values.
    /// </summary>
    public EngineSnapshot Snapshot()
    {
        FlushPending();
        var state = Model.StateNames.ToDictionary(n => n, n => Model.GetState(n));
        var rings = new double[]?[_rings.Length + _delayRings.Length][];
        for (var i = 0; i < _rings.Length; i++)
        {
            rings[i] = new double[]?[_ringRows[i]];
            for (var slot = 0; slot < _ringRows[i]; slot++)
                if (_dirty[i][slot]) rings[i][slot] = (double[])_rings[i][slot].Clone();
        }
        for (var r = 0; r < _delayRings.Length; r++)
            rings[_rings.Length + r] = Enumerable.Range(0, _delayRings[r].Rows).Select(_delayRings[r].RowValues).ToArray();
        return new EngineSnapshot(Step, state, Model.GetRandomState(), rings);
    }

    /// <summary>Puts the engine back in the state <paramref name="snapshot"/> holds.</summary>
    public void Restore(EngineSnapshot snapshot)
    {
        if (snapshot.Rings.Length != _rings.Length + _delayRings.Length)
            throw new ArgumentException($"the snapshot has {snapshot.Rings.Length} rings, the layer {_rings.Length + _delayRings.Length}");
        _pending.Clear();
        Model.ResetState();
        foreach (var (name, values) in snapshot.State) Model.SetState(name, values);
        Model.SetRandomState(snapshot.Random);
        for (var i = 0; i < _rings.Length; i++)
        {
            if (snapshot.Rings[i].Length != _ringRows[i])
                throw new ArgumentException($"projection {i}: the snapshot's ring has {snapshot.Rings[i].Length} rows, the engine's {_ringRows[i]}");
            for (var slot = 0; slot < _ringRows[i]; slot++)
            {
                var row = snapshot.Rings[i][slot];
                _dirty[i][slot] = row is not null;
                _sources[i][slot].Clear();
                _touched[i][slot] = row is null ? 0 : long.MaxValue;
                if (row is null) Array.Clear(_rings[i][slot]);
                else row.CopyTo(_rings[i][slot], 0);
            }
        }
        for (var r = 0; r < _delayRings.Length; r++)
        {
            var rows = snapshot.Rings[_rings.Length + r];
            if (rows.Length != _delayRings[r].Rows)
                throw new ArgumentException($"delay ring {r}: the snapshot's ring has {rows.Length} rows, the engine's {_delayRings[r].Rows}");
            for (var slot = 0; slot < rows.Length; slot++) _delayRings[r].SetRow(slot, rows[slot]);
        }
        Step = snapshot.Step;
    }

    /// <summary>Resets the model's state and drops every input in flight; the clock goes back to <paramref name="step"/>.</summary>
    public void Reset(long step = 0)
    {
        Model.ResetState();
        for (var i = 0; i < _rings.Length; i++)
        {
            foreach (var row in _rings[i]) Array.Clear(row);
            Array.Clear(_dirty[i]);
            Array.Clear(_touched[i]);
            foreach (var list in _sources[i]) list.Clear();
        }
        foreach (var ring in _delayRings) ring.Clear();
        _pending.Clear();
        Step = step;
    }
}
