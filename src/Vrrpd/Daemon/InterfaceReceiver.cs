using Vrrpd.Linux;
using System.Net.Sockets;
using Vrrpd.Linux.Scheduling;
using Vrrpd.Linux.Sockets;
using Vrrpd.Logging;
using Vrrpd.Protocol;

namespace Vrrpd.Daemon;

/// <summary>
/// One raw protocol-112 socket per (interface, family), read on its own thread. Every raw socket gets a copy of
/// every VRRP packet, so instances on one link share this socket and are told apart by VRID (RFC 5798 §7.1:
/// "the VRID is configured on the receiving interface").
/// </summary>
internal sealed class InterfaceReceiver : IDisposable
{
    private readonly Dictionary<byte, InstanceRuntime> _byVrid = new();
    private readonly Lock _gate = new();
    private readonly Log _log;
    private readonly ReceiveLogLimiter _logLimiter;
    private readonly CancellationTokenSource _stop = new();
    private Thread? _thread;
    private const int MaxPending = 64;
    private readonly Lock _pendingGate = new();
    private readonly byte[] _pendingBuffer = new byte[65536];

    private readonly InstanceCounters _unclaimed;

    private readonly Action? _onThreadStart;

    public InterfaceReceiver(string interfaceName, int interfaceIndex, AddressFamily family, bool joinMulticast, Log log, TimeProvider time,
        InstanceCounters unclaimed, Action? onThreadStart = null)
    {
        _onThreadStart = onThreadStart;
        _unclaimed = unclaimed;
        InterfaceName = interfaceName;
        InterfaceIndex = interfaceIndex;
        Family = family;
        _log = log.For($"rx {interfaceName} {(family == AddressFamily.InterNetworkV6 ? "ipv6" : "ipv4")}");
        _logLimiter = new ReceiveLogLimiter(time, TimeSpan.FromSeconds(10));
        Socket = VrrpSocket.Open(family, interfaceName, joinMulticast);
    }

    public string InterfaceName { get; }
    public int InterfaceIndex { get; }
    public AddressFamily Family { get; }
    public VrrpSocket Socket { get; }

    public void Register(InstanceRuntime instance)
    {
        lock (_gate) _byVrid[instance.Config.VirtualRouterId] = instance;
    }

    public void Unregister(InstanceRuntime instance)
    {
        lock (_gate)
        {
            if (_byVrid.TryGetValue(instance.Config.VirtualRouterId, out var registered) && registered == instance)
                _byVrid.Remove(instance.Config.VirtualRouterId);
        }
    }

    /// <summary>Starts the receive thread; a second call does nothing.</summary>
    public void Start()
    {
        if (_thread is not null) return;
        _thread = new Thread(ReceiveLoop) { IsBackground = true, Name = $"vrrp-rx-{InterfaceName}-{Family}" };
        _thread.Start();
    }

    private void ReceiveLoop()
    {
        ThreadScheduling.NameCurrentThread(Thread.CurrentThread.Name!);
        _onThreadStart?.Invoke();
        var buffer = new byte[65536];
        while (!_stop.IsCancellationRequested)
        {
            ReceivedDatagram datagram;
            try
            {
                if (!Socket.TryReceive(buffer, out datagram, _stop.Token)) continue;
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (Exception e) when (e is SocketException or NativeCallException)
            {
                if (_logLimiter.ShouldLog("recv")) _log.Warning($"receive failed: {e.Message}");
                continue;
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
        InstanceRuntime? instance;
        lock (_gate) _byVrid.TryGetValue(payload[1], out instance);
        if (instance is null)
        {
            _unclaimed.Dropped(DropReason.UnknownVirtualRouterId);
            if (_logLimiter.ShouldLog("vrid")) _log.Debug($"advert for VRID {payload[1]} from {datagram.Source}: no such instance here");
            return;
        }
        AdvertisementPacket.TryDecode(payload, datagram.Family, datagram.Source, datagram.Destination, out var packet, out var reason);
        instance.OnDatagram(datagram, packet, reason);
    }

    /// <summary>
    /// Reads and dispatches the datagrams already queued at the socket, on the caller's thread (a state machine's
    /// timer, under the daemon's gate: see IVirtualRouterPorts.ReceivePending). At most <see cref="MaxPending"/>,
    /// so a flood cannot hold the timer thread; the receive thread takes the rest.
    /// </summary>
    public void ReceivePending()
    {
        lock (_pendingGate)
        {
            for (var i = 0; i < MaxPending; i++)
            {
                ReceivedDatagram datagram;
                try
                {
                    if (!Socket.TryReceivePending(_pendingBuffer, out datagram)) return;
                }
                catch (Exception e) when (e is SocketException or NativeCallException or ObjectDisposedException)
                {
                    return;   // the receive thread reports socket errors
                }
                Dispatch(datagram);
            }
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        Socket.Dispose();
        _thread?.Join(TimeSpan.FromSeconds(2));
        _stop.Dispose();
    }
}
