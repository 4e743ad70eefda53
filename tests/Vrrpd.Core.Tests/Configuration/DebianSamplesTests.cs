using Vrrpd.Configuration;

namespace Vrrpd.Tests.Configuration;

/// <summary>Every keepalived.conf sample Debian ships must load unchanged: warnings for what vrrpd skips, no errors.</summary>
public class DebianSamplesTests
{
    private const string SamplesDirectory = "/usr/share/doc/keepalived/samples";

    /// <summary>Samples that use a feature vrrpd refuses on purpose, with the one error each must produce.</summary>
    private static readonly Dictionary<string, string> ExpectedRefusals = new(StringComparer.Ordinal)
    {
        ["keepalived.conf.SSL_GET"] = "'auth_type AH' is not supported",
    };

    /// <summary>Samples written for a config id (keepalived -i): loaded as that host. On any other host their
    /// instances have no priority, which is an error (ConditionalLineValidatorTests).</summary>
    private static readonly Dictionary<string, string> ConfigIds = new(StringComparer.Ordinal)
    {
        ["keepalived.conf.conditional_conf"] = "high",
    };

    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        if (!Directory.Exists(SamplesDirectory))
        {
            data.Add("(none)");
            return data;
        }

        foreach (string path in Directory.EnumerateFiles(SamplesDirectory, "keepalived.conf.*").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [SamplesTheory]
    [MemberData(nameof(Samples))]
    public void DebianSample_LoadsWithWarningsOnly(string sample)
    {
        string path = Path.Combine(SamplesDirectory, sample);
        var options = new ConfigurationLoadOptions { ConfigId = ConfigIds.GetValueOrDefault(sample, "vrrpd-test") };
        ConfigurationLoadResult result = sample.EndsWith(".gz", StringComparison.Ordinal)
            ? ConfigurationLoader.LoadText(Decompress(path), path, options)
            : ConfigurationLoader.Load(path, options);

        if (ExpectedRefusals.TryGetValue(sample, out string? refusal))
        {
            Diagnostic error = Assert.Single(result.Errors);
            Assert.Contains(refusal, error.Message, StringComparison.Ordinal);
            return;
        }

        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.NotNull(result.Configuration);
    }

    [SamplesFact]
    public void VrrpSample_LoadsItsFourInstancesWithKeepalivedMeaning()
    {
        string path = Path.Combine(SamplesDirectory, "keepalived.conf.vrrp");
        VrrpdConfiguration config = ConfigurationLoader.Load(path).Configuration!;

        Assert.Equal("LVS_DEVEL", config.Global.RouterId);
        Assert.Equal(["VI_1", "VI_2", "VI_3", "VI_4"], config.Instances.Select(i => i.Name));
        VrrpInstanceConfig vi1 = config.Instances[0];
        Assert.Equal(Vrrpd.Protocol.VrrpVersion.V2, vi1.Version);          // no version: keepalived's v2
        Assert.Equal("1111\0\0\0\0"u8.ToArray(), vi1.Authentication!.Password);
        Assert.Equal(TimeSpan.FromSeconds(10), vi1.Garp.MasterDelay);
        Assert.Equal("eth0:1", vi1.VirtualAddresses[3].Label);
        Assert.Equal(Vrrpd.Protocol.VrrpVersion.V2, config.Instances[1].Version); // no auth either: still v2, as keepalived
    }

    private static string Decompress(string gzPath)
    {
        using var input = new System.IO.Compression.GZipStream(File.OpenRead(gzPath), System.IO.Compression.CompressionMode.Decompress);
        using var reader = new StreamReader(input);
        return reader.ReadToEnd();
    }

    private const string SkipReason = "keepalived's samples are not installed (" + SamplesDirectory + "); apt-get install keepalived";

    /// <summary>xunit 2 cannot skip at run time, so the attribute decides when tests are discovered.</summary>
    private sealed class SamplesTheoryAttribute : TheoryAttribute
    {
        public SamplesTheoryAttribute()
        {
            if (!Directory.Exists(SamplesDirectory))
            {
                Skip = SkipReason;
            }
        }
    }

    private sealed class SamplesFactAttribute : FactAttribute
    {
        public SamplesFactAttribute()
        {
            if (!File.Exists(Path.Combine(SamplesDirectory, "keepalived.conf.vrrp")))
            {
                Skip = SkipReason;
            }
        }
    }
}
