namespace EventSpike.Host.Cli;

/// <summary>
/// The table of every command: what <c>eventspike COMMAND --help</c> prints and what the command's parser
/// accepts (<see cref="CommandSpec.Parse"/>). A new option goes here, once.
/// </summary>
public static class CommandSpecs
{
    private static OptionSpec V(string name, string value, string description) => new(name, value, description);

    private static OptionSpec F(string name, string description) => new(name, null, description);

    private static readonly OptionSpec[] Tls =
    [
        V("tls-cert", "FILE.pfx", "mutual TLS between nodes with this PKCS#12 certificate"),
        V("tls-password", "P", "the certificate's password (visible in ps; prefer --tls-password-file)"),
        V("tls-password-file", "FILE", "read the certificate's password from the first line of FILE (or set EVENTSPIKE_TLS_PASSWORD)"),
        V("tls-trust", "THUMBPRINT,...", "peer certificates to accept (default: the certificate's own)"),
    ];

    /// <summary><c>eventspike run</c>.</summary>
    public static readonly CommandSpec Run = new("run",
        "Runs a network file (EventSpike or Rockpool JSON) for a duration and writes spikes, probes, a raster and summary.json to the output folder.",
        ["run NETWORK.json|ROCKPOOL.json [OPTIONS]", "run --resume DIR [--duration S]", "run NETWORK.json --seed-nodes HOST:PORT,... [OPTIONS]"],
        [
            V("duration", "S", "simulated seconds (default: the network file's, else the end of the --input files)"),
            V("dt", "S", "time step in seconds (default: the network file's)"),
            V("out", "DIR", "output folder (default: out)"),
            V("seed", "N", "random seed (default: the network file's)"),
            V("threads", "N", "worker threads (default: the number of cores)"),
            V("input", "LAYER=FILE.npz", "feed a source layer from a time-series file; may repeat"),
            F("realtime", "pace the run to the wall clock (1 simulated second per second)"),
            V("checkpoint-every", "S", "write a checkpoint every S simulated seconds (needed for --resume)"),
            V("resume", "DIR", "continue the run in DIR from its newest checkpoint"),
            V("watchdog", "S", "fail the run when no window completes for S seconds (default: 60)"),
            V("credit", "N", "windows a layer may run ahead of its slowest input (default: 4; 32 with --seed-nodes)"),
            F("no-plot", "write no raster.png or traces.png"),
            V("backend", "cpu|cuda|ilgpu-cpu", "where layers run when the network file names no backend (default: cpu)"),
            V("device", "cuda|ilgpu-cpu", "run the whole network resident on an accelerator (iaf_psc_exp layers; rings and spikes stay on the device)"),
            V("max-memory", "SIZE", "refuse a network whose tables would need more than SIZE (e.g. 8GB)"),
            V("shard-size", "N", "split layers above N neurons into shards (cluster default: 65536)"),
            V("seed-nodes", "HOST:PORT,...", "run on a cluster: the nodes to join through"),
            V("min-nodes", "N", "cluster: wait for N worker nodes before starting (default: 1)"),
            V("join-timeout", "S", "cluster: how long to wait for --min-nodes"),
            V("on-node-loss", "stop|resume", "cluster: stop when a node is lost (default), or resume from the last checkpoint"),
            V("cluster", "FILE.hocon", "cluster: extra Akka configuration"),
            F("verbose", "Akka's log at INFO, with the remote lifecycle messages left out by default"),
            V("nir-reset", "zero|subtract", "NIR graph: spiking neurons reset to v_reset (default, NIR's definition) or by subtraction"),
            V("nir-method", "exact|euler", "NIR graph: zero-order-hold exact integration (default) or forward Euler as Norse/snnTorch"),
            V("nir-spikes", "value|delta", "NIR graph: a spike is 1 over its step (default, Norse/snnTorch) or a Dirac of area 1 (Sinabs' IAF)"),
            .. Tls,
            V("energy", "DEVICE", "add an energy estimate per layer to summary.json: cpu, gpu, arm (clocked), loihi, spinnaker, spinnaker2 (event-driven)"),
        ]);

