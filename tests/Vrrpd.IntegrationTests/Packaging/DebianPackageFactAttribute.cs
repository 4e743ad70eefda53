using Vrrpd.IntegrationTests.Harness;

namespace Vrrpd.IntegrationTests.Packaging;

/// <summary>
/// A <see cref="FactAttribute"/> for tests that install the .deb on this machine: skipped, saying why, without
/// root or dpkg, and when a vrrpd package is already installed (a test must never replace or purge a real one).
/// </summary>
public sealed class DebianPackageFactAttribute : FactAttribute
{
    public override string Skip
    {
        get => base.Skip ?? WhyNot()!;
        set => base.Skip = value;
    }

    private static string? WhyNot()
    {
        if (!OperatingSystem.IsLinux()) return "needs Debian's dpkg on Linux";
        if (Environment.UserName != "root") return "needs root to install a package with dpkg -i";
        var missing = new[] { "dpkg", "dpkg-deb", "dpkg-query" }.Where(tool => !Command.Exists(tool)).ToList();
        if (missing.Count > 0) return $"needs {string.Join(", ", missing)} on PATH";
        var installed = Command.Run("dpkg-query", "-W", "-f=${db:Status-Status}", "vrrpd");
        if (installed.Succeeded && installed.StdOut.Trim() is not ("" or "not-installed" or "config-files"))
            return $"a vrrpd package is already installed here ({installed.StdOut.Trim()}); not touching it";
        return null;
    }
}
