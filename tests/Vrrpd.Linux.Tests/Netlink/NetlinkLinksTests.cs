using Vrrpd.Linux.Netlink;
using Vrrpd.Linux.Tests.Namespaces;

namespace Vrrpd.Linux.Tests.Netlink;

[Collection(NamespacePairCollection.Name)]
public sealed class NetlinkLinksTests(NamespacePair pair)
{
    [RootFact]
    public void Find_Veth_ReportsIndexMacAndCarrier()
    {
        var link = NamespaceThread.Run(pair.A, () => NetlinkLinks.Find(NamespacePair.Interface));

        Assert.Equal(new LinkInfo(pair.IndexA, NamespacePair.Interface, true, NamespacePair.MacA), link);
    }

    [RootFact]
    public void List_ContainsLoopbackAndVethOnly()
    {
        var names = NamespaceThread.Run(pair.B, () => NetlinkLinks.List()).Select(l => l.Name).Order();

        Assert.Equal(["lo", NamespacePair.Interface], names);
    }

    [RootFact]
    public void Find_UnknownName_ReturnsNull()
    {
        Assert.Null(NamespaceThread.Run(pair.B, () => NetlinkLinks.Find("nosuch0")));
    }
}
