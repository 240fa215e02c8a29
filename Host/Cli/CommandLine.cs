namespace EventSpike.Host.Cli;

/// <summary>
/// The <c>eventspike</c> command line: picks the command, turns bad input into exit code 2 with
/// one line on stderr, a failure while running into exit 3, Ctrl-C into 130, SIGTERM into 143
/// (both stop the run the same way: <see cref="StopSignals"/>).
/// </summary>
public static class CommandLine
{
    private const string Usage =
        "usage: eventspike run NETWORK.json|ROCKPOOL.json|MODEL.nir [--duration S] [--dt S] [--out DIR] [--seed N] [--threads N]\n" +
        "                      [--input LAYER=FILE.npz]... [--realtime] [--checkpoint-every S] [--watchdog S] [--credit N] [--no-plot]\n" +
        "                      [--backend cpu|cuda|ilgpu-cpu] [--device cuda|ilgpu-cpu] [--max-memory SIZE] [--shard-size N] [--energy DEVICE] [--verbose]\n" +
        "                      MODEL.nir: --dt S [--nir-reset zero|subtract] [--nir-method exact|euler] [--nir-spikes value|delta]\n" +
        "       eventspike run --resume DIR [--duration S]\n" +
        "       eventspike run NETWORK.json --seed-nodes HOST:PORT,... [--min-nodes N] [--join-timeout S] [--on-node-loss stop|resume]\n" +
        "                      [--tls-cert FILE.pfx [--tls-password-file FILE] [--tls-trust THUMBPRINT,...]] [--cluster FILE.hocon]\n" +
        "       eventspike stream --source FILE|tcp://HOST:PORT|udp://HOST:PORT --network NETWORK.json --input-layer NAME\n" +
        "                      [--realtime | --speed X] [--policy block|drop-newest|drop-oldest|merge] [--backlog WINDOWS] [--out DIR]\n" +
        "                      [--sensor WxH] [--crop X,Y,W,H] [--pool N] [--polarity split|merge] [--framing auto|aedat4|words]\n" +
        "                      [--seed N] [--dt S] [--threads N] [--credit N] [--watchdog S] [--no-plot]\n" +
        "       eventspike node [--host 127.0.0.1] [--port P] [--seed-nodes HOST:PORT,...] [--config FILE.hocon] [--threads N]\n" +
        "                      [--tls-cert FILE.pfx [--tls-password-file FILE] [--tls-trust THUMBPRINT,...]] [--insecure] [--verbose]\n" +
        "       (TLS password: --tls-password-file FILE or EVENTSPIKE_TLS_PASSWORD; --tls-password P shows in ps.\n" +
        "        node --host beyond loopback needs --tls-cert, or --insecure)\n" +
        "       eventspike bench cuba|coba|brunel|dense [--scale X] [--duration S] [--threads N] [--batch B] [--plain] [--warmup S]\n" +
        "                      [--device cpu|cuda|ilgpu-cpu] [--seed N] [--v-reset MV] [--credit N]\n" +
        "       eventspike bench microcircuit [--scale X] [--duration S] [--transient S] [--threads N] [--seed N] [--seeds K] [--plain] [--v0 optimized|original] [--device cuda|ilgpu-cpu]\n" +
        "       eventspike bench decode RECORDING [--repeat N]\n" +
        "       eventspike bench stream [--rate R] [--policy block|drop-oldest]\n" +
        "       eventspike bench dynapse [--mode dpi|virtual|hil] [--duration S] [--rate R]\n" +
        "       eventspike device-server [--host 127.0.0.1] [--port P] [--chips N] [--seed N] [--max-clients N]\n" +
        "       eventspike inspect FILE [--json] [--plot PNG]\n" +
        "       eventspike export NETWORK.json|MODEL.nir --nir OUT.nir [--dt S]\n" +
        "       eventspike models\n" +
        "       eventspike describe TYPE | --markdown\n" +
        "       eventspike --version\n" +
        "       eventspike COMMAND --help   (every option of COMMAND, one line each)\n" +
        "       eventspike [suggest] COMMAND --PARTIAL   (completions, as dotnet-suggest asks for them)";

