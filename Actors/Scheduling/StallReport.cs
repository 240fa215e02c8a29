using Akka.Actor;
using EventSpike.Actors.Runtime;
using EventSpike.Routing.Network;

namespace EventSpike.Actors.Scheduling;

/// <summary>
/// The watchdog's verdict: when no window has finished for longer than <see cref="StallWatch.TimeoutSeconds"/>,
/// which layer the run waits on (one still computing first, then those waiting for a sender) and for which window.
/// </summary>
public static class StallReport
{
    /// <summary>The failure message, naming layers, actors and windows.</summary>
    public static string Describe(StallWatch watch, CreditPolicy policy, WindowPlan plan, IReadOnlyList<IActorRef> layers, double idleSeconds)
    {
        var reasons = new List<string>();
        for (var l = 0; l < policy.Layers; l++)
        {
            if (policy.Granted[l] <= policy.Done[l]) continue; // not working on anything: held by credit, or finished
            var window = policy.Done[l] + 1;
            var missing = watch.Inputs[l].Where(i => policy.Done[i.SourceLayer] < plan.RequiredSenderWindow(window, i.DelaySteps))
                .Select(i => $"window {plan.RequiredSenderWindow(window, i.DelaySteps)} of layer '{watch.Names[i.SourceLayer]}'").Distinct().ToList();
            reasons.Add(missing.Count == 0
                ? $"layer '{watch.Names[l]}' ({layers[l].Path}) is still computing window {window} (steps {plan.StartOf(window)}–{plan.StartOf(window) + plan.StepsIn(window) - 1})"
                : $"layer '{watch.Names[l]}' ({layers[l].Path}) waits for {string.Join(" and ", missing)} to compute window {window}");
        }
        var computing = reasons.Where(r => r.Contains("still computing")).ToList();
        return $"stalled: no window finished for {idleSeconds:0.0} s (watchdog {watch.TimeoutSeconds} s); " +
            string.Join("; ", computing.Count > 0 ? computing.Concat(reasons.Except(computing)) : reasons);
    }
}
