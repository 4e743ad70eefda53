using Vrrpd.Configuration;
using Vrrpd.Health;
using Vrrpd.Linux.Health;

namespace Vrrpd.Linux.Tests.Health;

/// <summary>vrrp_track_file: the integer in the file, keepalived's strtol reading, init_file.</summary>
public sealed class FileProbeTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("vrrpd-file.");

    public void Dispose() => _dir.Delete(recursive: true);

    private string PathOf(string name) => Path.Combine(_dir.FullName, name);

    private static FileProbe Probe(string path, int? init = null, bool overwrite = false) =>
        new(new FileTrackerConfig("f", path, 10, false, init, overwrite, new SourceLocation("t", 1, 1)));

    private static async Task<long> ValueAsync(FileProbe probe)
    {
        CheckResult result = await probe.ProbeAsync(CancellationToken.None);
        Assert.Equal(CheckOutcome.Ok, result.Outcome);
        return (long)Assert.Single(probe.Measurements, m => m.Name == FileProbe.ValueMeasurement).Value;
    }

    [Theory]
    [InlineData("5\n", 5)]
    [InlineData("  -3  ", -3)]
    [InlineData("12abc", 12)]
    [InlineData("abc", 0)]
    [InlineData("", 0)]
    public async Task Value_IsTheLeadingInteger(string content, long expected)
    {
        string path = PathOf("v");
        File.WriteAllText(path, content);

        Assert.Equal(expected, await ValueAsync(Probe(path)));
    }

    [Fact]
    public async Task MissingFile_ReadsZero_AndSaysWhy()
    {
        using var probe = Probe(PathOf("missing"));

        CheckResult result = await probe.ProbeAsync(CancellationToken.None);

        Assert.Contains("unreadable", result.Reason, StringComparison.Ordinal);
        Assert.Equal(0, probe.Measurements[0].Value);
    }

    [Fact]
    public async Task Value_FollowsTheFile()
    {
        string path = PathOf("v");
        File.WriteAllText(path, "1");
        using var probe = Probe(path);
        Assert.Equal(1, await ValueAsync(probe));

        File.WriteAllText(path, "7");

        Assert.Equal(7, await ValueAsync(probe));
        Assert.Equal("value 7", (await probe.ProbeAsync(CancellationToken.None)).Reason);
    }

    [Fact]
    public async Task InitFile_CreatesAMissingFile_ButKeepsAnExistingOne()
    {
        string created = PathOf("new");
        string existing = PathOf("old");
        File.WriteAllText(existing, "9");
        using var a = Probe(created, init: 4);
        using var b = Probe(existing, init: 4);

        a.Start();
        b.Start();

        Assert.Equal(4, await ValueAsync(a));
        Assert.Equal(9, await ValueAsync(b));
    }

    [Fact]
    public async Task InitFileOverwrite_ReplacesAnExistingValue()
    {
        string path = PathOf("v");
        File.WriteAllText(path, "9");
        using var probe = Probe(path, init: 0, overwrite: true);

        probe.Start();

        Assert.Equal(0, await ValueAsync(probe));
    }
}
