using System.Net;
using Vrrpd.Linux.Netlink;
using Vrrpd.Linux.Tests.Namespaces;

namespace Vrrpd.Linux.Tests.Netlink;

[Collection(NamespacePairCollection.Name)]
public sealed class NetlinkAddressTableTests(NamespacePair pair)
{
    private static readonly IPAddress VipV4 = IPAddress.Parse("192.0.2.51");
    private static readonly IPAddress VipV6 = IPAddress.Parse("2001:db8::52");

    [RootFact]
    public void IPv4Slash32_AddListRemove_AgreesWithIpAddr()
    {
        NamespaceThread.Run(pair.A, () =>
        {
            using var table = new NetlinkAddressTable();

            table.Add(pair.IndexA, VipV4, 32, label: "veth0:vip");
            var listed = Assert.Single(table.List(pair.IndexA), a => a.Address.Equals(VipV4));
            Assert.Contains("inet 192.0.2.51/32 scope global veth0:vip", ShowAddresses());
            Assert.Equal(32, listed.PrefixLength);
            Assert.Equal("veth0:vip", listed.Label);
            Assert.False(listed.IsSecondary); // a /32 is in no other prefix: primary of its own subnet

            Assert.True(table.Remove(pair.IndexA, VipV4, 32));
            Assert.DoesNotContain(table.List(pair.IndexA), a => a.Address.Equals(VipV4));
            Assert.DoesNotContain("192.0.2.51", ShowAddresses());
        });
    }

    [RootFact]
    public void IPv6Slash128NoDad_AddListRemove_IsUsableAtOnceAndAgreesWithIpAddr()
    {
        NamespaceThread.Run(pair.A, () =>
        {
            using var table = new NetlinkAddressTable();

            table.Add(pair.IndexA, VipV6, 128, noDad: true);
            var listed = Assert.Single(table.List(pair.IndexA), a => a.Address.Equals(VipV6));
            string shown = ShowAddresses();
            Assert.Contains("inet6 2001:db8::52/128 scope global nodad", shown);
            Assert.Equal(128, listed.PrefixLength);
            Assert.Equal(0x02u, listed.Flags & 0x02u); // IFA_F_NODAD
            Assert.False(listed.IsTentative);

            Assert.True(table.Remove(pair.IndexA, VipV6, 128));
            Assert.DoesNotContain("2001:db8::52", ShowAddresses());
        });
    }

    [RootFact]
    public void Add_AddressAlreadyThere_IsSuccess()
    {
        NamespaceThread.Run(pair.A, () =>
        {
            using var table = new NetlinkAddressTable();
            try
            {
                table.Add(pair.IndexA, VipV4, 32);
                table.Add(pair.IndexA, VipV4, 32); // EEXIST

                Assert.Single(table.List(pair.IndexA), a => a.Address.Equals(VipV4));
            }
            finally
            {
                table.Remove(pair.IndexA, VipV4, 32);
            }
        });
    }

    [RootFact]
    public void Remove_AddressNotThere_ReturnsFalse()
    {
        NamespaceThread.Run(pair.A, () =>
        {
            using var table = new NetlinkAddressTable();

            Assert.False(table.Remove(pair.IndexA, VipV4, 32));
            Assert.False(table.Remove(pair.IndexA, VipV6, 128));
        });
    }

    [RootFact]
    public void Add_OnMissingInterface_ThrowsNetlinkExceptionNamingTheRequest()
    {
        var error = NamespaceThread.Run(pair.A, () =>
        {
            using var table = new NetlinkAddressTable();
            return Assert.Throws<NetlinkException>(() => table.Add(9999, IPAddress.Parse("192.0.2.10"), 32));
        });

        Assert.Equal(19, error.Errno); // ENODEV
        Assert.Equal("RTM_NEWADDR 192.0.2.10/32 on ifindex 9999: No such device (ENODEV)", error.Message);
    }

    [RootFact]
    public void List_ReportsThePairsOwnAddressesWithScopes()
    {
        var addresses = NamespaceThread.Run(pair.B, () =>
        {
            using var table = new NetlinkAddressTable();
            return table.List(pair.IndexB);
        });

        Assert.Contains(new InterfaceAddress(pair.IndexB, NamespacePair.IPv4B, 24, 0, 0x80, "veth0"), addresses);
        Assert.Contains(addresses, a => a.Address.Equals(NamespacePair.IPv6B) && a.PrefixLength == 64 && a.Scope == 0);
        Assert.Contains(addresses, a => a.Address.Equals(NamespacePair.LinkLocalB) && a.PrefixLength == 64 && a.Scope == 253);
    }

    private string ShowAddresses() => IpCommand.Run("-n", pair.A, "addr", "show", "dev", NamespacePair.Interface);
}
