namespace EventSpike.Hardware.Dynapse;

/// <summary>
/// Rockpool 1's <c>VirtualDynapse.validate_connections</c> (rockpool-digest §9.3) on integer
/// connection counts (negative = inhibitory; |count| CAM entries each):
/// fan-in — Σ |counts| into a neuron (external and recurrent, every type) &gt; 64 → bit 1;
/// fan-out — distinct destination chips of a neuron &gt; 3 (4 when SRAM 0 is not kept for monitoring) → bit 2;
/// aliasing — one core receiving the same tag (pre ID mod 1024) from more than one chip, the FPGA's
/// virtual neurons counting as a fifth chip → bit 4.
/// </summary>
public static class ConnectionValidator
{
    /// <summary>Checks the connections of a configuration.</summary>
    public static ConnectionCheck Validate(IEnumerable<BoardConnection> connections, bool monitored = true)
    {
        var list = connections.Where(c => c.Count != 0).ToList();
        var problems = new List<string>();
        var mask = 0;
        foreach (var (post, fanIn) in list.GroupBy(c => c.Post).Select(g => (g.Key, g.Sum(c => Math.Abs((long)c.Count)))).OrderBy(x => x.Key))
            if (fanIn > BoardGeometry.CamPerNeuron)
            {
                mask |= ConnectionCheck.FanIn;
                problems.Add($"fan-in: {BoardGeometry.Describe(post)} has {fanIn} incoming connections (CAM entries); the limit is {BoardGeometry.CamPerNeuron}");
            }
        var maxChips = BoardGeometry.MaxFanOutChips(monitored);
        foreach (var g in list.Where(c => !c.Virtual).GroupBy(c => c.Pre).OrderBy(g => g.Key))
        {
            var chips = g.Select(c => BoardGeometry.ChipOf(c.Post)).Distinct().Order().ToList();
            if (chips.Count > maxChips)
            {
                mask |= ConnectionCheck.FanOut;
                problems.Add($"fan-out: {BoardGeometry.Describe(g.Key)} sends to {chips.Count} chips ({string.Join(", ", chips)}); the limit is {maxChips} destination chips{(monitored ? " (SRAM 0 is kept for the FPGA monitor)" : "")}");
            }
        }
        foreach (var core in list.GroupBy(c => BoardGeometry.CoreOf(c.Post)).OrderBy(g => g.Key))
            foreach (var tag in core.GroupBy(c => c.Virtual ? c.Pre % BoardGeometry.NeuronsPerChip : BoardGeometry.TagOf(c.Pre)).OrderBy(g => g.Key))
            {
                var sources = tag.Select(c => (c.Virtual, c.Pre)).Distinct().OrderBy(s => s.Virtual).ThenBy(s => s.Pre).ToList();
                var chips = sources.Select(s => s.Virtual ? BoardGeometry.Chips : BoardGeometry.ChipOf(s.Pre)).Distinct().Count();
                if (chips <= 1) continue;
                mask |= ConnectionCheck.Aliasing;
                var names = sources.Select(s => s.Virtual ? $"external channel (virtual neuron) {s.Pre}" : BoardGeometry.Describe(s.Pre));
                problems.Add($"aliasing: core {core.Key} (chip {core.Key / BoardGeometry.CoresPerChip}) receives tag {tag.Key} from {string.Join(" and ", names)}; its CAM holds no chip ID, so it cannot tell them apart (the limit is one source chip per tag and core, the FPGA counting as a fifth chip)");
            }
        return new ConnectionCheck(mask, problems);
    }

    /// <summary>
    /// Rockpool's signature: recurrent counts <paramref name="rec"/>[pre, post] among <paramref name="neuronsPre"/> →
    /// <paramref name="neuronsPost"/>, external counts <paramref name="ext"/>[channel, post] from <paramref name="channelsExt"/>
    /// (defaults: 0…rows−1 and 0…cols−1).
    /// </summary>
    public static ConnectionCheck Validate(int[,]? rec, int[,]? ext = null, IReadOnlyList<int>? neuronsPre = null,
        IReadOnlyList<int>? neuronsPost = null, IReadOnlyList<int>? channelsExt = null, bool monitored = true)
    {
        var connections = new List<BoardConnection>();
        void Add(int[,] m, bool external, IReadOnlyList<int>? pre)
        {
            for (var i = 0; i < m.GetLength(0); i++)
                for (var j = 0; j < m.GetLength(1); j++)
                    if (m[i, j] != 0)
                        connections.Add(new BoardConnection(pre?[i] ?? i, external, neuronsPost?[j] ?? j,
                            m[i, j] > 0 ? SynapseType.FastExc : SynapseType.FastInh, Math.Abs(m[i, j])));
        }
        if (rec is not null) Add(rec, false, neuronsPre);
        if (ext is not null) Add(ext, true, channelsExt);
        return Validate(connections, monitored);
    }
}
