using BenchmarkDotNet.Running;

// Micro-benchmarks of the hot kernels; pick them with --filter, e.g.
//   dotnet run -c Release --project Benchmarks -- --filter '*' --job short --inProcess
//   dotnet Benchmarks/bin/Release/net10.0/EventSpike.Benchmarks.dll ring-scatter [--steps N] [--repeats R]
// runs the delay-ring working-set study (RingScatter/RingScatterBenchmark.cs) in thread CPU time instead.
if (args is ["ring-scatter", ..])
{
    EventSpike.Benchmarks.RingScatter.RingScatterBenchmark.Run(args[1..]);
    return;
}
BenchmarkSwitcher.FromAssembly(typeof(EventSpike.Benchmarks.DenseMatVec).Assembly).Run(args);
