using EventSpike.Host.Output;
using EventSpike.Neurons.Series;
using Xunit;
using static EventSpike.Host.Tests.HostRunner;

namespace EventSpike.Host.Tests;

public class RecordingSinkTests
{
    private const double Dt = 1e-4;
    private static readonly RecordedLayer Spiking = new(0, "pop", 50);
    private static readonly RecordedLayer Rates = new(1, "rate", 3, Continuous: true);

    /// <summary>Window w: steps 10w..10w+9; every step the neurons n with (n + step) % 7 == 0 spike; the rate layer's channel c is step + c/10.</summary>
    internal static void WriteWindows(RecordingSink sink, long from, long to)
    {
        var neurons = new int[Spiking.Size];
        var samples = new double[10 * Rates.Size];
        for (var w = from; w < to; w++)
        {
            for (var i = 0; i < samples.Length; i++) samples[i] = 10 * w + i / Rates.Size + (i % Rates.Size) / 10.0;
            sink.WriteSamples(Rates.Layer, 10 * w, Rates.Size, samples);
            for (var step = 10 * w; step < 10 * w + 10; step++)
            {
                var count = 0;
                for (var n = 0; n < Spiking.Size; n++)
                    if ((n + step) % 7 == 0) neurons[count++] = n;
                sink.Write(step, Spiking.Layer, neurons.AsSpan(0, count));
            }
            sink.WriteProbe(0, [10 * w + 9], [w, -w]);
        }
    }

    internal static RecordingSink Sink(string dir, string? journal = null, long? resumeAt = null) =>
        new(Path.Combine(dir, "spikes.csv"), Dt, [Spiking, Rates], new Dictionary<int, ProbeRecording> { [0] = new("pop", "v_mem", [4, 9]) }, journal, resumeAt);

    [Fact]
    public void The_npz_files_streamed_from_the_journal_are_those_the_series_would_save()
    {
        var dir = TempDir();
        using (var sink = Sink(dir))
        {
            WriteWindows(sink, 0, 30);
            sink.Complete();
            sink.WriteOutputs(dir, 305, rasterTitle: null);
        }
        Assert.Equal(["pop.npz", "pop.v_mem.csv", "pop.v_mem.npz", "rate.npz", "spikes.csv"], Directory.GetFiles(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var times = new List<double>();
        var channels = new List<int>();
        var rates = new TSContinuousBuilder(Dt, Rates.Size, 0, Rates.Name, stampAtStepEnd: true);
        var csv = new List<string> { RecordingSink.Header };
        var rows = new double[10 * Rates.Size];
        for (long step = 0; step < 300; step++)
            for (var n = 0; n < Spiking.Size; n++)
                if ((n + step) % 7 == 0)
                {
                    times.Add((step + 1) * Dt);
                    channels.Add(n);
                    csv.Add($"{new TimeFormat(Dt).Seconds(step + 1)},pop,{n}");
                }
        for (var w = 0; w < 30; w++)
        {
            for (var i = 0; i < rows.Length; i++) rows[i] = 10 * w + i / Rates.Size + (i % Rates.Size) / 10.0;
            rates.AddWindow(10 * w, 10, rows);
        }
        var expected = TempDir();
        new TSEvent(times.ToArray(), channels.ToArray(), false, 0.0, 305 * Dt, "pop", Spiking.Size).Save(Path.Combine(expected, "pop.npz"));
        var continuous = rates.Build(304);
        continuous.TStart = 0;
        continuous.Save(Path.Combine(expected, "rate.npz"));
        Assert.Equal(File.ReadAllBytes(Path.Combine(expected, "pop.npz")), File.ReadAllBytes(Path.Combine(dir, "pop.npz")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(expected, "rate.npz")), File.ReadAllBytes(Path.Combine(dir, "rate.npz")));
        Assert.Equal(csv, File.ReadAllLines(Path.Combine(dir, "spikes.csv")));
        var probe = TSContinuous.Load(Path.Combine(dir, "pop.v_mem.npz"));
        Assert.Equal(30, probe.Count);
        Assert.Equal(-29.0, probe.SampleAt(29, 1));
    }

    [Fact]
    public void Without_checkpoints_the_journal_is_a_temporary_file_gone_after_the_run()
    {
        var dir = TempDir();
        using (var sink = Sink(dir))
        {
            WriteWindows(sink, 0, 3);
            Assert.Single(Directory.GetFiles(dir));
        }
        Assert.Empty(Directory.GetFiles(dir));
    }

    [Fact]
    public void A_resumed_sink_goes_on_from_the_mark_and_gives_what_an_uninterrupted_one_gives()
    {
        var whole = TempDir();
        using (var sink = Sink(whole))
        {
            WriteWindows(sink, 0, 20);
            sink.Complete();
            sink.WriteOutputs(whole, 200, null);
        }
        var dir = TempDir();
        var journal = Path.Combine(dir, "recording.journal");
        long mark;
        using (var sink = Sink(dir, journal))
        {
            WriteWindows(sink, 0, 8);
            mark = sink.Mark();
            WriteWindows(sink, 8, 11); // lost with the process
        }
        using (var sink = Sink(dir, journal, mark))
        {
            WriteWindows(sink, 8, 20);
            sink.Complete();
            sink.WriteOutputs(dir, 200, null);
        }
        Assert.True(File.Exists(journal));
        foreach (var file in new[] { "spikes.csv", "pop.npz", "rate.npz", "pop.v_mem.npz", "pop.v_mem.csv" })
            Assert.Equal(File.ReadAllBytes(Path.Combine(whole, file)), File.ReadAllBytes(Path.Combine(dir, file)));
    }
}
