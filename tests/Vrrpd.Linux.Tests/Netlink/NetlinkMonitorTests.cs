using System.Collections.Concurrent;
using System.Net;
using Vrrpd.Linux.Netlink;
using Vrrpd.Linux.Tests.Namespaces;

namespace Vrrpd.Linux.Tests.Netlink;

[Collection(NamespacePairCollection.Name)]
public sealed class NetlinkMonitorTests(NamespacePair pair)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1.5);

    [RootFact]
    public void LinkSetDownThenUp_RaisesLinkChangedWithCarrierState()
    {
        // A second veth pair of its own, so taking it down disturbs no other test.
        IpCommand.Run("-n", pair.A, "link", "add", "mon0", "type", "veth", "peer", "name", "mon0", "netns", pair.B);
        try
        {
            IpCommand.Run("-n", pair.B, "link", "set", "mon0", "up");
            IpCommand.Run("-n", pair.A, "link", "set", "mon0", "up");
            var changes = new BlockingCollection<LinkChange>();
            using var monitor = NamespaceThread.Run(pair.A, () => new NetlinkMonitor());
            monitor.LinkChanged += change => { if (change.Link.Name == "mon0") changes.Add(change); };
            monitor.Start();

            IpCommand.Run("-n", pair.A, "link", "set", "mon0", "down");
            var down = Next(changes, c => !c.Link.IsUp);
            IpCommand.Run("-n", pair.A, "link", "set", "mon0", "up");
            var up = Next(changes, c => c.Link.IsUp);

            Assert.False(down.Removed);
            Assert.Equal(down.Link.Index, up.Link.Index);
        }
        finally
        {
            IpCommand.TryRun("-n", pair.A, "link", "del", "mon0");
        }
    }

    [RootFact]
    public void AddressDeletedWithIpAddrDel_RaisesAddressChangedRemoved()
    {
        IpCommand.Run("-n", pair.A, "addr", "add", "192.0.2.77/32", "dev", NamespacePair.Interface);
        try
        {
            var changes = new BlockingCollection<AddressChange>();
            using var monitor = NamespaceThread.Run(pair.A, () => new NetlinkMonitor());
            monitor.AddressChanged += changes.Add;
            monitor.Start();

            IpCommand.Run("-n", pair.A, "addr", "del", "192.0.2.77/32", "dev", NamespacePair.Interface);
            var change = Next(changes, c => c.Address.Address.Equals(IPAddress.Parse("192.0.2.77")));

            Assert.True(change.Removed);
            Assert.Equal(pair.IndexA, change.Address.InterfaceIndex);
            Assert.Equal(32, change.Address.PrefixLength);
        }
        finally
        {
            IpCommand.TryRun("-n", pair.A, "addr", "del", "192.0.2.77/32", "dev", NamespacePair.Interface);
        }
    }

    [RootFact]
    public void IPv6AddressAdded_RaisesAddressChangedAdded()
    {
        var changes = new BlockingCollection<AddressChange>();
        using var monitor = NamespaceThread.Run(pair.A, () => new NetlinkMonitor());
        monitor.AddressChanged += changes.Add;
        monitor.Start();
        try
        {
            IpCommand.Run("-n", pair.A, "addr", "add", "2001:db8::77/128", "dev", NamespacePair.Interface, "nodad");
            var change = Next(changes, c => c.Address.Address.Equals(IPAddress.Parse("2001:db8::77")));

            Assert.False(change.Removed);
            Assert.Equal(128, change.Address.PrefixLength);
        }
        finally
        {
            IpCommand.TryRun("-n", pair.A, "addr", "del", "2001:db8::77/128", "dev", NamespacePair.Interface);
        }
    }

    [RootFact]
    public void Dispose_StopsTheMonitorThreadPromptly()
    {
        var monitor = NamespaceThread.Run(pair.A, () => new NetlinkMonitor());
        monitor.Start();
        var started = DateTime.UtcNow;

        monitor.Dispose();

        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(1));
    }

    private static T Next<T>(BlockingCollection<T> changes, Func<T, bool> match)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (changes.TryTake(out var change, Math.Max(0, (int)(deadline - DateTime.UtcNow).TotalMilliseconds)))
        {
            if (match(change))
                return change;
        }
        throw new Xunit.Sdk.XunitException($"no matching {typeof(T).Name} within {Timeout}");
    }
}
