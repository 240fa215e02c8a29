using System.Globalization;
using EventSpike.Neurons.Models;
using EventSpike.Neurons.Random;

namespace EventSpike.Routing.Network;

/// <summary>
/// Checks a <see cref="NetworkSpec"/> and builds it: models (with their seeded streams),
/// connection tables, and the window plan. Every problem is a <see cref="NetworkSpecException"/>
/// naming the layer or connection, raised before anything runs.
/// </summary>
public static class NetworkCompiler
{
    /// <summary>Default cap on the window length, in seconds.</summary>
    public const double DefaultMaxWindow = 0.01;

    /// <summary>The most steps a run may have (10¹⁰: 11.6 days at dt = 0.1 ms); more is a typo in dt or duration, not a run.</summary>
    public const double MaxSteps = 1e10;

    /// <summary>The longest delay in steps (2²⁹): a delay ring's rows are indexed by int, with room for two windows.</summary>
    public const int MaxDelaySteps = 1 << 29;

    /// <param name="shardSize">Layers with more neurons than this are split into shards (<see cref="NetworkSharding"/>); 0: none is.</param>
    /// <param name="memoryBudget">The bytes the network may need (<see cref="MemoryEstimate"/>; null: what the process has
    /// available). A network estimated to need more is refused, naming its largest part, before that part is allocated.</param>
    /// <param name="buildInto">When given, only connections into these layers get their synapses (a cluster node builds those of
    /// the layers it hosts); the others keep their place, sizes and delay with no synapse. Each connection draws from its own
    /// stream, so the ones built are those of the whole network.</param>
    public static CompiledNetwork Compile(NetworkSpec spec, int shardSize = 0,
        IReadOnlySet<string>? buildInto = null, long? memoryBudget = null)
    {
        if (!(spec.Dt > 0) || double.IsInfinity(spec.Dt)) throw new NetworkSpecException($"dt must be > 0 s, got {spec.Dt}");
        if (!(spec.Duration > 0) || double.IsInfinity(spec.Duration))
            throw new NetworkSpecException($"duration must be > 0 s, got {spec.Duration}");
        if (spec.Layers.Count == 0) throw new NetworkSpecException("the network has no layers");
        if (spec.Duration / spec.Dt > MaxSteps)
            throw new NetworkSpecException(string.Create(CultureInfo.InvariantCulture,
                $"duration {spec.Duration} s at dt {spec.Dt} s is {spec.Duration / spec.Dt:0.###e+0} steps, more than the {MaxSteps:0e+0} a run may have; check dt and duration"));
        var warnings = new List<string>();
        var totalSteps = StepCount.For(spec.Duration, spec.Dt, out var stepWarning);
        if (stepWarning is not null) warnings.Add(stepWarning);
        if (totalSteps < 1) throw new NetworkSpecException($"duration {spec.Duration} s is shorter than one step of {spec.Dt} s");

        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < spec.Layers.Count; i++)
        {
            var l = spec.Layers[i];
            var where = Where(l.Where, $"layers[{i}]");
            if (string.IsNullOrWhiteSpace(l.Name)) throw new NetworkSpecException($"{where}: a layer needs a name");
            if (!ids.TryAdd(l.Name, i)) throw new NetworkSpecException($"{where}: layer name '{l.Name}' is used twice");
            if (l.Size < 0) throw new NetworkSpecException($"{where} '{l.Name}': size must be > 0, got {l.Size}");
            if (l.Prebuilt is null && !ModelCatalog.IsKnown(l.Type))
                throw new NetworkSpecException(
                    $"{where} '{l.Name}': unknown layer type '{l.Type}'; known: {string.Join(", ", ModelCatalog.Names)}");
        }

        var maxWindow = spec.MaxWindow ?? DefaultMaxWindow;
        if (!(maxWindow > 0)) throw new NetworkSpecException($"window must be > 0 s, got {maxWindow}");
        var maxSteps = (int)Math.Clamp(Math.Round(maxWindow / spec.Dt), 1, Math.Min(totalSteps, int.MaxValue / 4));
        var estimate = new MemoryEstimate(memoryBudget ?? MemoryEstimate.AvailableBytes());
        for (var i = 0; i < spec.Layers.Count; i++)
            estimate.AddNeurons($"layers[{i}]", spec.Layers[i].Prebuilt?.Size ?? spec.Layers[i].Size);
        estimate.Check();