    /// <summary><c>eventspike node</c>.</summary>
    public static readonly CommandSpec Node = new("node",
        "Starts a worker that joins a cluster and hosts the layers a coordinator places on it, until Ctrl-C.",
        ["node [--host 127.0.0.1] [--port P] [--seed-nodes HOST:PORT,...] [OPTIONS]"],
        [
            V("host", "ADDRESS", "address to listen on (default: 127.0.0.1; beyond loopback needs --tls-cert or --insecure)"),
            V("port", "P", "port to listen on (default: 0, any free port)"),
            V("seed-nodes", "HOST:PORT,...", "the nodes to join through (default: this node)"),
            V("config", "FILE.hocon", "extra Akka configuration"),
            V("threads", "N", "worker threads (default: the number of cores)"),
            F("insecure", "listen beyond loopback without TLS (a warning says so)"),
            F("verbose", "Akka's log at INFO, with the remote lifecycle messages (a peer's disassociation) left out by default"),
            .. Tls,
        ]);

    /// <summary><c>eventspike bench</c>.</summary>
    public static readonly CommandSpec Bench = new("bench",
        "Runs a standard network (or measures a sensor reader or a stream) and prints one JSON line of figures.",
        ["bench cuba|coba|brunel|dense [OPTIONS]", "bench decode RECORDING [--repeat N]", "bench microcircuit [--scale X] [--duration S] [--transient S] [--threads N] [--seed N] [--seeds K] [--v0 optimized|original] [--device cuda|ilgpu-cpu] [--seed-nodes HOST:PORT,... --min-nodes N]", "bench stream [--rate R] [--policy block|drop-oldest] [--speed X] [--warmup S]",
         "bench dynapse [--mode dpi|virtual|hil] [--duration S] [--rate R]"],
        [
            V("scale", "X", "network size relative to the standard one (default: 1)"),
            V("duration", "S", "simulated seconds (default: the bench's own)"),
            V("threads", "N", "worker threads (default: 1)"),
            V("device", "cpu|cuda|ilgpu-cpu", "where the cuba bench's layer runs, or (microcircuit) the whole network resident (default: cpu)"),
            V("seed", "N", "random seed (default: 12345)"),
            V("v-reset", "MV", "reset potential in mV instead of the bench's own"),
            V("credit", "N", "windows a layer may run ahead of its slowest input (default: 4)"),
            V("batch", "B", "dense bench: networks run side by side"),
            V("warmup", "S", "first run an untimed S-second copy (JIT, caches)"),
            V("transient", "S", "bench microcircuit: simulated seconds before rates and CVs are counted (default: 0.5)"),
            F("plain", "run the same engines in a plain loop instead of actors"),
            V("v0", "optimized|original", "bench microcircuit: NEST's per-population initial potentials or N(-58, 10) mV (default: optimized)"),
            V("seeds", "K", "bench microcircuit: run seeds N .. N+K-1 in turn, then print their mean and s.d. per population (default: 1)"),
            V("seed-nodes", "HOST:PORT,...", "bench microcircuit: run on a cluster's worker nodes (`eventspike node`), joining through these"),
            V("min-nodes", "N", "bench microcircuit with --seed-nodes: worker nodes to wait for (default: 1)"),
            V("join-timeout", "S", "bench microcircuit with --seed-nodes: seconds to wait for them (default: 30)"),
            V("repeat", "N", "bench decode: times to read the recording (default: 5)"),
            V("rate", "R", "bench stream: sensor events per second (default: 1e6)"),
            V("policy", "block|drop-oldest", "bench stream: what a full input queue does (default: block)"),
            V("speed", "X", "bench stream: replay at X times the sensor's speed (default: 1; 0: as fast as the network goes)"),
            V("mode", "dpi|virtual|hil", "bench dynapse: the DPI chip model, VirtualDynapse, or the loopback device link (default: dpi)"),
        ]);

    /// <summary><c>eventspike device-server</c>.</summary>
    public static readonly CommandSpec DeviceServer = new("device-server",
        "Serves emulated DYNAP-SE boards over TCP (docs/device-protocol.md), one board per client, until Ctrl-C.",
        ["device-server [--host 127.0.0.1] [--port P] [--chips N] [--seed N] [--max-clients N]"],
        [
            V("host", "ADDRESS", "address to listen on (default: 127.0.0.1)"),
            V("port", "P", "port to listen on (default: 7411; 0: any free port)"),
            V("chips", "N", "chips on each emulated board, 1–4 (default: 4)"),
            V("seed", "N", "mismatch seed of the emulated boards, replacing the configurations' (default: theirs)"),
            V("max-clients", "N", "clients served at once (default: 16)"),
        ]);

