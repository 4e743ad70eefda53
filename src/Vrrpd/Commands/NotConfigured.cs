using Vrrpd.Daemon;

namespace Vrrpd.Commands;

/// <summary>
/// The Debian package ships no /etc/vrrpd/vrrpd.conf (an unedited sample would announce its VRID and address on the
/// LAN; packaging/systemd/vrrpd.service, ConditionFileNotEmpty=), only the example under /usr/share/doc. When the
/// default file is missing, check-config and run say how to create it, after the "cannot read" error.
/// </summary>
internal static class NotConfigured
{
    public const string Example = "/usr/share/doc/vrrpd/examples/vrrpd.conf.example";

    public static void Explain(string path, TextWriter errors)
    {
        if (path != DaemonOptions.DefaultConfigPath || File.Exists(path)) return;
        var from = File.Exists(Example) ? Example : "vrrpd.conf.example";
        errors.WriteLine($"vrrpd is not configured yet: copy {from} to {path}, edit it, and check it with `vrrpd check-config`");
    }
}
