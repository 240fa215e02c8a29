using System.Diagnostics;
using EventSpike.Neurons.Numpy;
using EventSpike.Neurons.Series;
using Xunit;
using Xunit.Abstractions;
using static EventSpike.Neurons.Tests.Series.SeriesAssert;

namespace EventSpike.Neurons.Tests.Series;

/// <summary>Rockpool's save/load layout, JSON, bad files, and a cross-check with NumPy when it is installed.</summary>
public class SeriesFilesTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("series-files").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private static readonly double[] Times = [1, 3, 6];
    private static readonly double[] Samples = [0.5, -1.25, 3.0];

    private static TSContinuous Tsc() => new(Times, Samples, periodic: true, tStart: -1, tStop: 8, name: "continuous");
    private static TSEvent Tse() => new(Times, [0, 1, 1], numChannels: 3, tStart: -1, tStop: 8, periodic: true, name: "events");

    [Fact]
    public void Save_and_load_keep_every_attribute()
    {
        var pc = Path.Combine(_dir, "test_tsc.npz");
        var pe = Path.Combine(_dir, "test_tse.npz");
        Tsc().Save(pc);
        Tse().Save(pe);
        var tscl = Assert.IsType<TSContinuous>(Neurons.Series.TimeSeries.Load(pc));
        var tsel = Assert.IsType<TSEvent>(Neurons.Series.TimeSeries.Load(pe));
        Values(Times, tscl.Times);
        Matrix(new double[,] { { 0.5 }, { -1.25 }, { 3.0 } }, tscl.Samples);
        Assert.Equal("continuous", tscl.Name);
        Assert.Equal(-1, tscl.TStart);
        Assert.Equal(8, tscl.TStop);
        Assert.True(tscl.Periodic);
        Assert.Equal("linear", tscl.InterpKind);
        Events(tsel, Times, [0, 1, 1]);
        Assert.Equal("events", tsel.Name);
        Assert.Equal(-1, tsel.TStart);
        Assert.Equal(8, tsel.TStop);
        Assert.True(tsel.Periodic);
        Assert.Equal(3, tsel.NumChannels);

        Assert.Equal(3, TSEvent.Load(pe).NumChannels);
        Assert.Equal(3, TSContinuous.Load(pc).Count);
        var wrong = Assert.Throws<NpyFormatException>(() => TSEvent.Load(pc));
        Assert.Equal("str_type", wrong.Key);
        Assert.Throws<NpyFormatException>(() => TSContinuous.Load(pe));
        Assert.Throws<NpyFormatException>(() => Neurons.Series.TimeSeries.Load(pc, expectedType: "TSEvent"));
        Assert.IsType<TSEvent>(Neurons.Series.TimeSeries.Load(pe, expectedType: "TSEvent"));
    }

    [Fact]
    public void Npz_keys_and_dtypes_are_rockpools()
    {
        var pe = Path.Combine(_dir, "e.npz");
        Tse().Save(pe);
        var e = Npz.ReadFile(pe);
        Assert.Equal(["times", "channels", "t_start", "t_stop", "periodic", "num_channels", "name", "str_type"], e.Keys);
        Assert.Equal("<f8", e["times"].Descr);
        Assert.Equal("<i8", e["channels"].Descr);
        Assert.Equal("<f8", e["t_start"].Descr);
        Assert.True(e["t_start"].IsScalar);
        Assert.Equal("|b1", e["periodic"].Descr);
        Assert.Equal("<i8", e["num_channels"].Descr);
        Assert.Equal("<U6", e["name"].Descr);
        Assert.Equal("<U7", e["str_type"].Descr);
        Assert.Equal("TSEvent", e["str_type"].ScalarString());

        var pc = Path.Combine(_dir, "c.npz");
        var tsc = Tsc();
        tsc.TrialStartTimes = [0, 4];
        tsc.Save(pc);
        var c = Npz.ReadFile(pc);
        Assert.Equal(["times", "samples", "t_start", "t_stop", "interp_kind", "periodic", "name", "str_type", "trial_start_times"], c.Keys);
        Assert.Equal([3, 1], c["samples"].Shape);
        Assert.Equal("TSContinuous", c["str_type"].ScalarString());
        Assert.Equal([0.0, 4], TSContinuous.Load(pc).TrialStartTimes!);
        Assert.DoesNotContain("trial_start_times", Npz.ReadFile(Save(Tsc())).Keys);
    }

    private string Save(Neurons.Series.TimeSeries ts)
    {
        var p = Path.Combine(_dir, Guid.NewGuid() + ".npz");
        ts.Save(p);
        return p;
    }

    [Fact]
    public void Loads_rockpool_variants_strings_as_bytes_and_1d_samples()
    {
        var p = Path.Combine(_dir, "v.npz");
        Npz.WriteFile(p, [
            new("times", NpyArray.Of([0.0, 1])),
            new("samples", NpyArray.Of([2.0, 3])),
            new("t_start", NpyArray.Scalar(0.0)),
            new("t_stop", NpyArray.Scalar(2.0)),
            new("periodic", NpyArray.Scalar(false)),
            new("name", new NpyArray("|S1", [], new[] { "n" })),
            new("str_type", new NpyArray("|S12", [], new[] { "TSContinuous" })),
            new("trial_start_times", new NpyArray("|O", [], new byte[] { 0x80, 0x02, 0x4e, 0x2e })),
        ]);
        var ts = TSContinuous.Load(p);
        Assert.Equal(1, ts.NumChannels);
        Assert.Equal("n", ts.Name);
        Assert.Null(ts.TrialStartTimes);
        Assert.Equal(2, ts.TStop);
    }

    [Fact]
    public void Bad_series_files_name_the_key()
    {
        var p = Path.Combine(_dir, "bad.npz");
        Npz.WriteFile(p, [
            new("times", NpyArray.Of([0.0, 1, 2])),
            new("channels", NpyArray.Of([0L, 1])),
            new("t_start", NpyArray.Scalar(0.0)),
            new("t_stop", NpyArray.Scalar(2.0)),
            new("str_type", NpyArray.Scalar("TSEvent")),
        ]);
        var e = Assert.Throws<NpyFormatException>(() => TSEvent.Load(p));
        Assert.Equal("channels", e.Key);
        Assert.Contains(p, e.Message);

        Npz.WriteFile(p, [new("times", NpyArray.Of([0.0])), new("str_type", NpyArray.Scalar("TSEvent"))]);
        Assert.Equal("t_start", Assert.Throws<NpyFormatException>(() => TSEvent.Load(p)).Key);

        Npz.WriteFile(p, [
            new("times", NpyArray.Of([0.0, 1])),
            new("samples", NpyArray.Of([1.0, 2, 3], 3, 1)),
            new("t_start", NpyArray.Scalar(0.0)),
            new("t_stop", NpyArray.Scalar(1.0)),
            new("str_type", NpyArray.Scalar("TSContinuous")),
        ]);
        Assert.Equal("samples", Assert.Throws<NpyFormatException>(() => TSContinuous.Load(p)).Key);

        Npz.WriteFile(p, [
            new("times", NpyArray.Of([0.0, 1])),
            new("channels", NpyArray.Of([0L, 5])),
            new("t_start", NpyArray.Scalar(0.0)),
            new("t_stop", NpyArray.Scalar(1.0)),
            new("num_channels", NpyArray.Scalar(2L)),
            new("str_type", NpyArray.Scalar("TSEvent")),
        ]);
        Assert.Equal("num_channels", Assert.Throws<NpyFormatException>(() => TSEvent.Load(p)).Key);
    }

    [Fact]
    public void Json_round_trips_including_nan()
    {
        var c = new TSContinuous([0.0, 1], new double[,] { { 1, double.NaN }, { 3, 4 } }, name: "v", units: "V", tStop: 2);
        var back = TSContinuous.FromJson(c.ToJson());
        Matrix(c.Samples, back.Samples);
        Assert.Equal("V", back.Units);
        Assert.Equal(2, back.TStop);
        var e = Tse();
        var eb = Assert.IsType<TSEvent>(Neurons.Series.TimeSeries.FromJson(e.ToJson()));
        Events(eb, Times, [0, 1, 1]);
        Assert.Equal(3, eb.NumChannels);
        Assert.True(eb.Periodic);
        Assert.Equal(-1, eb.TStart);
        Assert.Contains("\"str_type\":\"TSEvent\"", e.ToJson());
        Assert.Throws<FormatException>(() => TSEvent.FromJson(c.ToJson()));
    }

    /// <summary>A Python interpreter that can import numpy (the one on PATH, else Debian's), or null.</summary>
    private static string? NumpyPython()
    {
        foreach (var exe in new[] { "python3", "/usr/bin/python3" })
        {
            try
            {
                using var p = Process.Start(new ProcessStartInfo(exe, "-c \"import numpy\"")
                    { RedirectStandardError = true, RedirectStandardOutput = true });
                if (p is null) continue;
                if (p.WaitForExit(30_000) && p.ExitCode == 0) return exe;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // not installed
            }
        }
        return null;
    }

    private static string Python(string exe, string script)
    {
        var psi = new ProcessStartInfo(exe) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add("-");
        psi.Environment["PYTHONIOENCODING"] = "utf-8";
        using var p = Process.Start(psi)!;
        p.StandardInput.Write(script);
        p.StandardInput.Close();
        var stdout = p.StandardOutput.ReadToEnd();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, stderr);
        return stdout.Trim();
    }

    /// <summary>NumPy writes, EventSpike reads; EventSpike writes, NumPy reads. Reported as skipped, with the reason, without NumPy.</summary>
    [SkippableFact]
    public void Cross_check_with_numpy_when_installed()
    {
        var python = NumpyPython();
        Skip.If(python is null, "python3 with numpy is not installed: the NumPy cross-check did not run");
        var fromNumpy = Path.Combine(_dir, "np.npz");
        var fromNumpyZ = Path.Combine(_dir, "npz.npz");
        Python(python, $$"""
            import numpy as np
            kw = dict(times=np.array([0.5, 1.0, 1.0]), channels=np.array([2, 0, 1]), t_start=0.0, t_stop=2.0,
                      periodic=False, num_channels=4, name="rec", str_type="TSEvent")
            np.savez(r"{{fromNumpy}}", **kw)
            np.savez_compressed(r"{{fromNumpyZ}}", **kw)
            """);
        foreach (var path in new[] { fromNumpy, fromNumpyZ })
        {
            var ts = TSEvent.Load(path);
            Events(ts, [0.5, 1, 1], [2, 0, 1]);
            Assert.Equal(4, ts.NumChannels);
            Assert.Equal("rec", ts.Name);
            Assert.Equal(2, ts.TStop);
        }
        var ours = Path.Combine(_dir, "ours.npz");
        new TSContinuous([0.0, 0.5], new double[,] { { 1, 2 }, { 3, double.NaN } }, name: "é", tStop: 1).Save(ours);
        var printed = Python(python, $$"""
            import numpy as np
            d = np.load(r"{{ours}}")
            print(d["samples"].shape, d["samples"].dtype, repr(str(d["str_type"])), repr(str(d["name"])), float(d["t_stop"]), bool(d["periodic"]), np.isnan(d["samples"][1, 1]))
            """);
        Assert.Equal("(2, 2) float64 'TSContinuous' 'é' 1.0 False True", printed);

        // A Rockpool TSContinuous file with trial_start_times=None (a pickled object array) and 2-D samples.
        var rockpool = Path.Combine(_dir, "rp.npz");
        Python(python, $$"""
            import numpy as np
            np.savez(r"{{rockpool}}", times=np.array([0.0, 1.0]), samples=np.array([[1.0, 2.0], [3.0, 4.0]]), t_start=0.0,
                     t_stop=1.0, interp_kind="linear", periodic=True, name="x", str_type="TSContinuous", trial_start_times=None)
            """);
        var rc = TSContinuous.Load(rockpool);
        Matrix(new double[,] { { 1, 2 }, { 3, 4 } }, rc.Samples);
        Assert.True(rc.Periodic);
        Assert.Null(rc.TrialStartTimes);

        // Byte-for-byte the same .npy as numpy.save, for each dtype.
        var npyDir = Path.Combine(_dir, "npy");
        Directory.CreateDirectory(npyDir);
        Python(python, $$"""
            import numpy as np
            d = r"{{npyDir}}"
            np.save(d + "/f8.npy", np.array([1.0, 2.0, 3.0]))
            np.save(d + "/f8x2.npy", np.arange(6.0).reshape(2, 3))
            np.save(d + "/i8.npy", np.array([1, -2], dtype="<i8"))
            np.save(d + "/i4.npy", np.array([7], dtype="<i4"))
            np.save(d + "/f4.npy", np.array([0.5], dtype="<f4"))
            np.save(d + "/b1.npy", np.array([True, False]))
            np.save(d + "/u.npy", np.array("TSEvent"))
            np.save(d + "/s0.npy", np.array(2.5))
            """);
        void Same(string file, NpyArray ours)
        {
            using var ms = new MemoryStream();
            Npy.Write(ms, ours);
            Assert.Equal(File.ReadAllBytes(Path.Combine(npyDir, file)), ms.ToArray());
        }
        Same("f8.npy", NpyArray.Of([1.0, 2, 3]));
        Same("f8x2.npy", NpyArray.Of([0.0, 1, 2, 3, 4, 5], 2, 3));
        Same("i8.npy", NpyArray.Of([1L, -2]));
        Same("i4.npy", NpyArray.Of([7]));
        Same("f4.npy", NpyArray.Of([0.5f]));
        Same("b1.npy", NpyArray.Of([true, false]));
        Same("u.npy", NpyArray.Scalar("TSEvent"));
        Same("s0.npy", NpyArray.Scalar(2.5));
        output.WriteLine($"NumPy cross-check ran with {python}.");
    }
}
