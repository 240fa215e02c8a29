using BenchmarkDotNet.Running;

// Micro-benchmarks of the hot kernels; pick them with --filter, e.g.
//   dotnet run -c Release --project Benchmarks -- --filter '*' --job short --inProcess
BenchmarkSwitcher.FromAssembly(typeof(EventSpike.Benchmarks.DenseMatVec).Assembly).Run(args);
