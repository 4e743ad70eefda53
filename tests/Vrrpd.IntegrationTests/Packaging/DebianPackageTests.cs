using Vrrpd.IntegrationTests.Harness;
using Xunit.Abstractions;

namespace Vrrpd.IntegrationTests.Packaging;

/// <summary>
/// Installs the Debian package on this machine, runs vrrpd from the installed path and removes it again. The
/// package is $VRRPD_DEB when set (so .ci/run can build it once), else built here with packaging/deb/build.sh.
/// </summary>
public sealed class DebianPackageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(20);

    /// <summary>Every path the package installs that must be gone after a purge.</summary>
    private static readonly string[] InstalledPaths =
    [
        "/usr/sbin/vrrpd",
        "/lib/systemd/system/vrrpd.service",
        "/usr/share/man/man8/vrrpd.8.gz",
        "/usr/share/man/man5/vrrpd.conf.5.gz",
        "/usr/share/bash-completion/completions/vrrpd",
        "/usr/share/doc/vrrpd/copyright",
        "/usr/share/doc/vrrpd/changelog.Debian.gz",
        "/usr/share/doc/vrrpd/README.md.gz",
        "/usr/share/doc/vrrpd/examples/vrrpd.conf.example",
        "/usr/share/doc/vrrpd/examples/monitoring/vrrpd-alerts.yml",
        "/usr/share/doc/vrrpd/examples/monitoring/vrrpd-dashboard.json",
    ];

    private const string LiveConfig = "/etc/vrrpd/vrrpd.conf";

    [DebianPackageFact]
    public void Package_InstallsRunsFromItsPathsAndPurgesWithoutATrace()
    {
        var deb = PackagePath();
        var version = Command.Run("dpkg-deb", "-f", deb, "Version").EnsureSuccess().StdOut.Trim();

        // lintian at its default level (errors and warnings; the overrides file covers the one known tag).
        Assert.True(Command.Exists("lintian"), "lintian is not on PATH: run `sudo packaging/install-deps.sh`");
        var lintian = Command.Run("lintian", [deb], TimeSpan.FromMinutes(5));
        var complaints = lintian.StdOut.Split('\n').Where(l => l.StartsWith("E:", StringComparison.Ordinal) || l.StartsWith("W:", StringComparison.Ordinal)).ToList();
        Assert.True(lintian.Succeeded && complaints.Count == 0, $"lintian (exit {lintian.ExitCode}):\n{lintian.StdOut}{lintian.StdErr}");
        try
        {
            output.WriteLine(Command.Run("dpkg", "-i", deb).EnsureSuccess().StdOut);

            foreach (var path in InstalledPaths) Assert.True(File.Exists(path), $"{path} is not installed");

            // Inert until configured: no live configuration is installed (the sample would announce VRID 51 on the
            // LAN), the unit does not start without one, and vrrpd says where the example is.
            Assert.False(File.Exists(LiveConfig), $"the package installed {LiveConfig}");
            var conffiles = Command.Run("dpkg-query", "-W", "-f=${Conffiles}", "vrrpd").EnsureSuccess().StdOut;
            Assert.Equal("", conffiles.Trim());
            var unit = SystemdUnit.Parse(File.ReadAllText("/lib/systemd/system/vrrpd.service"));
            Assert.Contains(LiveConfig, unit.All("Unit", "ConditionFileNotEmpty"));
            var unconfigured = Command.Run("/usr/sbin/vrrpd", "check-config");
            Assert.True(unconfigured.ExitCode == 2, $"check-config without {LiveConfig}: exit {unconfigured.ExitCode}\n{unconfigured.StdErr}");
            Assert.Contains($"vrrpd is not configured yet: copy /usr/share/doc/vrrpd/examples/vrrpd.conf.example to {LiveConfig}",
                unconfigured.StdErr, StringComparison.Ordinal);

            // The installed binary reports the package's upstream version (0.1.0 of 0.1.0-1).
            var reported = Command.Run("/usr/sbin/vrrpd", "--version").EnsureSuccess().StdOut.Trim();
            Assert.StartsWith(version[..version.LastIndexOf('-')], reported);

            const string example = "/usr/share/doc/vrrpd/examples/vrrpd.conf.example";
            var check = Command.Run("/usr/sbin/vrrpd", "check-config", "-f", example);
            Assert.True(check.Succeeded, $"check-config of the shipped example failed: {check.StdErr}");
            Assert.Contains($"{example}: OK", check.StdOut);

            // The bash completion asks the installed vrrpd for its subcommands.
            var completion = Command.Run("bash", "-c",
                "source /usr/share/bash-completion/completions/vrrpd; " +
                "COMP_WORDS=(vrrpd st); COMP_CWORD=1; _vrrpd; echo \"${COMPREPLY[*]}\"");
            Assert.Equal("status", completion.EnsureSuccess().StdOut.Trim());

            if (Command.Exists("systemd-analyze"))
            {
                var verify = Command.Run("systemd-analyze", "verify", "/lib/systemd/system/vrrpd.service");
                Assert.True(verify.Succeeded, $"systemd-analyze verify: {verify.StdErr}");
                Assert.DoesNotContain("vrrpd.service", verify.StdErr);
            }
        }
        finally
        {
            output.WriteLine(Command.Run("dpkg", "--purge", "vrrpd").StdOut);
        }

        var status = Command.Run("dpkg-query", "-W", "-f=${db:Status-Status}", "vrrpd");
        Assert.True(!status.Succeeded || status.StdOut.Trim() == "not-installed", $"vrrpd is still known to dpkg: {status.StdOut}");
        foreach (var path in InstalledPaths) Assert.False(File.Exists(path), $"{path} is left after the purge");
        Assert.False(Directory.Exists("/etc/vrrpd"), "/etc/vrrpd is left after the purge");
        Assert.False(Directory.Exists("/usr/share/doc/vrrpd"), "/usr/share/doc/vrrpd is left after the purge");
    }

    private string PackagePath()
    {
        var given = Environment.GetEnvironmentVariable("VRRPD_DEB");
        if (!string.IsNullOrEmpty(given))
        {
            return File.Exists(given) ? given : throw new FileNotFoundException($"VRRPD_DEB points to {given}, which does not exist");
        }

        var root = VrrpdBinary.RepositoryRoot();
        var build = Command.Run(Path.Combine(root, "packaging", "deb", "build.sh"), [], BuildTimeout).EnsureSuccess();
        output.WriteLine(build.StdOut);
        // build.sh's last line is "artifacts/vrrpd_<version>_amd64.deb: N KiB, Depends: ...".
        var built = build.StdOut.Trim().Split('\n')[^1].Split(':')[0];
        return Path.Combine(root, built);
    }
}
