using System.Net;
using Vrrpd.Configuration;

namespace Vrrpd.Tests.Configuration;

/// <summary>metrics_listen, events_file, events_file_max_size, control_socket_group and the notify FIFOs.</summary>
public class OperationsKeywordsTests
{
    private static GlobalDefinitions Global(string body) =>
        ConfigAssert.LoadValid($$"""
            global_defs {
            {{body}}
            }
            """).Global;

    [Fact]
    public void Defaults_MetricsOff_EventsUnderVarLib_NoGroup_NoFifo()
    {
        GlobalDefinitions g = Global("");

        Assert.Null(g.MetricsListen);
        Assert.Equal("/var/lib/vrrpd/events.jsonl", g.EventsFile);
        Assert.Equal(10L * 1024 * 1024, g.EventsFileMaxBytes);
        Assert.Null(g.ControlSocketGroup);
        Assert.Empty(g.NotifyFifos);
    }

    [Fact]
    public void EveryOperationsKeyword_IsRead()
    {
        GlobalDefinitions g = Global("""
            metrics_listen [::1]:9650
            events_file /tmp/vrrpd/events.jsonl
            events_file_max_size 64K
            control_socket_group vrrpd
            notify_fifo /run/keepalived.fifo
            notify_fifo_script "/usr/local/bin/read-fifo --verbose"
            vrrp_notify_fifo /run/vrrp.fifo root root
            """);

        Assert.Equal(new IPEndPoint(IPAddress.IPv6Loopback, 9650), g.MetricsListen);
        Assert.Equal("/tmp/vrrpd/events.jsonl", g.EventsFile);
        Assert.Equal(64 * 1024, g.EventsFileMaxBytes);
        Assert.Equal("vrrpd", g.ControlSocketGroup);
        Assert.Collection(g.NotifyFifos,
            f =>
            {
                Assert.Equal(("notify_fifo", "/run/keepalived.fifo"), (f.Keyword, f.Path));
                Assert.Equal(["/usr/local/bin/read-fifo", "--verbose"], f.Script!.Argv);
            },
            f =>
            {
                Assert.Equal(("vrrp_notify_fifo", "/run/vrrp.fifo"), (f.Keyword, f.Path));
                Assert.Null(f.Script);
            });
    }

    [Fact]
    public void MetricsListen_OnIpv4_KeepsAddressAndPort() =>
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 9650), Global("metrics_listen 192.0.2.1:9650").MetricsListen);

    [Theory]
    [InlineData("192.0.2.1")]
    [InlineData("::1")]
    [InlineData("localhost:9650")]
    [InlineData("192.0.2.1:99999")]
    public void MetricsListen_WithoutAPortOrAddress_IsAnError(string value) =>
        ConfigAssert.SingleError(ConfigAssert.Load($"global_defs {{\n metrics_listen {value}\n}}"), 2, 17, "expects ADDRESS:PORT");

    [Theory]
    [InlineData("100")]
    [InlineData("ten")]
    [InlineData("5X")]
    public void EventsFileMaxSize_TooSmallOrNotASize_IsAnError(string value) =>
        ConfigAssert.SingleError(ConfigAssert.Load($"global_defs {{\n events_file_max_size {value}\n}}"), 2, 23, "at least 4096 bytes");

    [Fact]
    public void EventsFile_Relative_IsAnError() =>
        ConfigAssert.SingleError(ConfigAssert.Load("global_defs {\n events_file events.jsonl\n}"), 2, 14, "absolute path");

    [Theory]
    [InlineData("notify_fifo /run/vrrp.fifo")]
    [InlineData("vrrp_notify_fifo /run/vrrp.fifo")]
    [InlineData("notify_fifo_script /bin/true")]
    public void NotifyFifoKeywords_AreImplemented_NoWarning(string line) =>
        Assert.Empty(ConfigAssert.Load($"global_defs {{\n {line}\n}}").Diagnostics);
}
