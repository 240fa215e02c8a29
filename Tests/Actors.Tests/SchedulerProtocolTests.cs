using Akka.Actor;
using Akka.TestKit.Xunit2;
using EventSpike.Actors.Messages;
using EventSpike.Actors.Runtime;
using EventSpike.Routing.Messages;
using EventSpike.Routing.Network;
using Xunit;

namespace EventSpike.Actors.Tests;

public class SchedulerProtocolTests : TestKit
{
    private static readonly TimeSpan Quiet = TimeSpan.FromMilliseconds(150);

    [Fact]
    public void A_layer_feeding_nobody_is_granted_every_window_at_once_and_the_run_ends_after_its_last_report()
    {
        var plan = new WindowPlan(50, 10); // 5 windows
        var layer = CreateTestProbe();
        var recorder = CreateTestProbe();
        var scheduler = Sys.ActorOf(SchedulerActor.Props(plan, [[]], credit: 4, progress: null));
        scheduler.Tell(new StartRun([layer.Ref], recorder.Ref), TestActor);
        Assert.Equal(4, layer.ExpectMsg<WindowGranted>().Window);
        for (var w = 0; w < 5; w++)
        {
            layer.ExpectNoMsg(Quiet);
            scheduler.Tell(new WindowDone(0, w, 0, 0, 0));
        }
        layer.ExpectMsg<DrainInputs>(); // no window past the end: waiting inputs go into the engine
        layer.Reply(new InputsDrained(0));
        layer.ExpectNoMsg(Quiet);
        Assert.True(recorder.ExpectMsg<FinishRecording>().AllWindows);
        recorder.Reply(new RecordingFinished());
        var done = ExpectMsg<RunCompleted>();
        Assert.Equal(50, done.Steps);
        Assert.Equal(5, done.Windows);
    }

    [Fact]
    public void A_producer_is_granted_at_most_credit_windows_past_its_consumer()
    {
        var plan = new WindowPlan(1000, 10);
        var producer = CreateTestProbe();
        var consumer = CreateTestProbe();
        var scheduler = Sys.ActorOf(SchedulerActor.Props(plan, [[1], []], credit: 2, progress: null));
        scheduler.Tell(new StartRun([producer.Ref, consumer.Ref], CreateTestProbe().Ref), TestActor);
        // The consumer has done nothing (−1): the producer may do windows 0 and 1.
        Assert.Equal(1, producer.ExpectMsg<WindowGranted>().Window);
        Assert.Equal(99, consumer.ExpectMsg<WindowGranted>().Window);
        scheduler.Tell(new WindowDone(0, 0, 0, 0, 0));
        scheduler.Tell(new WindowDone(0, 1, 0, 0, 0));
        producer.ExpectNoMsg(Quiet);
        // The consumer finishes windows 0 and 1: the producer may go to 2, then 3.
        scheduler.Tell(new WindowDone(1, 0, 0, 0, 0));
        Assert.Equal(2, producer.ExpectMsg<WindowGranted>().Window);
        scheduler.Tell(new WindowDone(1, 1, 0, 0, 0));
        Assert.Equal(3, producer.ExpectMsg<WindowGranted>().Window);
        scheduler.Tell(new WindowDone(0, 2, 0, 0, 0));
        scheduler.Tell(new WindowDone(0, 3, 0, 0, 0));
        producer.ExpectNoMsg(Quiet);
        // A report of a window never granted is a protocol error.
        scheduler.Tell(new WindowDone(0, 4, 0, 0, 0));
        Assert.Contains("protocol error", ExpectMsg<RunFailed>().Reason);
    }

    [Fact]
    public void A_report_out_of_order_fails_the_run()
    {
        var plan = new WindowPlan(100, 10);
        var layer = CreateTestProbe();
        var scheduler = Sys.ActorOf(SchedulerActor.Props(plan, [[]], credit: 4, progress: null));
        scheduler.Tell(new StartRun([layer.Ref], CreateTestProbe().Ref), TestActor);
        layer.ExpectMsg<WindowGranted>();
        scheduler.Tell(new WindowDone(0, 3, 0, 0, 0));
        Assert.Contains("protocol error", ExpectMsg<RunFailed>().Reason);
    }
}
