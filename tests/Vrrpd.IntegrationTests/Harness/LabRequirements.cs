namespace Vrrpd.IntegrationTests.Harness;

/// <summary>Why the lab cannot run here, or null when it can.</summary>
internal static class LabRequirements
{
    private static readonly string[] LabTools = ["ip", "bridge", "tcpdump", "tshark"];

    public static string? WhyNot(bool needsKeepalived)
    {
        if (!OperatingSystem.IsLinux())
        {
            return "needs Linux network namespaces";
        }

        if (Environment.UserName != "root")
        {
            return "needs root (CAP_NET_ADMIN and CAP_SYS_ADMIN for ip netns)";
        }

        var missing = LabTools.Concat(needsKeepalived ? ["keepalived"] : Array.Empty<string>())
            .Where(tool => !Command.Exists(tool))
            .ToList();
        return missing.Count == 0 ? null : $"needs {string.Join(", ", missing)} on PATH";
    }
}

/// <summary>A <see cref="FactAttribute"/> that skips, saying why, where the lab cannot be built.</summary>
public sealed class LabFactAttribute : FactAttribute
{
    /// <summary>The test runs keepalived as well.</summary>
    public bool NeedsKeepalived { get; set; }

    public override string Skip
    {
        get => base.Skip ?? LabRequirements.WhyNot(NeedsKeepalived)!;
        set => base.Skip = value;
    }
}

/// <summary>A <see cref="TheoryAttribute"/> that skips, saying why, where the lab cannot be built.</summary>
public sealed class LabTheoryAttribute : TheoryAttribute
{
    public bool NeedsKeepalived { get; set; }

    public override string Skip
    {
        get => base.Skip ?? LabRequirements.WhyNot(NeedsKeepalived)!;
        set => base.Skip = value;
    }
}
