using EventSpike.Neurons.Random;

namespace EventSpike.Neurons.Training.Gradient;

/// <summary>
/// Minibatch training (Keras's fit): each epoch shuffles the samples with a stream seeded by
/// (seed, epoch), cuts them into batches of <c>batchSize</c> (the last may be smaller), and for each
/// batch lets the <see cref="DtScheduler"/> (if any) set dt, computes the gradients and takes one
/// optimiser step. Returns each epoch's mean batch loss.
/// </summary>
public static class SequenceTrainer
{
    public static IReadOnlyList<double> Fit(SequenceModel model, Sequence x, Sequence y, int epochs, int batchSize, Adam optimizer,
        ulong seed = 0, DtScheduler? dtScheduler = null, bool shuffle = true)
    {
        if (x.B != y.B) throw new ArgumentException($"{x.B} inputs but {y.B} targets");
        if (epochs < 1 || batchSize < 1) throw new ArgumentException("epochs and batch size must be ≥ 1");
        var history = new List<double>();
        var stepsPerEpoch = (x.B + batchSize - 1) / batchSize;
        for (var epoch = 0; epoch < epochs; epoch++)
        {
            var order = Enumerable.Range(0, x.B).ToArray();
            if (shuffle)
            {
                var rng = StreamSeed.Generator(seed, "fit-epoch", epoch);
                for (var i = order.Length - 1; i > 0; i--)
                {
                    var j = (int)(rng.NextDouble() * (i + 1));
                    (order[i], order[j]) = (order[j], order[i]);
                }
            }
            var total = 0.0;
            for (var batch = 0; batch < stepsPerEpoch; batch++)
            {
                dtScheduler?.OnBatchStart(epoch, batch, stepsPerEpoch);
                var rows = order.Skip(batch * batchSize).Take(batchSize).ToArray();
                total += model.Gradients(x.Rows(rows), y.Rows(rows));
                optimizer.Step(model.Parameters);
            }
            history.Add(total / stepsPerEpoch);
        }
        return history;
    }
}
