using Vrrpd.Configuration;

namespace Vrrpd.Tests.Configuration;

/// <summary>Loading helpers: text goes through the real loader under a fixed name so positions can be asserted.</summary>
internal static class ConfigAssert
{
    public const string FileName = "/etc/vrrpd/test.conf";

    public static ConfigurationLoadResult Load(string text, ConfigurationLoadOptions? options = null) =>
        ConfigurationLoader.LoadText(text, FileName, options ?? new ConfigurationLoadOptions { ConfigId = "node1" });

    /// <summary>Loads text that must have no errors and returns its configuration.</summary>
    public static VrrpdConfiguration LoadValid(string text, ConfigurationLoadOptions? options = null)
    {
        ConfigurationLoadResult result = Load(text, options);
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        Assert.NotNull(result.Configuration);
        return result.Configuration;
    }

    /// <summary>A config with one instance around the given body lines.</summary>
    public static string Instance(string body) => $$"""
        vrrp_instance VI_1 {
            interface eth0
            virtual_router_id 51
            virtual_ipaddress {
                192.0.2.10/24
            }
        {{body}}
        }
        """;

    public static VrrpInstanceConfig LoadInstance(string body) => Assert.Single(LoadValid(Instance(body)).Instances);

    /// <summary>Asserts exactly one error, printed as <c>FILE:LINE:COL: error: ...</c>, containing the fragment.</summary>
    public static Diagnostic SingleError(ConfigurationLoadResult result, int line, int column, string fragment)
    {
        Assert.True(result.HasErrors);
        Assert.Null(result.Configuration);
        Diagnostic error = Assert.Single(result.Errors);
        Assert.StartsWith($"{FileName}:{line}:{column}: error: ", error.ToString(), StringComparison.Ordinal);
        Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        return error;
    }

    public static Diagnostic SingleWarning(ConfigurationLoadResult result, string fragment)
    {
        Assert.False(result.HasErrors, string.Join("\n", result.Diagnostics));
        return Assert.Single(result.Warnings, w => w.Message.Contains(fragment, StringComparison.Ordinal));
    }
}
