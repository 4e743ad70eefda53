using System.Net;
using System.Net.Sockets;

namespace Vrrpd.Linux.Netlink;

/// <summary>
/// Adds, removes and lists interface addresses with rtnetlink (RTM_NEWADDR / RTM_DELADDR / RTM_GETADDR), as
/// `ip addr` does. Its socket lives in the network namespace of the constructing thread. Thread-safe.
/// </summary>
public sealed class NetlinkAddressTable : IDisposable
{
    private readonly NetlinkSocket _socket = NetlinkSocket.Open();
    private readonly Lock _lock = new();

    /// <summary>
    /// Adds <paramref name="address"/>/<paramref name="prefixLength"/>; an address that is already there counts
    /// as added (EEXIST). <paramref name="noDad"/> sets IFA_F_NODAD on IPv6, so the VIP is usable at once
    /// instead of tentative for the DAD period. <paramref name="label"/> applies to IPv4 only (e.g. "eth0:vip").
    /// </summary>
    /// <exception cref="NetlinkException">e.g. EPERM, ENODEV.</exception>
    public void Add(int interfaceIndex, IPAddress address, int prefixLength, IPAddress? broadcast = null, string? label = null,
        bool noDad = false, byte scope = 0)
    {
        bool v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
        uint flags = v6 && noDad ? Rtnetlink.IFA_F_NODAD : 0;
        lock (_lock)
        {
            uint sequence = _socket.NextSequence();
            var request = new NetlinkMessageBuilder(Rtnetlink.RTM_NEWADDR,
                    Rtnetlink.NLM_F_REQUEST | Rtnetlink.NLM_F_ACK | Rtnetlink.NLM_F_CREATE | Rtnetlink.NLM_F_EXCL, sequence)
                .IfAddrMsg(Family(address), checked((byte)prefixLength), (byte)flags, scope, interfaceIndex)
                .Attribute(Rtnetlink.IFA_LOCAL, address.GetAddressBytes())
                .Attribute(Rtnetlink.IFA_ADDRESS, address.GetAddressBytes());
            if (broadcast is not null && !v6)
                request.Attribute(Rtnetlink.IFA_BROADCAST, broadcast.GetAddressBytes());
            if (label is not null && !v6)
                request.Attribute(Rtnetlink.IFA_LABEL, label);
            if (flags != 0)
                request.Attribute(Rtnetlink.IFA_FLAGS, flags); // the ifa_flags byte is legacy; IFA_FLAGS carries all 32 bits
            string operation = Describe(Rtnetlink.RTM_NEWADDR, address, prefixLength, interfaceIndex);
            int errno = _socket.Request(request, sequence, operation);
            if (errno is not (0 or Errno.EEXIST))
                throw new NetlinkException(errno, operation);
        }
    }

    /// <summary>Removes the address; false when it was not there (EADDRNOTAVAIL / ENOENT).</summary>
    /// <exception cref="NetlinkException">e.g. EPERM, ENODEV.</exception>
    public bool Remove(int interfaceIndex, IPAddress address, int prefixLength)
    {
        lock (_lock)
        {
            uint sequence = _socket.NextSequence();
            var request = new NetlinkMessageBuilder(Rtnetlink.RTM_DELADDR, Rtnetlink.NLM_F_REQUEST | Rtnetlink.NLM_F_ACK, sequence)
                .IfAddrMsg(Family(address), checked((byte)prefixLength), 0, 0, interfaceIndex)
                .Attribute(Rtnetlink.IFA_LOCAL, address.GetAddressBytes())
                .Attribute(Rtnetlink.IFA_ADDRESS, address.GetAddressBytes());
            string operation = Describe(Rtnetlink.RTM_DELADDR, address, prefixLength, interfaceIndex);
            int errno = _socket.Request(request, sequence, operation);
            return errno switch
            {
                0 => true,
                Errno.EADDRNOTAVAIL or Errno.ENOENT => false,
                _ => throw new NetlinkException(errno, operation),
            };
        }
    }

    /// <summary>Every address (of one interface, when given), in the kernel's order: primary IPv4 before secondaries.</summary>
    public IReadOnlyList<InterfaceAddress> List(int? interfaceIndex = null)
    {
        var addresses = new List<InterfaceAddress>();
        lock (_lock)
        {
            uint sequence = _socket.NextSequence();
            var request = new NetlinkMessageBuilder(Rtnetlink.RTM_GETADDR, Rtnetlink.NLM_F_REQUEST | Rtnetlink.NLM_F_DUMP, sequence)
                .IfAddrMsg(Interop.Libc.AF_UNSPEC, 0, 0, 0, 0);
            _socket.Dump(request, sequence, "RTM_GETADDR dump", message =>
            {
                if (message.Type == Rtnetlink.RTM_NEWADDR && AddressMessage.TryParse(message.Payload, out var address)
                    && (interfaceIndex is null || address.InterfaceIndex == interfaceIndex))
                    addresses.Add(address);
            });
        }
        return addresses;
    }

    public void Dispose() => _socket.Dispose();

    private static byte Family(IPAddress address) => address.AddressFamily switch
    {
        AddressFamily.InterNetwork => Interop.Libc.AF_INET,
        AddressFamily.InterNetworkV6 => Interop.Libc.AF_INET6,
        _ => throw new ArgumentException($"{address} is neither IPv4 nor IPv6", nameof(address)),
    };

    /// <summary>"RTM_NEWADDR 192.0.2.10/32 on eth0" (the name is looked up in this thread's namespace, else the index).</summary>
    private static string Describe(ushort type, IPAddress address, int prefixLength, int interfaceIndex) =>
        $"{Rtnetlink.MessageName(type)} {address}/{prefixLength} on {Interop.Libc.IfIndexToName(interfaceIndex) ?? "ifindex " + interfaceIndex}";
}
