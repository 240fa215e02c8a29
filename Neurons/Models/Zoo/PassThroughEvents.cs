using System.Text.Json.Nodes;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models.Zoo;

/// <summary>
/// Rockpool's <c>PassThroughEvents</c>: each input event on channel i becomes W[i, j] events on
/// output channel j (W an integer M×N matrix); no state, no delay. An event entering step k leaves
/// stamped (k+1)·dt (EventSpike's convention; Rockpool keeps its exact time). Within a step the
/// output is ordered by channel. <c>noise_std</c> is accepted and unused, as in Rockpool.
/// Rockpool does not advance its clock on an empty input (digest §12.9); here every step advances.
/// </summary>
public sealed class PassThroughEvents : ZooLayer
{
    private readonly DenseMatrix _w;
    private readonly double[] _counts;

    public PassThroughEvents(string className, int size, double dt, LayerParameters p, Func<int, Xoshiro256StarStar> streams)
        : base(className, size, dt, p)
    {
        _w = RequiredMatrix(p, "weights");
        for (var i = 0; i < _w.Rows; i++)
            foreach (var x in _w.Row(i))
                if (x != Math.Floor(x) || x < 0)
                    throw new ModelParameterException("weights", $"'weights' must hold whole numbers ≥ 0 (event copies), got {x}");
        ResolveSize(_w.Cols, "weights");
        Ports = [new InputPort("input", PortKind.Spikes, _w.Rows)];
        NoiseStd = p.IsNull("noise_std") ? null : p.Has("noise_std") ? p.Scalar("noise_std", 0) : null;
        _counts = new double[Size];
    }

    public override IReadOnlyList<InputPort> Ports { get; }
    public double? NoiseStd { get; }

    public override void ResetState()
    {
    }

    public override void Step(long step, double[][] portInput, List<int> spikes)
    {
        var input = portInput[0];
        // Event counts are whole numbers; round what arrives so a weighted port cannot give fractions.
        var counts = new double[input.Length];
        for (var i = 0; i < input.Length; i++) counts[i] = Math.Max(0, Math.Round(input[i]));
        _w.VecMat(counts, _counts);
        for (var j = 0; j < Size; j++)
            for (var c = 0; c < _counts[j]; c++) spikes.Add(j);
    }

    public override JsonObject ToDict()
    {
        var d = BaseDict();
        d["weights"] = _w.ToJson();
        d["noise_std"] = NoiseStd;
        return d;
    }
}
