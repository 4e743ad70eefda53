namespace Vrrpd.Linux.Netlink;

/// <summary>Interfaces of the calling thread's network namespace, from an RTM_GETLINK dump.</summary>
public static class NetlinkLinks
{
    public static IReadOnlyList<LinkInfo> List()
    {
        var links = new List<LinkInfo>();
        using var socket = NetlinkSocket.Open();
        uint sequence = socket.NextSequence();
        var request = new NetlinkMessageBuilder(Rtnetlink.RTM_GETLINK, Rtnetlink.NLM_F_REQUEST | Rtnetlink.NLM_F_DUMP, sequence)
            .IfInfoMsg(Interop.Libc.AF_UNSPEC);
        socket.Dump(request, sequence, "RTM_GETLINK dump", message =>
        {
            if (message.Type == Rtnetlink.RTM_NEWLINK && LinkMessage.TryParse(message.Payload, out var link))
                links.Add(link);
        });
        return links;
    }

    public static LinkInfo? Find(string name)
    {
        foreach (var link in List())
        {
            if (link.Name == name)
                return link;
        }
        return null;
    }
}
