namespace Vrrpd.IntegrationTests.Harness;

public sealed partial class Lab
{
    /// <summary>Starts vrrpd in the host with this config; stopped and cleaned up with the lab.</summary>
    public DaemonProcess StartVrrpd(LabHost host, string config) => DaemonProcess.Start(this, DaemonKind.Vrrpd, host, config);

    /// <summary>Starts vrrpd in the host through <paramref name="wrapper"/> (a command that execs the rest of its
    /// argv, e.g. setpriv or prlimit with their options), as a service manager would apply limits and capabilities.</summary>
    public DaemonProcess StartVrrpd(LabHost host, string config, IReadOnlyList<string> wrapper) =>
        DaemonProcess.Start(this, DaemonKind.Vrrpd, host, config, wrapper);

    /// <summary>Starts keepalived (VRRP only, foreground) in the host with this config.</summary>
    public DaemonProcess StartKeepalived(LabHost host, string config) => DaemonProcess.Start(this, DaemonKind.Keepalived, host, config);

    public DaemonProcess Start(DaemonKind kind, LabHost host, VrrpInstanceConfig config) =>
        DaemonProcess.Start(this, kind, host, config.ToConfigText());
}
