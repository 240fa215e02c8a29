using System.Diagnostics;
using System.Globalization;
using EventSpike.Neurons.Series;
using EventSpike.Neurons.Training.Gradient;

// Trains the KerasSpiking Percentile example (ProductTask: 2 inputs → Dense 50 → SpikingActivation relu,
// rates kept in 5–10 Hz → average over time → Dense 1, target x1·x2), reports MAE and rates, and writes
// the trained network and a few test inputs for `eventspike run` (see README.md).
if (args is ["check", var folder, .. var runs])
{
    // Compares the runs' time averages (probe average.sum at the last step / T) with the model's predictions.
    var rows = File.ReadAllLines(Path.Combine(folder, "expected.csv")).Skip(1).Select(l => l.Split(',')).ToList();
    for (var i = 0; i < runs.Length; i++)
    {
        var sum = TSContinuous.Load(Path.Combine(runs[i], "average.sum.npz"));
        var run = sum.SampleAt(sum.Count - 1, 0) / sum.Count;
        var model = double.Parse(rows[i][4], CultureInfo.InvariantCulture);
        Console.WriteLine(FormattableString.Invariant($"sample {i}: x1·x2 = {double.Parse(rows[i][3], CultureInfo.InvariantCulture):0.0000}, model {model:0.000000}, eventspike run {run:0.000000} (difference {Math.Abs(run - model):0.0e+0})"));
    }
    return;
}
var outDir = args.Length > 0 ? args[0] : "product-out";
var epochs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60;
var learningRate = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 0.01;
var rateWeight = args.Length > 3 ? double.Parse(args[3], CultureInfo.InvariantCulture) : 0.03;
Directory.CreateDirectory(outDir);
var task = new ProductTask(hidden: 50, dt: 0.01, steps: 100, seed: 1, rateWeight: rateWeight);
var (x, y) = task.Data(512, seed: 2);
var (xTest, yTest) = task.Data(200, seed: 3);
var before = task.Evaluate(xTest, yTest);
Console.WriteLine(FormattableString.Invariant($"untrained: MAE {before.Mae:0.0000}, rates {before.MinRate:0.##}–{before.MaxRate:0.##} Hz"));
var clock = Stopwatch.StartNew();
var history = SequenceTrainer.Fit(task.Model, x, y, epochs, batchSize: 32, new Adam(learningRate), seed: 4);
var after = task.Evaluate(xTest, yTest);
Console.WriteLine(FormattableString.Invariant($"trained {epochs} epochs in {clock.Elapsed.TotalSeconds:0.0} s: loss {history[0]:0.0000} → {history[^1]:0.0000}"));
Console.WriteLine(FormattableString.Invariant($"test MAE {after.Mae:0.0000} (predicting the mean: {yTest.Data.Select(v => Math.Abs(v - yTest.Data.Average())).Average():0.0000})"));
Console.WriteLine(FormattableString.Invariant($"rates over the test set: {after.MinRate:0.##}–{after.MaxRate:0.##} Hz; each neuron's maximum in {after.NeuronMax.Min():0.###}–{after.NeuronMax.Max():0.###} Hz"));

var network = SpikingNetworkExport.Network("product", task.Hidden, task.Spiking, task.Readout, task.Dt.Value, task.Steps);
File.WriteAllText(Path.Combine(outDir, "product.json"), network.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
var predictions = task.Model.Predict(xTest);
using var expected = new StreamWriter(Path.Combine(outDir, "expected.csv"));
expected.WriteLine("sample,x1,x2,target,prediction");
for (var b = 0; b < 3; b++)
{
    var times = Enumerable.Range(0, task.Steps + 1).Select(k => k * task.Dt.Value).ToArray();
    var samples = new double[times.Length, 2];
    for (var k = 0; k < times.Length; k++) (samples[k, 0], samples[k, 1]) = (xTest[b, 0, 0], xTest[b, 0, 1]);
    new TSContinuous(times, samples).Save(Path.Combine(outDir, $"input{b}.npz"));
    expected.WriteLine(FormattableString.Invariant($"{b},{xTest[b, 0, 0]:R},{xTest[b, 0, 1]:R},{yTest[b, 0, 0]:R},{predictions[b, 0, 0]:R}"));
}
Console.WriteLine($"wrote {outDir}/product.json, input0..2.npz and expected.csv");
