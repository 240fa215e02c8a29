using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Models;

/// <summary>
/// What the NEST-named integrate-and-fire models (<see cref="IafPscExp"/>, <see cref="IafPscAlpha"/>, <see cref="IafPscDelta"/>,
/// <see cref="IafCondExp"/>) share: the membrane parameters (<c>tau_mem</c>, <c>v_thresh</c>,
/// <c>v_reset</c>, <c>v_rest</c>, <c>bias</c>, <c>refractory</c>; defaults per model), initial
/// potentials drawn from the streams of each 1,024-neuron block, and the named state: <c>v_mem</c>,
/// the model's synaptic variables, <c>refractory_left</c> (steps, whole numbers held as doubles for
/// the vector paths). Each model keeps its own equations, integration scheme and threshold test.
/// </summary>
public abstract partial class NestIntegrateAndFire : IPartitionedModel
{
    private readonly StateVariables _state;

    /// <param name="synapticState">Names of the model's state variables between <c>v_mem</c> and <c>refractory_left</c>.</param>
    protected NestIntegrateAndFire(string typeName, int size, double dt, LayerParameters p, Func<int, Xoshiro256StarStar> streams,
        IReadOnlyList<InputPort> ports, MembraneDefaults defaults, params string[] synapticState)
    {
        if (size <= 0) throw new ModelParameterException("size", "size must be positive");
        ClassName = typeName;
        Size = size;
        Dt = dt;
        Ports = ports;
        TauMem = Positive(p, "tau_mem", 0.02);
        VThresh = p.Scalar("v_thresh", defaults.VThresh);
        VReset = p.Scalar("v_reset", defaults.VReset);
        VRest = p.Scalar("v_rest", defaults.VRest);
        Bias = p.Scalar("bias", 0.0);
        Refractory = p.Scalar("refractory", defaults.Refractory);
        if (Refractory < 0) throw new ModelParameterException("refractory", "refractory must be ≥ 0");
        RefractorySteps = (int)Math.Round(Refractory / dt);
        VInit = InitialPotentials.Draw(size, VRest, p.List("v_init"), p, streams);
        _state = new StateVariables(typeName, size);
        VMem = _state.Add("v_mem");
        Synaptic = synapticState.Select(_state.Add).ToArray();
        RefractoryLeft = _state.Add("refractory_left");
    }

    public string ClassName { get; }
    public int Size { get; }
    public double Dt { get; }
    public IReadOnlyList<InputPort> Ports { get; }
    public int PartitionGranularity => InitialPotentials.BlockSize;

    public double TauMem { get; }
    public double VThresh { get; }
    public double VReset { get; }
    public double VRest { get; }
    public double Bias { get; }
    public double Refractory { get; }

    public double[] VMem { get; }

    /// <summary>Steps left in the refractory period (whole numbers, held as doubles for the vector paths).</summary>
    public double[] RefractoryLeft { get; }

    /// <summary>round(refractory / dt).</summary>
    protected int RefractorySteps { get; }

    /// <summary>The initial potentials (<c>v_init</c>), restored by <see cref="ResetState"/>.</summary>
    protected double[] VInit { get; }

    /// <summary>The initial potentials, for the models' to_dict.</summary>
    internal double[] VInitValues => VInit;

    /// <summary>The synaptic state arrays, in the order of the names given to the constructor.</summary>
    protected double[][] Synaptic { get; }

    public abstract void ResetState();

    public void Step(long step, double[][] portInput, List<int> spikes) => StepRange(step, portInput, spikes, 0, Size);

    public abstract void StepRange(long step, double[][] portInput, List<int> spikes, int from, int to);

    public IReadOnlyList<string> StateNames => _state.Names;

    public ReadOnlySpan<double> StateView(string name) => _state.View(name);

    public double[] GetState(string name) => _state.Get(name);

    public void SetState(string name, ReadOnlySpan<double> values) => _state.Set(name, values);

    public abstract System.Text.Json.Nodes.JsonObject ToDict();

    /// <summary>A time constant (or other parameter) that must be &gt; 0.</summary>
    internal static double Positive(LayerParameters p, string name, double fallback)
    {
        var x = p.Scalar(name, fallback);
        if (!(x > 0)) throw new ModelParameterException(name, $"{name} must be > 0, got {x}");
        return x;
    }

    [ThreadStatic] private static byte[]? _fired;

    /// <summary>
    /// This thread's buffer of at least <paramref name="groups"/> bytes for the vector steps' spikes: the bits of the lanes
    /// that fired, 8 neurons per byte, noted in the hot loop (which then makes no call: x64 System V keeps no vector
    /// register across one, so a call on the spike path made the JIT reload every constant each iteration) and added
    /// by <see cref="AddFired"/> after it.
    /// </summary>
    private protected static byte[] FiredBuffer(int groups) =>
        _fired is { } buffer && buffer.Length >= groups ? buffer : _fired = new byte[Math.Max(groups, 1024)];

    /// <summary>Adds the neurons whose bits are set in <paramref name="fired"/> (8 per byte from <paramref name="from"/>), in order.</summary>
    private protected static void AddFired(ReadOnlySpan<byte> fired, int from, List<int> spikes)
    {
        var g = fired.IndexOfAnyExcept((byte)0);
        while (g >= 0)
        {
            for (uint bits = fired[g]; bits != 0; bits &= bits - 1) spikes.Add(from + 8 * g + System.Numerics.BitOperations.TrailingZeroCount(bits));
            var next = fired[(g + 1)..].IndexOfAnyExcept((byte)0);
            g = next < 0 ? -1 : g + 1 + next;
        }
    }
}
