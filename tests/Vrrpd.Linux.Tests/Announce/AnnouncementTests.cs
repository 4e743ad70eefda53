using System.Net;
using Vrrpd.Linux.Announce;
using Vrrpd.Linux.Netlink;
using Vrrpd.Linux.Tests.Namespaces;

namespace Vrrpd.Linux.Tests.Announce;

/// <summary>
/// Side A of the namespace pair has the MAC and addresses of the keepalived captures in docs/design/vrrp-protocol.md §8.1, so what
/// arrives in B must equal vectors GA and NA byte for byte (the NA including the kernel's ICMPv6 checksum).
/// </summary>
[Collection(NamespacePairCollection.Name)]
public sealed class AnnouncementTests(NamespacePair pair)
{
    private const string GA = "ffffffffffff020000000a0108060001080006040001020000000a01c0000233ffffffffffffc0000233";
    private const string NA = "333300000001020000000a0186dd6000000000203aff20010db8000000000000000000000052ff020000000000000000000000000001"
        + "8800ee882000000020010db80000000000000000000000520201020000000a01";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1.5);

    [RootFact]
    public void GratuitousArp_CapturedInB_IsKeepalivedsFrame()
    {
        using var capture = FrameCapture.Open(pair.B, pair.IndexB);
        using var sender = NamespaceThread.Run(pair.A, () => GratuitousArpSender.Open(pair.IndexA));

        sender.Send(NamespacePair.MacA, IPAddress.Parse("192.0.2.51"));
        var frame = capture.WaitFor(f => f.Length >= 14 && f[12] == 0x08 && f[13] == 0x06, Timeout);

        Assert.NotNull(frame);
        Assert.Equal(GA, Hex.Of(frame));
    }

    [RootFact]
    public void UnsolicitedNa_FromConfiguredVip_CapturedInB_IsKeepalivedsFrame()
    {
        var vip = IPAddress.Parse("2001:db8::52");
        using var table = NamespaceThread.Run(pair.A, () => new NetlinkAddressTable());
        table.Add(pair.IndexA, vip, 128, noDad: true);
        try
        {
            using var capture = FrameCapture.Open(pair.B, pair.IndexB);
            using var sender = NamespaceThread.Run(pair.A, () => UnsolicitedNeighborAdvertSender.Open(pair.IndexA));

            sender.Send(NamespacePair.MacA, vip);
            var frame = capture.WaitFor(IsNeighborAdvert, Timeout);

            Assert.NotNull(frame);
            Assert.Equal(NA, Hex.Of(frame));
        }
        finally
        {
            table.Remove(pair.IndexA, vip, 128);
        }
    }

    [RootFact]
    public void UnsolicitedNa_FromVipNotYetConfigured_IsStillSent()
    {
        using var capture = FrameCapture.Open(pair.B, pair.IndexB);
        using var sender = NamespaceThread.Run(pair.A, () => UnsolicitedNeighborAdvertSender.Open(pair.IndexA));

        sender.Send(NamespacePair.MacA, IPAddress.Parse("2001:db8::52"));
        var frame = capture.WaitFor(IsNeighborAdvert, Timeout);

        Assert.NotNull(frame);
        Assert.Equal(NA, Hex.Of(frame));
    }

    [RootFact]
    public void InterfaceAddresses_ReportPrimaryIPv4AndLinkLocal_EvenWithSecondaries()
    {
        IpCommand.Run("-n", pair.A, "addr", "add", "192.0.2.99/24", "dev", NamespacePair.Interface); // a secondary
        try
        {
            var dump = NamespaceThread.Run(pair.A, () =>
            {
                using var table = new NetlinkAddressTable();
                return table.List();
            });

            Assert.Equal(NamespacePair.IPv4A, InterfaceAddresses.PrimaryIPv4(dump, pair.IndexA));
            Assert.Equal(NamespacePair.LinkLocalA, InterfaceAddresses.LinkLocalIPv6(dump, pair.IndexA));
            Assert.True(InterfaceAddresses.IsLocal(dump, IPAddress.Parse("192.0.2.99")));
            // A VIP promoted to primary is not a source: the daemon excludes its own virtual addresses.
            Assert.Null(InterfaceAddresses.PrimaryIPv4(dump, pair.IndexA, a => a.Equals(NamespacePair.IPv4A)));
        }
        finally
        {
            IpCommand.TryRun("-n", pair.A, "addr", "del", "192.0.2.99/24", "dev", NamespacePair.Interface);
        }
    }

    // Ethernet IPv6, next header ICMPv6, type 136.
    private static bool IsNeighborAdvert(byte[] f) => f.Length > 54 && f[12] == 0x86 && f[13] == 0xdd && f[20] == 58 && f[54] == 136;
}
