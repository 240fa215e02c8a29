using System.Text.Json.Nodes;
using EventSpike.Neurons.Kernels;
using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models.Zoo;

/// <summary>
/// Rockpool's JAX LIF layers: <c>RecLIFJax</c> (spikes in, spikes out), <c>RecLIFCurrentInJax</c>
/// (currents in, spikes out), and their <c>_IO</c> forms with input weights <c>w_in</c> (M×N) and a
/// continuous output through <c>w_out</c> (N×O). Dimensionless: rest 0, threshold 0, subtractive
/// reset by 1 per spike.
///
/// Equations (continuous form; the doc's τ_syn in the V equation is a typo, digest §12.3):
///   τ_syn dI_syn/dt = −I_syn,  I_syn += S_in·W_in + S_rec·W_rec on spikes
///   τ_mem dV/dt     = −V + I_syn + I_in·W_in + b + σζ(t)
/// Integration: Rockpool's discrete update, exponential for I_syn and forward Euler for V, with
/// β = e^(−dt/τ_syn) and α = dt/τ_mem. Step k, S_{k−1} being last step's spike counts:
///   I_syn ← β·I_syn + S_in,k·W_in + S_{k−1}·W_rec
///   V     ← V − S_{k−1}                                (subtractive reset, one step late)
///   V     ← V + α·(I_syn + I_in,k·W_in + σ·ξ_k + b − V),  ξ_k ~ N(0, 1) per neuron and step
///   S_k   = max(0, ⌊V + 1⌋)                            (several spikes per step possible)
/// The _IO output is O_k = U·W_out with the surrogate U = sig(V) = 1/(1 + e^(−V)) as the 1.0.7
/// documentation states (later Rockpool sources use tanh(20V + 1)/2 + 1/2 instead).
/// Spikes of step k are stamped (k+1)·dt (EventSpike's convention); Rockpool stamps raster row k
/// at t_start + k·dt, one step earlier.
/// State: Vmem (initially the bias, as Rockpool's reset_state), Isyn, spikes (S_{k−1}).
/// τ_mem and τ_syn must be at least 10·dt, as Rockpool asserts.
/// </summary>
public sealed class RecLifJax : ZooLayer
{
    private readonly DenseMatrix? _wIn;
    private readonly DenseMatrix _wRec;
    private readonly DenseMatrix? _wOut;
    private readonly double[] _alpha;
    private readonly double[] _beta;
    private readonly double[] _iRec;
    private readonly double[] _drive;
    private readonly double[] _surrogate;
    private readonly int _neurons;

    /// <param name="spikeInput">Input spikes through the synapse (RecLIFJax) or currents onto the membrane (RecLIFCurrentInJax).</param>
    /// <param name="io">The _IO form: input and output weights, continuous output.</param>
    public RecLifJax(string className, bool spikeInput, bool io, int size, double dt, LayerParameters p, Func<int, Xoshiro256StarStar> streams)
        : base(className, size, dt, p)
    {
        SpikeInput = spikeInput;
        IsIo = io;
        _wRec = RequiredMatrix(p, "w_recurrent");
        if (_wRec.Rows != _wRec.Cols) throw new ModelParameterException("w_recurrent", $"'w_recurrent' must be square, got {_wRec.Rows}×{_wRec.Cols}");
        _neurons = _wRec.Rows;
        if (io)
        {
            _wIn = RequiredMatrix(p, "w_in");
            _wOut = RequiredMatrix(p, "w_out");
            if (_wIn.Cols != _neurons) throw new ModelParameterException("w_in", $"'w_in' must have {_neurons} columns (one per neuron), got {_wIn.Cols}");
            if (_wOut.Rows != _neurons) throw new ModelParameterException("w_out", $"'w_out' must have {_neurons} rows (one per neuron), got {_wOut.Rows}");
            ResolveSize(_wOut.Cols, "w_out");
        }
        else ResolveSize(_neurons, "w_recurrent");

        var inputs = _wIn?.Rows ?? _neurons;
        Ports = [new InputPort("input", spikeInput ? PortKind.Spikes : PortKind.Current, inputs)];
        foreach (var required in new[] { "tau_mem", "tau_syn" })
            if (!p.Has(required)) throw new ModelParameterException(required, $"'{required}' is required (seconds)");
        TauMem = Positive(p.PerNeuron("tau_mem", double.NaN, _neurons), "tau_mem");
        TauSyn = Positive(p.PerNeuron("tau_syn", double.NaN, _neurons), "tau_syn");
        Bias = p.PerNeuron("bias", -1.0, _neurons);
        NoiseStd = NonNegative(p.Scalar("noise_std", 0.0), "noise_std");
        RngKey = p.List("rng_key"); // JAX's key: kept for to_dict, draws come from the layer's own streams
        _alpha = new double[_neurons];
        _beta = new double[_neurons];
        for (var j = 0; j < _neurons; j++)
        {
            if (TauMem[j] - 10 * dt + 1e-8 < 0) throw new ModelParameterException("tau_mem", $"'tau_mem' must be at least 10·dt = {10 * dt}, got {TauMem[j]}");
            if (TauSyn[j] - 10 * dt + 1e-8 < 0) throw new ModelParameterException("tau_syn", $"'tau_syn' must be at least 10·dt = {10 * dt}, got {TauSyn[j]}");
            _alpha[j] = dt / TauMem[j];
            _beta[j] = Math.Exp(-dt / TauSyn[j]);
        }
        VMem = AddState("Vmem", _neurons);
        ISyn = AddState("Isyn", _neurons);
        LastSpikes = AddState("spikes", _neurons);
        _iRec = new double[_neurons];
        _drive = new double[_neurons];
        _surrogate = new double[_neurons];
        if (io) AllocateOutput(Size);
        Noise = new BlockNoise(_neurons, streams);
        ResetState();
    }