        var recorded = new HashSet<string>(spec.Record ?? spec.Layers.Select(l => l.Name), StringComparer.Ordinal);
        foreach (var name in recorded)
            if (!ids.ContainsKey(name)) throw new NetworkSpecException($"record: unknown layer '{name}'");

        var layers = new List<CompiledLayer>();
        for (var i = 0; i < spec.Layers.Count; i++)
        {
            var l = spec.Layers[i];
            ILayerModel model;
            var multiple = 1;
            if (l.Dt is { } layerDt)
            {
                var ratio = layerDt / spec.Dt;
                multiple = (int)Math.Round(ratio);
                if (!(layerDt > 0) || multiple < 1 || Math.Abs(ratio - multiple) > 1e-5 * ratio)
                    throw new NetworkSpecException($"{Where(l.Where, $"layers[{i}]")} '{l.Name}': dt {layerDt} s is not a whole multiple of the network's dt {spec.Dt} s");
            }
            try
            {
                var name = l.Name;
                model = l.Prebuilt ?? ModelCatalog.Create(l.Type, l.Size, multiple * spec.Dt, new LayerParameters(l.Parameters),
                    block => StreamSeed.Generator(spec.Seed, "layer:" + name, block));
            }
            catch (ModelParameterException e)
            {
                throw new NetworkSpecException($"{Where(l.Where, $"layers[{i}]")} '{l.Name}' ({l.Type}): {e.Message}");
            }
            if (model.Size <= 0) throw new NetworkSpecException($"{Where(l.Where, $"layers[{i}]")} '{l.Name}': size must be > 0");
            layers.Add(new CompiledLayer(i, l.Name, model, recorded.Contains(l.Name)) { StepMultiple = multiple, Node = l.Node, Backend = l.Backend });
            warnings.AddRange(UnitWarnings.Of(l, Where(l.Where, $"layers[{i}]")));
            estimate.AddWindows($"layers[{i}]", maxSteps, spec.Dt, model.Size, model.OutputKind == SignalKind.Continuous,
                model is PoissonSource poisson ? poisson.Rate.DefaultIfEmpty().Max() : MemoryEstimate.NominalRateHz);
        }
        estimate.Check();

