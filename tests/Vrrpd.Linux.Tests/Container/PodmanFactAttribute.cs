namespace Vrrpd.Linux.Tests.Container;

/// <summary>A fact that needs a real Podman (docs/design/container-health.md §7): podman, runc and busybox-static installed, and root
/// (the private service runs rootful with its own storage). Skipped with the reason otherwise.</summary>
public sealed class PodmanFactAttribute : FactAttribute
{
    public PodmanFactAttribute()
    {
        if (MissingReason() is { } reason)
            Skip = reason;
    }

    public static string? MissingReason()
    {
        if (Environment.UserName != "root")
            return "needs root: runs a private rootful podman service";
        foreach (var tool in new[] { "podman", "runc", "curl" })
        {
            if (!OnPath(tool))
                return $"needs {tool} (apt-get install podman runc busybox-static curl)";
        }
        return File.Exists("/bin/busybox") ? null : "needs /bin/busybox (apt-get install busybox-static)";
    }

    private static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin")
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/sbin"])
            .Any(directory => File.Exists(Path.Combine(directory, tool)));
}
