using System.Net;
using System.Net.Sockets;
using Vrrpd.Linux.Announce;
using Vrrpd.Linux.Netlink;

namespace Vrrpd.Daemon;

/// <summary>
/// Whether the instance can advertise at all. A Master whose adverts cannot leave (its source address was deleted,
/// or every send fails) is invisible to its peers: after Master_Down_Interval a Backup takes over, and two hosts
/// hold the VIP for as long as the cause lasts. So it leaves Master instead (Fault: VIPs withdrawn, priority 0 sent
/// if anything can be sent), as keepalived does when the interface loses its address, and comes back when it can
/// (docs/design/single-owner.md §1).
/// </summary>
internal sealed partial class InstanceRuntime
{
    private const string SourceFaultKey = "source";
    private const string SendFaultKey = "send";

    /// <summary>How long a Fault caused by failing sends lasts before the instance tries again (from Backup: it
    /// becomes Master only if nobody else advertises). An address or link change retries at once.</summary>
    private static readonly TimeSpan SendRetryDelay = TimeSpan.FromSeconds(5);

    private int _failedAdverts;   // consecutive adverts of which no copy could be sent
    private ITimer? _sendRetry;

    private string NoSourceReason => Config.UnicastSource is { } configured
        ? $"unicast_src_ip {configured} is not an address of this host"
        : Config.Family == AddressFamily.InterNetworkV6
            ? $"no IPv6 link-local address on {Config.Interface}"
            : $"no IPv4 address on {Config.Interface}";

    /// <summary>RFC 5798 §5.1.1.1 / §5.1.2.1: the interface's primary IPv4 address or its IPv6 link-local address,
    /// unless unicast_src_ip names one (which must then be local). A VIP is never the source, even when the kernel
    /// promoted it to primary after the real primary was deleted.</summary>
    private IPAddress? ResolveSourceAddress(IReadOnlyList<InterfaceAddress> dump)
    {
        if (Config.UnicastSource is { } configured) return InterfaceAddresses.IsLocal(dump, configured) ? configured : null;
        return Config.Family == AddressFamily.InterNetworkV6
            ? InterfaceAddresses.LinkLocalIPv6(dump, _interfaceIndex)
            : InterfaceAddresses.PrimaryIPv4(dump, _interfaceIndex, _context.IsVirtualAddress);
    }

    /// <summary>True when <paramref name="address"/> is one of this instance's virtual addresses.</summary>
    public bool HasVirtualAddress(IPAddress address) => AllVirtualAddresses.Any(v => v.Address.Equals(address));

    /// <summary>
    /// After any address change: the source address is chosen again. Gone: Fault (a Master resigns). Back, or
    /// replaced by another primary: the state machine gets it (tie-breaks use it) and the fault is lifted.
    /// <paramref name="dump"/> null means the dump failed: nothing is known, so nothing changes.
    /// </summary>
    public void RefreshSourceAddress(IReadOnlyList<InterfaceAddress>? dump)
    {
        if (dump is null) return;
        if (_router is null || _receiver is null) return;
        var resolved = ResolveSourceAddress(dump);
        if (Equals(resolved, _sourceAddress)) return;
        var previous = _sourceAddress;
        _sourceAddress = resolved;
        if (resolved is null)
        {
            _log.Warning($"source address {previous} is gone ({NoSourceReason}); cannot advertise");
            SetFault(SourceFaultKey, true, NoSourceReason);
            return;
        }

        // The same router (a sync group holds it) gets the new address.
        _router.SetPrimaryAddress(resolved);
        if (previous is null)
        {
            _log.Info($"source address {resolved} is now available");
            SetFault(SourceFaultKey, false, $"source address {resolved} on {Config.Interface}");
        }
        else
        {
            _log.Info($"source address changed from {previous} to {resolved}");
        }
        RetrySending($"source address changed to {resolved}");
    }

    /// <summary>Called with the outcome of every advert with a priority above 0 (a resignation that cannot be sent
    /// changes nothing). After as many failed adverts in a row as a Backup waits for (down_timer_adverts), a peer is
    /// about to take over: Fault now, before it does.</summary>
    private void RecordAdvertOutcome(bool sent, string? error)
    {
        if (sent)
        {
            _failedAdverts = 0;
            return;
        }

        if (++_failedAdverts != Math.Max(1, Config.DownTimerAdverts)) return;
        FaultOnSendFailure($"cannot send advertisements: {error}");
    }

    // Its own method: the lambda's captured local would otherwise be hoisted into a closure allocated at the start
    // of RecordAdvertOutcome, on every advert sent (docs/design/event-loop.md §6).
    private void FaultOnSendFailure(string reason)
    {
        // This runs inside the state machine's own advert callback: the Fault transition is posted to the loop, to
        // run after this callback, instead of re-entering the state machine from within itself.
        _context.Loop.Post(() =>
        {
            SetFault(SendFaultKey, true, reason);
            _sendRetry?.Dispose();
            _sendRetry = _context.Loop.CreateTimer(_ => RetrySending($"retrying advertisements after {SendRetryDelay.TotalSeconds:0} s"),
                null, SendRetryDelay, Timeout.InfiniteTimeSpan);
        });
    }

    /// <summary>Lifts a Fault caused by failing sends (after the retry delay, or when addresses or links changed).</summary>
    private void RetrySending(string reason)
    {
        _sendRetry?.Dispose();
        _sendRetry = null;
        _failedAdverts = 0;
        if (!_faults.ContainsKey(SendFaultKey)) return;
        SetFault(SendFaultKey, false, reason);
    }
}