        var pending = new List<(int Index, int From, int To, int Port, int Delay, WeightPlan Weights, Xoshiro256StarStar Rng, bool Built, SynapseDelays.Plan? Delays, Xoshiro256StarStar DelayRng)>();
        var parallel = new Dictionary<(int, int), int>();
        for (var c = 0; c < spec.Connections.Count; c++)
        {
            var cs = spec.Connections[c];
            var where0 = Where(cs.Where, $"connections[{c}]");
            if (!ids.TryGetValue(cs.From, out var from))
                throw new NetworkSpecException($"{where0}: 'from' names unknown layer '{cs.From}'");
            if (!ids.TryGetValue(cs.To, out var to))
                throw new NetworkSpecException($"{where0}: 'to' names unknown layer '{cs.To}'");
            var where = $"{where0} ({cs.From} → {cs.To})";
            var target = layers[to].Model;
            if (target.Ports.Count == 0)
                throw new NetworkSpecException($"{where}: layer '{cs.To}' ({target.ClassName}) takes no input");
            var source = layers[from].Model;
            var wanted = source.OutputKind == SignalKind.Spikes ? PortKind.Spikes : PortKind.Current;
            // No port named: the target's first port of the kind the source emits.
            var port = Math.Max(0, target.Ports.ToList().FindIndex(p => p.Kind == wanted));
            if (cs.Port is not null)
            {
                port = target.Ports.ToList().FindIndex(p => p.Name == cs.Port);
                if (port < 0)
                    throw new NetworkSpecException(
                        $"{where}: {target.ClassName} has no port '{cs.Port}'; ports: {string.Join(", ", target.Ports.Select(p => p.Name))}");
            }
            if (target.Ports[port].Kind != wanted)
                throw new NetworkSpecException(
                    $"{where}: '{cs.From}' emits {(wanted == PortKind.Spikes ? "spikes" : "a continuous signal")} but port '{target.Ports[port].Name}' of '{cs.To}' takes {(wanted == PortKind.Spikes ? "a continuous signal" : "spikes")}");
            if (!(cs.Delay >= 0) || double.IsInfinity(cs.Delay))
                throw new NetworkSpecException($"{where}: delay must be ≥ 0 s, got {cs.Delay}");
            if (cs.Delay / spec.Dt > MaxDelaySteps)
                throw new NetworkSpecException(string.Create(CultureInfo.InvariantCulture,
                    $"{where}: delay {cs.Delay} s is {cs.Delay / spec.Dt:0.###e+0} steps of {spec.Dt} s, more than the {MaxDelaySteps} steps a delay may have"));
            var delay = StepCount.Delay(cs.Delay, spec.Dt);
            SynapseDelays.Plan? delays = null;
            if (cs.DelayDistribution is { } distribution)
            {
                if (wanted != PortKind.Spikes) throw new NetworkSpecException($"{where}: per-synapse delays apply to spikes; '{cs.From}' emits a continuous signal");
                delays = SynapseDelays.Parse(distribution, spec.Dt, where);
                delay = delays.MinSteps;
            }
            if (from == to && delay < 1)
                throw new NetworkSpecException(
                    $"{where}: a connection from a layer onto itself needs a delay of at least one step ({spec.Dt} s); a zero-delay cycle cannot be computed");
            if (delays is null && UnitWarnings.OfDelay(cs.Delay, spec.Dt, where) is { } shortDelay) warnings.Add(shortDelay);
            parallel.TryGetValue((from, to), out var k);
            parallel[(from, to)] = k + 1;
            var rng = StreamSeed.Generator(spec.Seed, $"connection:{cs.From}->{cs.To}#{k}");
            var weights = WeightSpec.Plan(cs.Weights, layers[from].Size, target.Ports[port].Width, from == to, where);
            if (weights.ExpectedSynapses > int.MaxValue)
                throw new NetworkSpecException(string.Create(CultureInfo.InvariantCulture,
                    $"{where}: about {weights.ExpectedSynapses:N0} synapses, more than the {int.MaxValue:N0} a connection may have"));
            var built = buildInto is null || buildInto.Contains(cs.To);
            if (built) EstimateConnection(estimate, $"connections[{c}] ({cs.From} → {cs.To})", weights, from == to, delays?.MaxSteps ?? delay, maxSteps, target.Ports[port].Width);
            pending.Add((c, from, to, port, delay, weights, rng, built, delays, StreamSeed.Generator(spec.Seed, $"connection:{cs.From}->{cs.To}#{k}:delay")));
        }
        estimate.Check();
        var connections = new List<ConnectionTable>();
        foreach (var (c, from, to, port, delay, weights, rng, built, delays, delayRng) in pending)
        {
            var synapses = built ? weights.Generate(rng) : Neurons.Runtime.SynapseTable.Empty(layers[from].Size, layers[to].Model.Ports[port].Width);
            // Per-synapse delays come from the connection's own delay stream, one per synapse in table order; each row is
            // then ordered by delay (the rings' sums do not depend on the order; appends go as one run per arrival step).
            if (built && delays is not null) synapses = synapses.WithDelays(delays.Draw(delayRng, (int)synapses.Count), orderByDelay: true);
            connections.Add(new ConnectionTable(c, from, to, port, delay, synapses) { ExpectedSynapses = built ? synapses.Count : weights.ExpectedSynapses });
        }

        var fileLayers = layers;
        if (shardSize > 0)
        {
            (layers, connections) = NetworkSharding.Expand(spec, fileLayers, connections, shardSize, new HashSet<int>());
        }

