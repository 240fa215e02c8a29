namespace EventSpike.Hardware.Dynapse;

/// <summary>
/// Compiles a layer's input and recurrent connection counts onto the board (RecDynapSE's rules,
/// rockpool-digest §9.2, dynapse.md §3.2): allocates board neurons first-free, skipping neuron 0 of each
/// chip — input-receiving neurons on the input cores of the input chip, the others on the remaining cores —
/// and virtual neurons first-free from 1, skipping every tag a used board neuron presents (virtual and
/// physical IDs disjoint); assigns synapse types (virtual → FAST_EXC/FAST_INH; from input-receiving
/// neurons FAST_EXC/FAST_INH; from the others SLOW_EXC/FAST_INH); and validates fan-in, fan-out and
/// aliasing. Every broken limit is listed in one <see cref="MappingException"/>.
/// </summary>
public static class DynapseMapper
{
    /// <summary>The connections, neurons and virtual inputs of a board configuration (the caller adds parameters and mismatch).</summary>
    public static BoardConfig Map(MapRequest request)
    {
        var problems = new List<string>();
        int m = request.WeightsIn.GetLength(0), n = request.WeightsIn.GetLength(1);
        if (request.WeightsRec.GetLength(0) != n || request.WeightsRec.GetLength(1) != n)
            throw new MappingException([$"weights_rec must be {n}×{n} to match weights_in ({m}×{n}), got {request.WeightsRec.GetLength(0)}×{request.WeightsRec.GetLength(1)}"]);
        var receivesInput = Enumerable.Range(0, n).Select(j => Enumerable.Range(0, m).Any(i => request.WeightsIn[i, j] != 0)).ToArray();
        var ids = request.NeuronIds is { } given ? CheckIds(given, n, receivesInput, request, problems) : Allocate(receivesInput, request, problems);
        var virtualIds = request.VirtualIds is { } v ? CheckVirtual(v, m, ids, problems) : AllocateVirtual(m, ids, problems);
        if (problems.Count > 0) throw new MappingException(problems);

        var connections = new List<BoardConnection>();
        for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
                if (request.WeightsIn[i, j] is var w and not 0)
                    connections.Add(new BoardConnection(virtualIds[i], true, ids[j], w > 0 ? SynapseType.FastExc : SynapseType.FastInh, Math.Abs(w)));
        for (var i = 0; i < n; i++)
            for (var j = 0; j < n; j++)
                if (request.WeightsRec[i, j] is var w and not 0)
                    connections.Add(new BoardConnection(ids[i], false, ids[j],
                        w < 0 ? SynapseType.FastInh : receivesInput[i] ? SynapseType.FastExc : SynapseType.SlowExc, Math.Abs(w)));
        var check = ConnectionValidator.Validate(connections, request.Monitored);
        if (!check.IsValid) throw new MappingException(check.Problems);
        return new BoardConfig { Neurons = ids, VirtualInputs = virtualIds, Connections = connections.ToArray(), Monitored = request.Monitored };
    }

    private static int[] Allocate(bool[] receivesInput, MapRequest request, List<string> problems)
    {
        var inputCores = request.InputCoreIds.Select(c => request.InputChipId * BoardGeometry.CoresPerChip + c).ToList();
        foreach (var c in request.InputCoreIds.Where(c => c is < 0 or >= BoardGeometry.CoresPerChip))
            problems.Add($"l_input_core_ids: core {c} is not a core of a chip (0–{BoardGeometry.CoresPerChip - 1})");
        if (request.InputChipId is < 0 or >= BoardGeometry.Chips)
            problems.Add($"input_chip_id: chip {request.InputChipId} is not on the board (0–{BoardGeometry.Chips - 1})");
        if (problems.Count > 0) return [];
        var otherCores = Enumerable.Range(0, BoardGeometry.Cores).Where(c => !inputCores.Contains(c)).ToList();
        var ids = new int[receivesInput.Length];
        var inputFree = Free(inputCores).GetEnumerator();
        var otherFree = Free(otherCores).GetEnumerator();
        int inputNeeded = receivesInput.Count(x => x), otherNeeded = receivesInput.Length - inputNeeded;
        int inputCapacity = Free(inputCores).Count(), otherCapacity = Free(otherCores).Count();
        if (inputNeeded > inputCapacity)
            problems.Add($"core capacity: {inputNeeded} neurons receive input but the input cores [{string.Join(", ", inputCores)}] of chip {request.InputChipId} hold {inputCapacity} usable neurons (neuron 0 of a chip is reserved)");
        if (otherNeeded > otherCapacity)
            problems.Add($"core capacity: {otherNeeded} recurrent-only neurons but the other cores hold {otherCapacity} usable neurons");
        if (problems.Count > 0) return [];
        for (var j = 0; j < ids.Length; j++)
        {
            var e = receivesInput[j] ? inputFree : otherFree;
            e.MoveNext();
            ids[j] = e.Current;
        }
        return ids;
    }

