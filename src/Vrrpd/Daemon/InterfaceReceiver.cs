using Vrrpd.Linux;
using System.Net.Sockets;
using Vrrpd.Linux.Timing;
using Vrrpd.Linux.Sockets;
using Vrrpd.Logging;
using Vrrpd.Protocol;

namespace Vrrpd.Daemon;

/// <summary>
/// One raw protocol-112 socket per (interface, family), read by the event loop. Every raw socket gets a copy of
/// every VRRP packet, so instances on one link share this socket and are told apart by VRID (RFC 5798 §7.1:
/// "the VRID is configured on the receiving interface"). Used on the loop thread only: no lock.
/// </summary>
internal sealed class InterfaceReceiver : IDisposable
{
    private readonly Dictionary<byte, InstanceRuntime> _byVrid = new();
    private readonly Log _log;
    private readonly ReceiveLogLimiter _logLimiter;
    private readonly EventLoop _loop;
    private readonly byte[] _buffer = new byte[65536];
    private readonly DecodedAdvertisementCache _decoded = new();
    private readonly InstanceCounters _unclaimed;
    private readonly Action<int> _read;
    private bool _watched;

    public InterfaceReceiver(string interfaceName, int interfaceIndex, AddressFamily family, bool joinMulticast, Log log, EventLoop loop,
        InstanceCounters unclaimed)
    {
        _loop = loop;
        _unclaimed = unclaimed;
        InterfaceName = interfaceName;
        InterfaceIndex = interfaceIndex;
        Family = family;
        _log = log.For($"rx {interfaceName} {(family == AddressFamily.InterNetworkV6 ? "ipv6" : "ipv4")}");
        _logLimiter = new ReceiveLogLimiter(loop, TimeSpan.FromSeconds(10));
        _read = Read;
        Socket = VrrpSocket.Open(family, interfaceName, joinMulticast);
    }

    public string InterfaceName { get; }
    public int InterfaceIndex { get; }
    public AddressFamily Family { get; }
    public VrrpSocket Socket { get; }

    public void Register(InstanceRuntime instance) => _byVrid[instance.Config.VirtualRouterId] = instance;

    public void Unregister(InstanceRuntime instance)
    {
        if (_byVrid.TryGetValue(instance.Config.VirtualRouterId, out var registered) && registered == instance)
            _byVrid.Remove(instance.Config.VirtualRouterId);
    }

    /// <summary>The loop starts reading the socket; a second call does nothing.</summary>
    public void Start()
    {
        if (_watched) return;
        _loop.Watch(Socket, _read);
        _watched = true;
    }

    /// <summary>Reads what is queued at the socket, at most <paramref name="limit"/> datagrams, without blocking.</summary>
    private void Read(int limit)
    {
        for (var i = 0; i < limit; i++)
        {
            ReceivedDatagram datagram;
            try
            {
                if (!Socket.TryReceivePending(_buffer, out datagram)) return;
            }
            catch (Exception e) when (e is SocketException or NativeCallException or ObjectDisposedException)
            {
                if (_logLimiter.ShouldLog("recv")) _log.Warning($"receive failed: {e.Message}");
                return;
            }
            Dispatch(datagram);
        }
    }

    private void Dispatch(in ReceivedDatagram datagram)
    {
        var payload = datagram.Payload.Span;
        if (payload.Length < 2)
        {
            _unclaimed.Dropped(DropReason.Truncated);
            if (_logLimiter.ShouldLog("short")) _log.Warning($"dropped {payload.Length}-byte datagram from {datagram.Source}: truncated");
            return;
        }
        if (!_byVrid.TryGetValue(payload[1], out var instance))
        {
            _unclaimed.Dropped(DropReason.UnknownVirtualRouterId);
            if (_logLimiter.ShouldLog("vrid")) _log.Debug($"advert for VRID {payload[1]} from {datagram.Source}: no such instance here");
            return;
        }
        _decoded.TryDecode(payload, datagram.Family, datagram.Source, datagram.Destination, out var packet, out var reason);
        instance.OnDatagram(datagram, packet, reason);
    }

    /// <summary>On the loop thread (the loop must stop polling the socket before it is closed).</summary>
    public void Dispose()
    {
        if (_watched) _loop.Unwatch(Socket);
        _watched = false;
        Socket.Dispose();
    }
}
