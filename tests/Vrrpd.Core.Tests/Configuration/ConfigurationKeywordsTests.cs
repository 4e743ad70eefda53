using Vrrpd.Configuration;

namespace Vrrpd.Tests.Configuration;

public class ConfigurationKeywordsTests
{
    [Fact]
    public void NoKeywordIsBothImplementedAndIgnored()
    {
        Assert.Empty(ConfigurationKeywords.GlobalDefs.Intersect(ConfigurationKeywords.IgnoredWithWarning["global_defs"]));
        Assert.Empty(ConfigurationKeywords.Instance.Intersect(ConfigurationKeywords.IgnoredWithWarning["vrrp_instance"]));
        Assert.Empty(ConfigurationKeywords.SyncGroup.Intersect(ConfigurationKeywords.IgnoredWithWarning["vrrp_sync_group"]));
        Assert.Empty(ConfigurationKeywords.Fallbacks.Keys.Intersect(ConfigurationKeywords.Instance));
    }

    [Fact]
    public void ImplementedLists_ComeFromTheDispatchTables()
    {
        Assert.Contains("vrrp_garp_master_delay", ConfigurationKeywords.GlobalDefs);
        Assert.Contains("garp_master_delay", ConfigurationKeywords.Instance);
        Assert.Contains("notify", ConfigurationKeywords.SyncGroup);
        Assert.Contains("use_vmac", ConfigurationKeywords.Fallbacks.Keys);
    }
}