    /// <summary>The Host assembly's informational version, without the <c>+commit</c> suffix.</summary>
    public static string Version
    {
        get
        {
            var info = typeof(CommandLine).Assembly
                .GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
                .OfType<System.Reflection.AssemblyInformationalVersionAttribute>().FirstOrDefault()?.InformationalVersion;
            var version = info ?? typeof(CommandLine).Assembly.GetName().Version?.ToString() ?? "unknown";
            var plus = version.IndexOf('+');
            return plus > 0 ? version[..plus] : version;
        }
    }

    /// <summary>Runs the command line <paramref name="args"/>; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancel = default)
    {
        Gpu.GpuBackends.Register();
        Hardware.Sensors.SensorFormats.RegisterAll();
        Hardware.Dynapse.DynapseHardware.Register();
        using var interrupt = new StopSignals(cancel);
        return interrupt.ExitCode(Dispatch(args, stdout, stderr, interrupt.Token));
    }

    /// <summary>" (did you mean run?)" when System.CommandLine finds a command close to <paramref name="word"/>.</summary>
    private static string DidYouMean(string word) =>
        word.StartsWith('-') || CommandTree.CommandCorrections(word) is not { Count: > 0 } near ? "" : $" (did you mean {string.Join(" or ", near)}?)";

    /// <summary>Runs the command <paramref name="args"/> names; bad input is exit 2, a failure exit 3.</summary>
    private static int Dispatch(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken interrupt)
    {
        try
        {
            if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
            {
                (args.Length == 0 ? stderr : stdout).WriteLine(Usage);
                return args.Length == 0 ? ExitCodes.BadInput : ExitCodes.Done;
            }
            if (args[0].StartsWith("[suggest", StringComparison.Ordinal)) return CommandTree.Suggest(args, stdout);
            if (args[0] is "--version" or "-V")
            {
                stdout.WriteLine("eventspike " + Version);
                return ExitCodes.Done;
            }
            try
            {
                // A developer's layout switch read deep inside the engine: a bad value is bad input, said before anything is built.
                Neurons.Runtime.DelayRing.EnvironmentLayout();
            }
            catch (InvalidOperationException e)
            {
                throw new InputException(e.Message);
            }
            var rest = args.Skip(1).ToList();
            if (CommandSpecs.Find(args[0]) is { } spec && rest.Any(a => a is "--help" or "-h"))
            {
                stdout.Write(spec.Help());
                return ExitCodes.Done;
            }
            return args[0] switch
            {
                "run" => RunCommand.Execute(rest, stdout, stderr, interrupt),
                "bench" => Bench.BenchCommand.Execute(rest, stdout, stderr, interrupt),
                "inspect" => InspectCommand.Execute(rest, stdout),
                "models" => ModelsCommand.Execute(rest, stdout),
                "describe" => DescribeCommand.Execute(rest, stdout),
                "node" => NodeCommand.Execute(rest, stdout, stderr, interrupt),
                "stream" => StreamCommand.Execute(rest, stdout, stderr, interrupt),
                "export" => ExportCommand.Execute(rest, stdout, stderr),
                "device-server" => DeviceServerCommand.Execute(rest, stdout, stderr, interrupt),
                _ => throw new InputException($"unknown command '{args[0]}'{DidYouMean(args[0])}; commands: run, stream, node, device-server, bench, inspect, export, models, describe (eventspike --help)"),
            };
        }
        catch (InputException e)
        {
            stderr.WriteLine("error: " + e.Message);
            return ExitCodes.BadInput;
        }
        catch (Actors.Hosting.BackendLimitException e)
        {
            stderr.WriteLine("error: " + e.Message);
            return ExitCodes.BadInput;
        }
        catch (Exception e)
        {
            stderr.WriteLine($"error: the run failed: {e.GetType().Name}: {e.Message}");
            return ExitCodes.RunFailed;
        }
    }
}
