using EventSpike.Hardware.Sensors;

namespace EventSpike.Hardware.Streaming;

/// <summary>
/// A feed running on a thread of its own into a <see cref="SensorWindowSource"/>: when the feed ends (the file's
/// end, <see cref="Stop"/>, or a failure) the source is told end-of-stream, so the open-ended run ends with the
/// window in which the stream ended and writes whole outputs.
/// </summary>
public sealed class SensorStream : IDisposable
{
    private readonly IStreamFeed _feed;
    private readonly SensorIngest _ingest;
    private readonly CancellationTokenSource _stop = new();
    private readonly Thread _thread;

    /// <param name="clockSlackUs">How far a quiet live source's watermark stays behind the wall clock (<see cref="SensorIngest.ClockSlackUs"/>).</param>
    public SensorStream(IStreamFeed feed, SensorWindowSource source, SensorMapping mapping, double dt, long clockSlackUs = SensorIngest.DefaultClockSlackUs)
    {
        _feed = feed;
        _ingest = new SensorIngest(source, mapping, dt) { ClockSlackUs = clockSlackUs };
        _thread = new Thread(Run) { IsBackground = true, Name = "sensor feed" };
    }

    /// <summary>Why the feed stopped early (a malformed file, a stream that cannot be decoded); null when it ended normally.</summary>
    public Exception? Failure { get; private set; }

    public void Start() => _thread.Start();

    /// <summary>Stops a live feed (Ctrl-C): the stream ends at what has come in.</summary>
    public void Stop() => _stop.Cancel();

    /// <summary>Waits for the feed's thread to end.</summary>
    public bool Join(TimeSpan timeout) => _thread.Join(timeout);

    private void Run()
    {
        try
        {
            // The feed starts when the network does: a paced replay's clock (and the latency) then leave out the runtime's start.
            try { _ingest.Source.Requested.Wait(_stop.Token); } catch (OperationCanceledException) { }
            _feed.Run(_ingest, _stop.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Failure = e;
        }
        finally
        {
            _ingest.Source.End();
        }
    }

    /// <summary>What came in and what happened to it.</summary>
    public StreamStats Stats => new(_ingest.EventsIn, _ingest.Source.Dropped, _ingest.Outside, _ingest.Source.WindowsShed,
        _ingest.Source.Latency, _feed.Counters.Reconnects, _feed.Counters.DatagramsLost, _feed.Counters.FramesSkipped);

    public void Dispose()
    {
        _stop.Cancel();
        _thread.Join(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}
