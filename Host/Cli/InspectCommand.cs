using System.Text.Json;

namespace EventSpike.Host.Cli;

/// <summary>
/// <c>eventspike inspect FILE|DIR [--json] [--plot PNG]</c>: what a file or a run folder holds. An <c>.npz</c>
/// time series gives <c>kind</c>, <c>str_type</c>, <c>num_channels</c>, <c>t_start</c>, <c>t_stop</c> (and its
/// events or samples); a network file gives <c>kind</c>, its layers (names, types, sizes, every parameter
/// with the defaults filled in) and connections; a run folder, or its <c>summary.json</c>, gives the run
/// (network, duration, seed, speed, spikes and rates per layer, the files it wrote); an event-sensor recording
/// (AEDAT, EVT, DAT, N-MNIST) gives its format, resolution, event count, time span, rate and ON/OFF counts; a NIR graph its
/// nodes, shapes, edges and the layers a run makes of it; a checkpoint its step and layers. <c>--json</c> prints one
/// JSON object on one line; otherwise the same, readably.
/// </summary>
public static class InspectCommand
{
    public static int Execute(IReadOnlyList<string> args, TextWriter stdout)
    {
        var a = CommandSpecs.Inspect.Parse(args);
        if (a.Positional.Count != 1) throw new InputException("usage: eventspike inspect FILE|RUN-FOLDER [--json] [--plot PNG]");
        var path = a.Positional[0];
        Dictionary<string, object?> info;
        if (Directory.Exists(path)) info = InspectRun.Folder(path);
        else if (!File.Exists(path)) throw new InputException($"{path}: file or folder not found");
        else if (path.EndsWith(".npz", StringComparison.OrdinalIgnoreCase)) info = InspectSeries.File(path, a.Value("plot"));
        else if (path.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            info = InspectRun.IsSummary(path) ? InspectRun.Summary(path) : InspectNetwork.File(path);
        else if (InspectCheckpoint.Recognises(path)) info = InspectCheckpoint.File(path);
        else if (Routing.Nir.NirFile.Looks(path)) info = InspectNir.File(path);
        else if (InspectRecording.Recognises(path)) info = InspectRecording.File(path);
        else
            throw new InputException($"{path}: not a format inspect reads yet (.npz time series, .json networks and run summaries, run folders, .nir graphs, checkpoints, event recordings: {string.Join(", ", Hardware.Sensors.EventFiles.Names)})");

        if (a.Flag("json")) stdout.WriteLine(JsonSerializer.Serialize(info));
        else Readable.Write(stdout, info, 0);
        return ExitCodes.Done;
    }
}
