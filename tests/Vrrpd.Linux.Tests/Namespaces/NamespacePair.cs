using System.Net;
using System.Net.NetworkInformation;

namespace Vrrpd.Linux.Tests.Namespaces;

/// <summary>
/// Two network namespaces, vl-PID-a and vl-PID-b, joined by a veth pair named veth0 on both sides. Side A has
/// the MAC and link-local address of the keepalived captures in docs/design/vrrp-protocol.md §8.1 (02:00:00:00:0a:01, fe80::ff:fe00:a01),
/// so frames sent from A can be compared with the vectors byte for byte. DAD is off, so addresses are usable at once.
/// Removed on Dispose and, as a fallback, at process exit.
/// </summary>
public sealed class NamespacePair : IDisposable
{
    public const string Interface = "veth0";
    public static readonly PhysicalAddress MacA = PhysicalAddress.Parse("02-00-00-00-0A-01");
    public static readonly PhysicalAddress MacB = PhysicalAddress.Parse("02-00-00-00-0B-01");
    public static readonly IPAddress IPv4A = IPAddress.Parse("192.0.2.1");
    public static readonly IPAddress IPv4B = IPAddress.Parse("192.0.2.2");
    public static readonly IPAddress IPv6A = IPAddress.Parse("2001:db8::1");
    public static readonly IPAddress IPv6B = IPAddress.Parse("2001:db8::2");
    public static readonly IPAddress LinkLocalA = IPAddress.Parse("fe80::ff:fe00:a01");
    public static readonly IPAddress LinkLocalB = IPAddress.Parse("fe80::ff:fe00:b01");

    private int _disposed;

    public NamespacePair()
    {
        string prefix = "vl-" + Environment.ProcessId;
        A = prefix + "-a";
        B = prefix + "-b";
        if (!TestInterop.IsRoot)
            return; // every test in the collection is skipped; nothing to build
        AppDomain.CurrentDomain.ProcessExit += (_, _) => Dispose();
        try
        {
            Build();
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string A { get; }

    public string B { get; }

    public int IndexA { get; private set; }

    public int IndexB { get; private set; }

    private void Build()
    {
        foreach (var ns in new[] { A, B })
        {
            IpCommand.TryRun("netns", "del", ns); // left over from a killed run with a reused pid
            IpCommand.Run("netns", "add", ns);
            IpCommand.Exec("ip", ["netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0",
                "net.ipv6.conf.default.accept_dad=0"], throwOnFailure: true);
            IpCommand.Run("-n", ns, "link", "set", "lo", "up");
        }
        IpCommand.Run("-n", A, "link", "add", Interface, "address", "02:00:00:00:0a:01", "type", "veth",
            "peer", "name", Interface, "address", "02:00:00:00:0b:01", "netns", B);
        IpCommand.Run("-n", A, "addr", "add", "192.0.2.1/24", "dev", Interface);
        IpCommand.Run("-n", A, "addr", "add", "2001:db8::1/64", "dev", Interface, "nodad");
        IpCommand.Run("-n", B, "addr", "add", "192.0.2.2/24", "dev", Interface);
        IpCommand.Run("-n", B, "addr", "add", "2001:db8::2/64", "dev", Interface, "nodad");
        IpCommand.Run("-n", A, "link", "set", Interface, "up");
        IpCommand.Run("-n", B, "link", "set", Interface, "up");
        WaitForLinkLocal(A);
        WaitForLinkLocal(B);
        IndexA = NamespaceThread.Run(A, () => SocketCalls.InterfaceIndex(Interface));
        IndexB = NamespaceThread.Run(B, () => SocketCalls.InterfaceIndex(Interface));
    }

    private static void WaitForLinkLocal(string ns)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (DateTime.UtcNow < deadline)
        {
            string addresses = IpCommand.Run("-n", ns, "-6", "addr", "show", "dev", Interface, "scope", "link");
            if (addresses.Contains("fe80::") && !addresses.Contains("tentative"))
                return;
            Thread.Sleep(20);
        }
        throw new InvalidOperationException($"no usable link-local address on {Interface} in {ns}");
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0 || !TestInterop.IsRoot)
            return;
        IpCommand.TryRun("netns", "del", A); // deleting a namespace removes its veth end, and with it the peer
        IpCommand.TryRun("netns", "del", B);
    }
}

[CollectionDefinition(Name)]
public sealed class NamespacePairCollection : ICollectionFixture<NamespacePair>
{
    public const string Name = "namespace pair";
}
