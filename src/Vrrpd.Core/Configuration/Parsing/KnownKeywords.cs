namespace Vrrpd.Configuration;

/// <summary>Every keyword vrrpd knows in any section, implemented or accepted with a warning: a word after a
/// keyword's value that is one of these was most likely meant as a line of its own.</summary>
internal static class KnownKeywords
{
    private static readonly Lazy<HashSet<string>> All = new(() =>
    [
        .. ConfigurationKeywords.TopLevel,
        .. ConfigurationKeywords.GlobalDefs,
        .. ConfigurationKeywords.Instance,
        .. ConfigurationKeywords.SyncGroup,
        .. ConfigurationKeywords.IgnoredWithWarning.Values.SelectMany(k => k),
        .. ScriptKeywords.Keywords,
        .. TrackFileKeywords.Keywords,
        .. GpuTrackerKeywords.Keywords,
        .. ContainerTrackerKeywords.Keywords,
        .. NeighborTrackerKeywords.Keywords,
        .. ProcessTrackerKeywords.Keywords,
    ]);

    public static bool Contains(string word) => All.Value.Contains(word);
}