        var window = ChooseWindow(connections, layers, maxSteps);
        // Windows hold whole steps of every layer: a multiple of the least common multiple of their step multiples.
        var lcm = layers.Select(l => (long)l.StepMultiple).Aggregate(1L, (a, b) => a / Gcd(a, b) * b);
        if (lcm > 1)
        {
            if (lcm > window && window < maxSteps && connections.Any(c => c.From != c.To))
                throw new NetworkSpecException(
                    $"the layers' steps need windows of {lcm} base steps, but a cycle between layers allows at most {window}; give the cycle a longer delay");
            window = (int)Math.Max(lcm, window / lcm * lcm);
        }
        var probes = new List<CompiledProbe>();
        var runProbes = new List<CompiledProbe>();
        for (var i = 0; i < spec.Probes.Count; i++)
        {
            var p = spec.Probes[i];
            var where = Where(p.Where, $"probes[{i}]");
            if (!ids.TryGetValue(p.Layer, out var layer)) throw new NetworkSpecException($"{where}: unknown layer '{p.Layer}'");
            var model = fileLayers[layer].Model;
            if (!model.StateNames.Contains(p.Variable))
                throw new NetworkSpecException($"{where}: layer '{p.Layer}' ({model.ClassName}) has no state variable '{p.Variable}'; it has {string.Join(", ", model.StateNames)}");
            var neurons = p.Neurons ?? Enumerable.Range(0, model.Size).ToArray();
            foreach (var n in neurons)
                if ((uint)n >= (uint)model.Size) throw new NetworkSpecException($"{where}: neuron {n} is outside layer '{p.Layer}' (0..{model.Size - 1})");
            var every = p.Interval is { } interval ? (int)Math.Round(interval / spec.Dt) : 1;
            if (every < 1) throw new NetworkSpecException($"{where}: interval must be at least one step ({spec.Dt} s)");
            var probe = new CompiledProbe(i, layer, new Neurons.Runtime.Probe(p.Variable, neurons, every));
            probes.Add(probe);
            // What runs: one probe per shard that holds some of the neurons, numbered from the shard's first.
            foreach (var shard in layers.Where(l => l.OriginId == layer))
            {
                var columns = Enumerable.Range(0, neurons.Length).Where(k => neurons[k] >= shard.Offset && neurons[k] < shard.Offset + shard.Size).ToArray();
                if (columns.Length == 0) continue;
                runProbes.Add(new CompiledProbe(runProbes.Count, shard.Id,
                    new Neurons.Runtime.Probe(p.Variable, columns.Select(k => neurons[k] - shard.Offset).ToArray(), every)) { FileProbe = i, Columns = columns });
            }
        }
        return new CompiledNetwork(spec.Name, spec.Dt, spec.Duration, spec.Seed, layers, connections,
            new WindowPlan(totalSteps, window), warnings) { Probes = runProbes, FileProbes = probes, FileLayers = fileLayers };
    }

    /// <summary>
    /// A connection's synapses and the delay ring its target keeps for it: delay + 1 rows for a recurrent one,
    /// two windows + delay for one from another layer (as <c>LayerEngine</c> allocates them).
    /// </summary>
    private static void EstimateConnection(MemoryEstimate estimate, string where, WeightPlan weights, bool recurrent, int delay, int windowSteps, int width)
    {
        estimate.AddSynapses(where, weights.ExpectedSynapses);
        estimate.AddRing(where, recurrent, delay, windowSteps, width);
    }

    /// <summary>
    /// The longest window (≤ <paramref name="maxSteps"/>) such that every cycle of messages between
    /// layers has a connection whose delay is at least the window: then each layer can compute a
    /// window from inputs that already exist. A cycle of zero-delay connections is refused.
    /// </summary>
    private static int ChooseWindow(IReadOnlyList<ConnectionTable> connections, IReadOnlyList<CompiledLayer> layers, int maxSteps)
    {
        // Connections between layers, and a shard's routed connection onto itself (a cycle of one).
        var between = connections.Where(c => !c.Recurrent).ToList();
        var zeroCycle = FindCycle(layers.Count, between.Where(c => c.DelaySteps == 0));
        if (zeroCycle is not null)
            throw new NetworkSpecException(
                $"a cycle of zero-delay connections cannot be computed: {string.Join(" → ", zeroCycle.Select(i => layers[i].Name))}; give one of them a delay");
        var candidates = between.Select(c => c.DelaySteps).Where(d => d >= 1 && d < maxSteps).Append(maxSteps).Distinct().OrderDescending();
        foreach (var w in candidates)
            if (FindCycle(layers.Count, between.Where(c => c.DelaySteps < w)) is null) return w;
        return 1;
    }

    /// <summary>A directed cycle (its layers, first repeated at the end) or null.</summary>
    private static List<int>? FindCycle(int count, IEnumerable<ConnectionTable> edges)
    {
        var next = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        foreach (var e in edges) next[e.From].Add(e.To);
        var state = new int[count]; // 0 new, 1 on stack, 2 done
        var stack = new List<int>();
        for (var s = 0; s < count; s++)
        {
            var found = Visit(s);
            if (found is not null) return found;
        }
        return null;

        List<int>? Visit(int v)
        {
            if (state[v] == 2) return null;
            if (state[v] == 1)
            {
                var from = stack.IndexOf(v);
                return stack.Skip(from).Append(v).ToList();
            }
            state[v] = 1;
            stack.Add(v);
            foreach (var w in next[v])
            {
                var found = Visit(w);
                if (found is not null) return found;
            }
            stack.RemoveAt(stack.Count - 1);
            state[v] = 2;
            return null;
        }
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);

    private static string Where(string given, string fallback) => string.IsNullOrEmpty(given) ? fallback : given;
}