    private static IEnumerable<int> Free(IEnumerable<int> cores) =>
        cores.SelectMany(c => Enumerable.Range(c * BoardGeometry.NeuronsPerCore, BoardGeometry.NeuronsPerCore)).Where(id => !BoardGeometry.IsReserved(id));

    private static int[] CheckIds(int[] ids, int n, bool[] receivesInput, MapRequest request, List<string> problems)
    {
        if (ids.Length != n) problems.Add($"neuron_ids: {ids.Length} IDs for {n} neurons");
        var seen = new HashSet<int>();
        for (var j = 0; j < Math.Min(n, ids.Length); j++)
        {
            var id = ids[j];
            if (!BoardGeometry.IsOnBoard(id)) problems.Add($"neuron_ids[{j}]: {id} is not on the board (0–{BoardGeometry.Neurons - 1})");
            else if (BoardGeometry.IsReserved(id)) problems.Add($"neuron_ids[{j}]: {BoardGeometry.Describe(id)} is reserved (neuron 0 of a chip is never used)");
            else if (!seen.Add(id)) problems.Add($"neuron_ids[{j}]: {id} is used twice");
            else if (receivesInput[j] && (BoardGeometry.ChipOf(id) != request.InputChipId || !request.InputCoreIds.Contains(BoardGeometry.CoreOf(id) % BoardGeometry.CoresPerChip)))
                problems.Add($"neuron_ids[{j}]: {BoardGeometry.Describe(id)} receives input but is not on an input core (l_input_core_ids [{string.Join(", ", request.InputCoreIds)}] of chip {request.InputChipId})");
        }
        return ids;
    }

    private static int[] AllocateVirtual(int m, int[] ids, List<string> problems)
    {
        var blocked = ids.Select(BoardGeometry.TagOf).ToHashSet();
        var free = Enumerable.Range(1, BoardGeometry.VirtualNeurons - 1).Where(v => !blocked.Contains(v)).Take(m).ToArray();
        if (free.Length < m)
            problems.Add($"virtual neurons: {m} input channels but only {free.Length} virtual neurons are free of the tags the layer's {ids.Length} board neurons present (limit {BoardGeometry.VirtualNeurons - 1})");
        return free;
    }

    private static int[] CheckVirtual(int[] virtualIds, int m, int[] ids, List<string> problems)
    {
        if (virtualIds.Length != m) problems.Add($"virtual_neuron_ids: {virtualIds.Length} IDs for {m} input channels");
        var tags = ids.Select(BoardGeometry.TagOf).ToHashSet();
        var seen = new HashSet<int>();
        for (var i = 0; i < virtualIds.Length; i++)
        {
            var v = virtualIds[i];
            if (v is < 0 or >= BoardGeometry.VirtualNeurons) problems.Add($"virtual_neuron_ids[{i}]: {v} is not a virtual neuron (0–{BoardGeometry.VirtualNeurons - 1})");
            else if (!seen.Add(v)) problems.Add($"virtual_neuron_ids[{i}]: {v} is used twice");
            else if (tags.Contains(v)) problems.Add($"virtual_neuron_ids[{i}]: virtual neuron {v} presents the same tag as a board neuron of the layer (virtual and physical IDs must be disjoint)");
        }
        return virtualIds;
    }
}
