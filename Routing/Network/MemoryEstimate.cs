using System.Globalization;

namespace EventSpike.Routing.Network;

/// <summary>
/// What a network will need in memory, added up part by part before anything large is allocated, and
/// checked against a budget (the memory available to the process, or <c>run --max-memory</c>). Each part
/// names the field of the network file it comes from, so a refusal says what to change.
///
/// The terms (bytes; all upper-bound-ish, an estimate rather than an account):
/// <list type="bullet">
/// <item>neurons: size × <see cref="BytesPerNeuron"/> (state variables, per-neuron parameters, port buffers);</item>
/// <item>synapses: expected count × <see cref="BytesPerSynapse"/> (int target + float weight, ×3 while a table is built);</item>
/// <item>delay rings: rows × (port width × 8 + <see cref="BytesPerRingRow"/>) per projection, with rows = delay + 1
/// (recurrent) or 2·window + delay (external), as <c>LayerEngine</c> allocates them;</item>
/// <item>window batches: <see cref="WindowsInFlight"/> windows × (step pointers 4·W, continuous samples 8·W·size,
/// spikes 8 × rate × size × W·dt), with a source's own rate and <see cref="NominalRateHz"/> for other layers.</item>
/// </list>
/// Sizes are doubles so that absurd inputs (a window of 10⁹ s) are measured rather than overflowed.
/// </summary>
public sealed class MemoryEstimate(double budgetBytes)
{
    /// <summary>State, parameters and buffers of one neuron (bytes).</summary>
    public const double BytesPerNeuron = 256;

    /// <summary>One synapse while its table is drawn: 8 bytes kept, up to 24 at the peak of building.</summary>
    public const double BytesPerSynapse = 24;

    /// <summary>Fixed cost of one ring row (array header, its list of sources, flags).</summary>
    public const double BytesPerRingRow = 96;

    /// <summary>Windows whose batches may be alive at once (lookahead credit and those being recorded).</summary>
    public const int WindowsInFlight = 8;

    /// <summary>The rate assumed for a layer that is not a source, for its window batches (Hz).</summary>
    public const double NominalRateHz = 100;

    private readonly List<(string What, double Bytes)> _parts = new();

    /// <summary>The memory the network may use (bytes).</summary>
    public double Budget { get; } = budgetBytes;

    /// <summary>The sum of the parts so far (bytes).</summary>
    public double Total => _parts.Sum(p => p.Bytes);

    /// <summary>Every part added, in order: the field it comes from and its bytes.</summary>
    public IReadOnlyList<(string What, double Bytes)> Parts => _parts;

    /// <summary>The memory this process may use: what the GC sees as available (physical memory or a container's limit).</summary>
    public static long AvailableBytes() => GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;

    /// <summary>Adds a part named by <paramref name="what"/> (a field and what it makes, e.g. "layers[1].size: 10⁹ neurons").</summary>
    public void Add(string what, double bytes)
    {
        if (bytes > 0) _parts.Add((what, bytes));
    }

    /// <summary>A layer's neurons.</summary>
    public void AddNeurons(string where, long size) => Add(Text($"{where}.size: {size:N0} neurons"), size * BytesPerNeuron);

    /// <summary>A connection's synapses.</summary>
    public void AddSynapses(string where, long synapses) => Add(Text($"{where}: {synapses:N0} synapses"), synapses * BytesPerSynapse);

    /// <summary>
    /// A projection's delay ring of <paramref name="width"/> channels of doubles: delay + 1 rows (<paramref name="recurrent"/>),
    /// else two windows of <paramref name="windowSteps"/> + delay. Named for the delay or the window, whichever makes it long.
    /// </summary>
    public void AddRing(string where, bool recurrent, long delaySteps, double windowSteps, int width)
    {
        var rows = recurrent ? delaySteps + 1.0 : 2 * windowSteps + delaySteps;
        var what = recurrent || delaySteps >= 2 * windowSteps
            ? Text($"{where}.delay: a ring of {rows:N0} steps × {width:N0} channels")
            : Text($"{where}: a ring of {rows:N0} steps (two windows of {windowSteps:N0} steps: window / dt) × {width:N0} channels");
        Add(what, rows * (8.0 * width + BytesPerRingRow));
    }

    /// <summary>
    /// A layer's window batches: <paramref name="windowSteps"/> steps per window, <see cref="WindowsInFlight"/> windows,
    /// step pointers, continuous samples (<paramref name="continuous"/>) or spikes at <paramref name="rateHz"/> per neuron.
    /// </summary>
    public void AddWindows(string where, double windowSteps, double dt, long size, bool continuous, double rateHz)
    {
        var perWindow = 4.0 * windowSteps + (continuous ? 8.0 * windowSteps * size : 8.0 * rateHz * size * windowSteps * dt);
        Add(Text($"{where}: batches of windows of {windowSteps:N0} steps (window / dt)"), WindowsInFlight * perWindow);
    }

    /// <summary>Throws <see cref="NetworkSpecException"/> naming the largest part and the total in GB when the total exceeds the budget.</summary>
    public void Check()
    {
        if (!(Total > Budget)) return;
        var largest = _parts.MaxBy(p => p.Bytes);
        throw new NetworkSpecException(
            $"the network needs about {Gb(Total)} of memory, more than the {Gb(Budget)} available (--max-memory); the largest part: {largest.What} ({Gb(largest.Bytes)})");
    }

    private static string Text(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>Bytes as gigabytes (10⁹ bytes), e.g. "7.8 GB"; huge values in exponent form.</summary>
    public static string Gb(double bytes)
    {
        var gb = bytes / 1e9;
        return gb < 1e6
            ? gb.ToString(gb < 0.1 ? "0.###" : "0.#", CultureInfo.InvariantCulture) + " GB"
            : gb.ToString("0.#e0", CultureInfo.InvariantCulture) + " GB";
    }
}
