using Vrrpd.Configuration;

namespace Vrrpd.Tests.Configuration;

/// <summary>Every keepalived.conf sample Debian ships must load unchanged: warnings for what vrrpd skips, no errors.</summary>
public class DebianSamplesTests
{
    private const string SamplesDirectory = "/usr/share/doc/keepalived/samples";

    /// <summary>Samples that use a feature vrrpd refuses on purpose, with the one error each must produce.</summary>
    private static readonly Dictionary<string, string> ExpectedRefusals = new(StringComparer.Ordinal)
    {
        ["keepalived.conf.conditional_conf"] = "use_vmac is not supported",
        ["keepalived.conf.SSL_GET"] = "'auth_type AH' is not supported",
    };

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        if (!Directory.Exists(SamplesDirectory))
        {
            data.Add("");
            return data;
        }

        foreach (string path in Directory.EnumerateFiles(SamplesDirectory, "keepalived.conf.*").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void DebianSample_LoadsWithWarningsOnly(string sample)
    {
        if (sample.Length == 0)
        {
            // xunit 2 has no dynamic skip; say why instead of pretending to have tested something.
            Assert.False(Directory.Exists(SamplesDirectory));
            return;
        }

        string path = Path.Combine(SamplesDirectory, sample);
        if (sample.EndsWith(".gz", StringComparison.Ordinal))
        {
            path = Decompress(path);
        }

        ConfigurationLoadResult result = ConfigurationLoader.Load(path, new ConfigurationLoadOptions { ConfigId = "vrrpd-test" });

        if (ExpectedRefusals.TryGetValue(sample, out string? refusal))
        {
            Diagnostic error = Assert.Single(result.Errors);
            Assert.Contains(refusal, error.Message, StringComparison.Ordinal);
            return;
        }

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.NotNull(result.Configuration);
    }

    [Fact]
    public void VrrpSample_LoadsItsFourInstancesWithKeepalivedMeaning()
    {
        string path = Path.Combine(SamplesDirectory, "keepalived.conf.vrrp");
        if (!File.Exists(path))
        {
            return;
        }

        VrrpdConfiguration config = ConfigurationLoader.Load(path).Configuration!;

        Assert.Equal("LVS_DEVEL", config.Global.RouterId);
        Assert.Equal(["VI_1", "VI_2", "VI_3", "VI_4"], config.Instances.Select(i => i.Name));
        VrrpInstanceConfig vi1 = config.Instances[0];
        Assert.Equal(Vrrpd.Protocol.VrrpVersion.V2, vi1.Version);          // authentication => keepalived's v2
        Assert.Equal("1111\0\0\0\0"u8.ToArray(), vi1.Authentication!.Password);
        Assert.Equal(TimeSpan.FromSeconds(10), vi1.Garp.MasterDelay);
        Assert.Equal("eth0:1", vi1.VirtualAddresses[3].Label);
        Assert.Equal(Vrrpd.Protocol.VrrpVersion.V3, config.Instances[1].Version); // no auth => vrrpd's default
    }

    private static string Decompress(string gzPath)
    {
        string target = Path.Combine(Path.GetTempPath(), "vrrpd-sample-" + Path.GetFileNameWithoutExtension(gzPath));
        using var input = new System.IO.Compression.GZipStream(File.OpenRead(gzPath), System.IO.Compression.CompressionMode.Decompress);
        using FileStream output = File.Create(target);
        input.CopyTo(output);
        return target;
    }
}
