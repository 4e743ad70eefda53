using System.Diagnostics;
using System.Text;
using Vrrpd.Configuration;

namespace Vrrpd.Tests.Fuzz;

/// <summary>
/// Hand-made hostile configs at the extremes the random mutations only approach: nesting far deeper than any
/// real file, a parameter that grows itself on every expansion, and numbers and text far past every limit.
/// Each must end in diagnostics, quickly, without taking the process down.
/// </summary>
public class ConfigHostileInputTests
{
    private const string FileName = "/nonexistent/vrrpd-hostile/keepalived.conf";
    private static readonly ConfigurationLoadOptions Options = new() { ConfigId = "vrrpd-test" };

    [Fact]
    public void HundredThousandNestedBlocks_AreReported_NotAStackOverflow()
    {
        string text = string.Concat(Enumerable.Repeat("vrrp_instance X {\n", 100_000)) + string.Concat(Enumerable.Repeat("}\n", 100_000));

        ConfigurationLoadResult result = LoadOnDefaultStack(text);

        Assert.True(result.HasErrors);
        Assert.Null(result.Configuration);
    }

    [Fact]
    public void ParameterThatDoublesOnEveryExpansion_IsReported_WithoutExhaustingMemory()
    {
        // keepalived.conf(5) expands parameters recursively; "$Y=$Y $Y" doubles the line on every pass, 2^32 times
        // over the 32 allowed passes, unless the expansion's length is bounded.
        const string text = "$Y=$Y $Y\nglobal_defs {\n    router_id $Y\n}\n";
        var clock = Stopwatch.StartNew();

        ConfigurationLoadResult result = LoadOnDefaultStack(text);

        Assert.True(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public void HugeNumbersAndHostileText_InEveryNumericKeyword_AreReportedPerLine()
    {
        string[] numbers = ["99999999999999999999999999999999", "-1", "1e400", "0x33", "NaN", "１２３", "\u202e51"];
        foreach (string number in numbers)
        {
            string text = $$"""
                vrrp_instance VI_1 {
                    interface eth0
                    virtual_router_id {{number}}
                    priority {{number}}
                    advert_int {{number}}
                    virtual_ipaddress {
                        192.0.2.100/{{number}}
                    }
                }
                """;

            ConfigurationLoadResult result = ConfigurationLoader.LoadText(text, FileName, Options);

            Assert.True(result.HasErrors, $"{number}: {string.Join("\n", result.Diagnostics)}");
            // Each bad value is reported on its own line (the instance may add follow-up errors on line 1).
            Assert.All(result.Errors, e => Assert.InRange(e.Location.Line, 1, 7));
            Assert.Contains(result.Errors, e => e.Location.Line == 3);
        }
    }

    [Fact]
    public void MegabyteLongLineOfOneWord_LoadsWithinASecond()
    {
        string text = $"global_defs {{\n    router_id {new string('a', 1 << 20)}\n}}\n";
        var clock = Stopwatch.StartNew();

        ConfigurationLoadResult result = ConfigurationLoader.LoadText(text, FileName, Options);

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"took {clock.Elapsed.TotalSeconds:0.0} s");
        Assert.All(result.Diagnostics, d => Assert.InRange(d.Location.Line, 1, 3));
    }

    /// <summary>On a thread with the default stack of a .NET thread pool / secondary thread (1.5 MiB on Linux),
    /// as the daemon's SIGHUP reload would; a stack overflow here ends the test process, which is the bug.</summary>
    private static ConfigurationLoadResult LoadOnDefaultStack(string text)
    {
        ConfigurationLoadResult? result = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                result = ConfigurationLoader.LoadText(text, FileName, Options);
            }
            catch (Exception e)
            {
                failure = e;
            }
        })
        { IsBackground = true };
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(10)), "the load did not finish within 10 s");
        Assert.Null(failure);
        return result!;
    }
}
