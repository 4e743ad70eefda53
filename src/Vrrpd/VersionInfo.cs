using System.Reflection;

namespace Vrrpd;

internal static class VersionInfo
{
    /// <summary>The informational version (Directory.Build.props Version, plus the source revision when built from git).</summary>
    public static string Version { get; } =
        typeof(VersionInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
