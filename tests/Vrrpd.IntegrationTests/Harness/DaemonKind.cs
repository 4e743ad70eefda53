namespace Vrrpd.IntegrationTests.Harness;

/// <summary>Which VRRP implementation a <see cref="DaemonProcess"/> runs.</summary>
public enum DaemonKind
{
    Vrrpd,

    /// <summary>keepalived 2.2.7 (Debian 12), the interop peer and the lab's own proof.</summary>
    Keepalived,
}
