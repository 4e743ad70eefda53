using Vrrpd.Linux;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Vrrpd.Linux.Announce;
using Vrrpd.Linux.Netlink;
using Vrrpd.Logging;

namespace Vrrpd.Daemon;

/// <summary>
/// Gratuitous ARP and unsolicited NA senders, one socket per interface and kind, opened on first use and
/// shared by every instance on that interface. Failures are logged, never thrown: an announcement that cannot
/// be sent must not stop a takeover.
/// </summary>
internal sealed class Announcers(Log log) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, GratuitousArpSender> _arp = new();
    private readonly Dictionary<int, UnsolicitedNeighborAdvertSender> _na = new();
    // MACs by ifindex: a burst announces every VIP several times, and a link dump per frame is waste.
    private readonly Dictionary<int, PhysicalAddress> _macs = new();

    public void Announce(int interfaceIndex, IPAddress address)
    {
        try
        {
            lock (_gate)
            {
                var mac = MacOf(interfaceIndex);
                if (mac is null)
                {
                    log.Warning($"no MAC address for interface {interfaceIndex}; {address} not announced");
                    return;
                }
                if (address.AddressFamily == AddressFamily.InterNetwork)
                {
                    if (!_arp.TryGetValue(interfaceIndex, out var arp)) _arp[interfaceIndex] = arp = GratuitousArpSender.Open(interfaceIndex);
                    arp.Send(mac, address);
                }
                else
                {
                    if (!_na.TryGetValue(interfaceIndex, out var na)) _na[interfaceIndex] = na = UnsolicitedNeighborAdvertSender.Open(interfaceIndex);
                    na.Send(mac, address);
                }
            }
        }
        catch (Exception e) when (e is SocketException or NetlinkException or NativeCallException or IOException or InvalidOperationException)
        {
            log.Warning($"announcing {address} on interface {interfaceIndex} failed: {e.Message}");
            Forget(interfaceIndex);
        }
    }

    /// <summary>Keeps the MAC cache true when a link changes (a new MAC, or the link gone).</summary>
    public void OnLinkChanged(LinkInfo link, bool removed)
    {
        if (removed)
        {
            Forget(link.Index);
            return;
        }
        lock (_gate)
        {
            if (_macs.ContainsKey(link.Index)) _macs[link.Index] = link.Mac;
        }
    }

    /// <summary>An interface that went away takes its sockets with it.</summary>
    public void Forget(int interfaceIndex)
    {
        lock (_gate)
        {
            if (_arp.Remove(interfaceIndex, out var arp)) arp.Dispose();
            if (_na.Remove(interfaceIndex, out var na)) na.Dispose();
            _macs.Remove(interfaceIndex);
        }
    }

    private PhysicalAddress? MacOf(int interfaceIndex)
    {
        if (_macs.TryGetValue(interfaceIndex, out var cached)) return cached;
        var link = NetlinkLinks.List().FirstOrDefault(l => l.Index == interfaceIndex);
        if (link.Name is null) return null;
        _macs[interfaceIndex] = link.Mac;
        return link.Mac;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var s in _arp.Values) s.Dispose();
            foreach (var s in _na.Values) s.Dispose();
            _arp.Clear();
            _na.Clear();
            _macs.Clear();
        }
    }
}
