using System.Diagnostics;
using System.Globalization;
using Spectre.Console;

namespace EventSpike.Host.Output;

/// <summary>
/// Shows how far a run is: a live bar (simulated time, speed) when stderr is a terminal, plain
/// lines every few seconds when it is redirected. <see cref="Report"/> may be called from any thread.
/// </summary>
public sealed class ProgressDisplay(TextWriter plain, long totalSteps, double dt, bool live)
{
    private long _steps;
    private readonly Stopwatch _clock = new();

    public static bool TerminalAttached => !Console.IsErrorRedirected && !Console.IsOutputRedirected;

    public void Report(long steps) => Interlocked.Exchange(ref _steps, steps);

    public async Task<T> RunAsync<T>(Func<Task<T>> work)
    {
        _clock.Start();
        if (live)
        {
            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
            return await console.Progress()
                .AutoClear(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async ctx =>
                {
                    // An open-ended run has no end to show: its bar stays indeterminate.
                    var task = ctx.AddTask(Describe(0), maxValue: Math.Min(totalSteps, Routing.Network.WindowPlan.Unbounded));
                    task.IsIndeterminate = totalSteps >= Routing.Network.WindowPlan.Unbounded;
                    var run = work();
                    while (!run.IsCompleted)
                    {
                        await Task.WhenAny(run, Task.Delay(100)).ConfigureAwait(false);
                        var s = Interlocked.Read(ref _steps);
                        task.Value = s;
                        task.Description = Describe(s);
                    }
                    task.Value = Interlocked.Read(ref _steps);
                    task.Description = Describe(Interlocked.Read(ref _steps));
                    return await run.ConfigureAwait(false);
                }).ConfigureAwait(false);
        }

        var job = work();
        var last = TimeSpan.Zero;
        while (!job.IsCompleted)
        {
            await Task.WhenAny(job, Task.Delay(200)).ConfigureAwait(false);
            if (_clock.Elapsed - last >= TimeSpan.FromSeconds(5) && !job.IsCompleted)
            {
                last = _clock.Elapsed;
                plain.WriteLine("progress: " + Describe(Interlocked.Read(ref _steps)));
            }
        }
        return await job.ConfigureAwait(false);
    }

    private string Describe(long steps) => Describe(steps, totalSteps, dt, _clock.Elapsed.TotalSeconds);

    /// <summary>
    /// One progress line: simulated seconds so far out of the run's total, and the pace. An open-ended run
    /// (<see cref="Routing.Network.WindowPlan.Unbounded"/> steps: it ends when its sources do) shows no total.
    /// </summary>
    public static string Describe(long steps, long totalSteps, double dt, double wallSeconds)
    {
        var simulated = steps * dt;
        var pace = SpeedFigure.Of(simulated, wallSeconds) > 0 ? SpeedFigure.Text(simulated, wallSeconds) : "starting";
        var total = totalSteps >= Routing.Network.WindowPlan.Unbounded ? "" : string.Create(CultureInfo.InvariantCulture, $"/{totalSteps * dt:0.000}");
        return string.Create(CultureInfo.InvariantCulture, $"{simulated:0.000}{total} s simulated, {pace}");
    }
}
