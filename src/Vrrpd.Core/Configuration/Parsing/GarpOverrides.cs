namespace Vrrpd.Configuration;

/// <summary>The GARP values a section wrote; unset ones come from the level above.</summary>
internal sealed class GarpOverrides
{
    public TimeSpan? MasterDelay { get; set; }

    public int? MasterRepeat { get; set; }

    public TimeSpan? MasterRefresh { get; set; }

    public int? MasterRefreshRepeat { get; set; }

    public TimeSpan? LowerPriorityDelay { get; set; }

    public int? LowerPriorityRepeat { get; set; }

    /// <summary>Global level: keepalived's defaults, then <c>vrrp_min_garp</c> (which changes only values not
    /// written: one announcement, no second burst, no refresh); the lower-priority burst inherits the master
    /// burst's values when not written (global_data.c).</summary>
    public GarpSettings ResolveGlobal(bool minGarp)
    {
        GarpSettings d = GarpSettings.Default;
        TimeSpan masterDelay = MasterDelay ?? (minGarp ? TimeSpan.Zero : d.MasterDelay);
        int masterRepeat = MasterRepeat ?? (minGarp ? 1 : d.MasterRepeat);
        return new GarpSettings(
            masterDelay,
            masterRepeat,
            MasterRefresh ?? TimeSpan.Zero,
            MasterRefreshRepeat ?? 1,
            LowerPriorityDelay ?? masterDelay,
            LowerPriorityRepeat ?? masterRepeat);
    }

    /// <summary>Instance level: each written value overrides the global one.</summary>
    public GarpSettings ResolveOver(GarpSettings global) => new(
        MasterDelay ?? global.MasterDelay,
        MasterRepeat ?? global.MasterRepeat,
        MasterRefresh ?? global.MasterRefresh,
        MasterRefreshRepeat ?? global.MasterRefreshRepeat,
        LowerPriorityDelay ?? global.LowerPriorityDelay,
        LowerPriorityRepeat ?? global.LowerPriorityRepeat);
}