    public bool SpikeInput { get; }
    public bool IsIo { get; }
    public override IReadOnlyList<InputPort> Ports { get; }
    public override SignalKind OutputKind => IsIo ? SignalKind.Continuous : SignalKind.Spikes;

    public double[] TauMem { get; }
    public double[] TauSyn { get; }
    public double[] Bias { get; }
    public double NoiseStd { get; }
    public double[]? RngKey { get; }

    public double[] VMem { get; }
    public double[] ISyn { get; }

    /// <summary>Spike counts of the last step (S_{k−1} for the next one).</summary>
    public double[] LastSpikes { get; }

    public override void ResetState()
    {
        Array.Copy(Bias, VMem, _neurons);
        Array.Clear(ISyn);
        Array.Clear(LastSpikes);
        if (IsIo) Array.Clear(OutputValues);
    }

    /// <summary>Rockpool's rule for these layers: Isyn ~ N(0, 0.1²), Vmem ~ U(−1, 0), no pending spikes.</summary>
    public override void RandomizeState(Xoshiro256StarStar rng)
    {
        for (var j = 0; j < _neurons; j++) ISyn[j] = rng.NextGaussian() / 10.0;
        for (var j = 0; j < _neurons; j++) VMem[j] = rng.NextUniform(-1.0, 0.0);
        Array.Clear(LastSpikes);
    }

    public override void Step(long step, double[][] portInput, List<int> spikes)
    {
        var input = portInput[0];
        _wRec.VecMat(LastSpikes, _iRec);
        // Weighted input: into the synapse for spikes, onto the membrane for currents.
        if (_wIn is null) Array.Copy(input, _drive, _neurons);
        else _wIn.VecMat(input, _drive);

        for (var j = 0; j < _neurons; j++)
        {
            var isyn = _beta[j] * ISyn[j] + _iRec[j] + (SpikeInput ? _drive[j] : 0.0);
            ISyn[j] = isyn;
            var v = VMem[j] - LastSpikes[j];
            var current = SpikeInput ? 0.0 : _drive[j];
            if (NoiseStd > 0) current += NoiseStd * Noise!.Gaussian(j);
            v += _alpha[j] * (isyn + current + Bias[j] - v);
            VMem[j] = v;
            var s = Math.Max(0.0, Math.Floor(v + 1.0));
            LastSpikes[j] = s;
            if (!IsIo)
                for (var c = 0; c < s; c++) spikes.Add(j);
        }

        if (IsIo)
        {
            for (var j = 0; j < _neurons; j++) _surrogate[j] = 1.0 / (1.0 + Math.Exp(-VMem[j]));
            _wOut!.VecMat(_surrogate, OutputValues);
        }
    }

    public override JsonObject ToDict()
    {
        var d = BaseDict();
        if (_wIn is not null) d["w_in"] = _wIn.ToJson();
        d["w_recurrent"] = _wRec.ToJson();
        if (_wOut is not null) d["w_out"] = _wOut.ToJson();
        d["tau_mem"] = ModelDict.PerNeuron(TauMem);
        d["tau_syn"] = ModelDict.PerNeuron(TauSyn);
        d["bias"] = ModelDict.PerNeuron(Bias);
        d["noise_std"] = NoiseStd;
        if (RngKey is not null) d["rng_key"] = ModelDict.List(RngKey);
        return d;
    }
}
