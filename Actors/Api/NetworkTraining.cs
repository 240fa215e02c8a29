using EventSpike.Neurons.Series;
using EventSpike.Routing.Network;

namespace EventSpike.Actors.Api;

/// <summary>
/// Rockpool's <c>Network.train</c>: the run is cut into batches, each evolved on the actor runtime from
/// the current time with the input clipped to [t, t + n_b·dt] (stop included), then handed with every
/// layer's output to the training function with is_first / is_last. Batches are step counts
/// (<c>nums_ts_batch</c>, which wins) or durations (one duration repeats); the last batch is shortened,
/// or one added, so that the batches add up to the run's steps.
/// </summary>
public static class NetworkTraining
{
    /// <summary>The training function: the network, the batch's outputs ("external" = the input), is_first, is_last.</summary>
    public delegate void TrainingFunction(Network network, IReadOnlyDictionary<string, TimeSeries?> signals, bool isFirst, bool isLast);

    public static void Train(this Network network, TrainingFunction trainingFunction, TimeSeries? input, double? duration = null,
        IReadOnlyList<double>? batchDurations = null, long? numTimesteps = null, IReadOnlyList<long>? stepsPerBatch = null)
    {
        var dt = network.Dt;
        var total = numTimesteps ?? StepCount.For(duration ?? (input is null ? throw new ArgumentException("give a duration, a step count or an input")
            : input.TStop - network.T), dt, out _);
        if (total < 1) throw new ArgumentException("training needs at least one step");
        var batches = Batches(total, dt, batchDurations, stepsPerBatch);
        for (var i = 0; i < batches.Count; i++)
        {
            var t = network.T;
            var stop = t + batches[i] * dt;
            TimeSeries? clipped = input switch
            {
                TSEvent e => e.Clip(t, stop, includeStop: true),
                TSContinuous c => c.Clip(t, stop, includeStop: true),
                _ => input,
            };
            var signals = network.Evolve(clipped, batches[i] * dt);
            trainingFunction(network, signals, i == 0, i == batches.Count - 1);
        }
    }

    /// <summary>Step counts per batch adding up to <paramref name="total"/>.</summary>
    public static IReadOnlyList<long> Batches(long total, double dt, IReadOnlyList<double>? durations, IReadOnlyList<long>? steps)
    {
        IEnumerable<long> wanted = steps is { Count: > 0 } ? steps
            : durations is { Count: 1 } ? Enumerable.Repeat(Math.Max(1, (long)Math.Round(durations[0] / dt)), (int)Math.Min(total, int.MaxValue))
            : durations is { Count: > 1 } ? durations.Select(d => (long)Math.Round(d / dt))
            : [total];
        var result = new List<long>();
        var sum = 0L;
        foreach (var n in wanted)
        {
            if (n < 1) throw new ArgumentException($"a batch must have at least one step, got {n}");
            if (sum >= total) break;
            var take = Math.Min(n, total - sum);
            result.Add(take);
            sum += take;
        }
        if (sum < total) result.Add(total - sum);
        return result;
    }
}
