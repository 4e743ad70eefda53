using Vrrpd.Configuration;

namespace Vrrpd.Tests.Configuration;

/// <summary>Structure errors print as FILE:LINE:COL so an editor can jump to them.</summary>
public class SyntaxErrorTests
{
    [Fact]
    public void UnclosedBlock_IsReportedAtItsBrace()
    {
        ConfigurationLoadResult result = ConfigAssert.Load("global_defs {\n router_id a\n");

        Assert.Equal("/etc/vrrpd/test.conf:1:13: error: this '{' is never closed (missing '}')", Assert.Single(result.Diagnostics).ToString());
    }

    [Fact]
    public void StrayClosingBrace_IsReportedWhereItIs() =>
        Assert.Equal(
            "/etc/vrrpd/test.conf:2:2: error: '}' without a matching '{'",
            Assert.Single(ConfigAssert.Load("global_defs {\n}}").Diagnostics).ToString());

    [Fact]
    public void BlockWithoutKeyword_IsAnError() =>
        ConfigAssert.SingleError(ConfigAssert.Load("\n  {\n router_id a\n}"), 2, 3, "'{' must follow a keyword");

    [Fact]
    public void UnknownTopLevelKeyword_IsAnError() =>
        Assert.Equal(
            "/etc/vrrpd/test.conf:3:5: error: unknown keyword 'vrrp_instanse' in the top level",
            Assert.Single(ConfigAssert.Load("# comment\n\n    vrrp_instanse VI_1 {\n}").Diagnostics).ToString());

    [Theory]
    [InlineData("virtual_server 192.0.2.1 80 {\n real_server 192.0.2.2 80 {\n  TCP_CHECK {\n  }\n }\n}", "virtual_server")]
    [InlineData("vrrp_track_bfd b {\n weight 1\n}", "vrrp_track_bfd")]
    [InlineData("static_ipaddress {\n 192.0.2.1/24 dev eth0\n}", "static_ipaddress")]
    [InlineData("garp_group {\n garp_interval 1\n}", "garp_group")]
    [InlineData("linkbeat_interfaces {\n eth0\n}", "linkbeat_interfaces")]
    public void UnimplementedTopLevelBlocks_AreSkippedWithOneWarning(string text, string keyword)
    {
        Diagnostic warning = Assert.Single(ConfigAssert.Load(text).Diagnostics);

        Assert.Equal($"/etc/vrrpd/test.conf:1:1: warning: '{keyword}' is a keepalived keyword vrrpd does not implement; ignored", warning.ToString());
    }

    [Fact]
    public void InstanceWithoutName_IsAnError() =>
        ConfigAssert.SingleError(ConfigAssert.Load("vrrp_instance {\n}"), 1, 1, "'vrrp_instance' expects a name and a { } block");
}