    /// <summary><c>eventspike inspect</c>.</summary>
    public static readonly CommandSpec Inspect = new("inspect",
        "Tells what a file or run folder holds: a time series, a network, a NIR graph, a checkpoint, a run (its summary) or an event-sensor recording.",
        ["inspect FILE|RUN-FOLDER [--json] [--plot PNG]"],
        [
            F("json", "print one JSON object on one line"),
            V("plot", "PNG", "time series: also draw it into PNG"),
        ]);

    /// <summary><c>eventspike models</c>.</summary>
    public static readonly CommandSpec Models = new("models",
        "Lists the neuron and source models a network file may name.", ["models"], []);

    /// <summary><c>eventspike describe</c>.</summary>
    public static readonly CommandSpec Describe = new("describe",
        "Describes one model type: its parameters, units and defaults.", ["describe TYPE", "describe --markdown"],
        [F("markdown", "print every model as docs/models.md")]);

    /// <summary><c>eventspike stream</c>.</summary>
    public static readonly CommandSpec Stream = new("stream",
        "Runs a network whose input layer is fed by an event sensor (file or socket) until the file ends or Ctrl-C.",
        ["stream --source FILE|tcp://HOST:PORT|udp://HOST:PORT --network NETWORK.json --input-layer NAME [OPTIONS]"],
        [
            V("source", "FILE|tcp://HOST:PORT|udp://HOST:PORT", "where the events come from"),
            V("network", "NETWORK.json", "the network to run"),
            V("input-layer", "NAME", "the source layer the sensor feeds"),
            F("realtime", "pace a file at its own speed; on a socket, keep the network running with the wall clock while no events come"),
            V("speed", "X", "pace a file at X times its own speed"),
            V("policy", "block|drop-newest|drop-oldest|merge", "what a full backlog does (default: block for a file, drop-oldest for a socket)"),
            V("backlog", "WINDOWS", "windows of input that may wait (default: 8)"),
            V("out", "DIR", "output folder (default: out)"),
            V("sensor", "WxH", "the sensor's resolution (default: the input layer's \"sensor\" object, else what the source says)"),
            V("crop", "X,Y,W,H", "use only this part of the sensor"),
            V("pool", "N|PXxPY", "pool N×N (or PX×PY) pixels into one channel"),
            V("polarity", "split|merge", "ON and OFF events to separate channels, or the same"),
            V("framing", "auto|aedat4|words", "how a socket's bytes are framed (default: auto)"),
            V("seed", "N", "random seed (default: the network file's)"),
            V("dt", "S", "time step in seconds (default: the network file's)"),
            V("threads", "N", "worker threads (default: 1)"),
            V("credit", "N", "windows a layer may run ahead of its slowest input (default: 4)"),
            V("watchdog", "S", "fail when no window completes for S seconds (default: 60 for a file, none for a socket)"),
            F("no-plot", "write no raster.png or traces.png"),
        ]);

    /// <summary><c>eventspike export</c>.</summary>
    public static readonly CommandSpec Export = new("export",
        "Writes a network (EventSpike or Rockpool JSON, or a NIR graph) as a NIR graph file; names any layer with no NIR equivalent.",
        ["export NETWORK.json --nir OUT.nir [--dt S]"],
        [
            V("nir", "OUT.nir", "the NIR file to write"),
            V("dt", "S", "time step in seconds (default: the network file's; needed for a NIR input)"),
            V("nir-reset", "zero|subtract", "NIR input: as for run"),
            V("nir-method", "exact|euler", "NIR input: as for run"),
            V("nir-spikes", "value|delta", "NIR input: as for run"),
        ]);

    /// <summary>Every command, as <c>eventspike --help</c> lists them.</summary>
    public static readonly IReadOnlyList<CommandSpec> All = [Run, Stream, Node, DeviceServer, Bench, Inspect, Models, Describe, Export];

    /// <summary>The command called <paramref name="name"/>, or null.</summary>
    public static CommandSpec? Find(string name) => All.FirstOrDefault(c => c.Name == name);
}
