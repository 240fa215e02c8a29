using Akka.Event;
using EventSpike.Actors.Runtime;
using Xunit;

namespace EventSpike.Host.Tests;

/// <summary>What the default log level leaves out of stderr: a peer's disassociation, and nothing else.</summary>
public class StderrLoggerTests
{
    private const string Endpoint = "akka.tcp://eventspike@127.0.0.1:4000/system/endpointManager/reliableEndpointWriter-akka.tcp%3A%2F%2Feventspike%40127.0.0.1%3A4001-2";

    [Fact]
    public void A_disassociation_is_remote_lifecycle_and_other_warnings_are_not()
    {
        Assert.True(StderrLogger.IsRemoteLifecycle(new Error(null, Endpoint + "/endpointWriter", typeof(object), "Disassociated")));
        Assert.True(StderrLogger.IsRemoteLifecycle(new Warning(Endpoint, typeof(object),
            "Association with remote system akka.tcp://eventspike@127.0.0.1:4001 has failed; address is now gated for 5000 ms.")));
        Assert.True(StderrLogger.IsRemoteLifecycle(new Warning("TcpServerHandler (akka://eventspike)", typeof(object),
            "Unable to REMOVE channel [[::ffff:127.0.0.1]:35881->[::ffff:127.0.0.1]:35356](Id=24894ab9) from connection group. May not shut down cleanly.")));
        Assert.False(StderrLogger.IsRemoteLifecycle(new Warning("TcpServerHandler (akka://eventspike)", typeof(object), "something else")));
        Assert.False(StderrLogger.IsRemoteLifecycle(new Warning("Akka.Remote.PhiAccrualFailureDetector", typeof(object), "heartbeat interval is growing too large")));
        Assert.False(StderrLogger.IsRemoteLifecycle(new Error(null, "akka://eventspike/user/scheduler", typeof(object), "Disassociated")));
        Assert.Contains("eventspike.log.verbose = on", StderrLogger.VerboseHocon);
    }

    [Fact]
    public void Run_and_node_take_verbose()
    {
        Assert.Contains(Cli.CommandSpecs.Run.Options, o => o.Name == "verbose" && o.IsFlag);
        Assert.Contains(Cli.CommandSpecs.Node.Options, o => o.Name == "verbose" && o.IsFlag);
    }
}
