using System.Net.Sockets;
using Vrrpd.Configuration;
using Vrrpd.Linux.Netlink;
using Vrrpd.Logging;

namespace Vrrpd.Daemon;

/// <summary>
/// One instance's virtual addresses in the kernel: added on entering Master, removed on leaving it, put back when
/// someone deletes one under a Master, and removals that failed retried. Runs on the effects worker only, in the
/// order the event loop decided (docs/design/event-loop.md): netlink round trips never hold the loop, and an add
/// queued before a remove is carried out before it. Each call gets the address list as it was when the loop
/// decided, since a reload may replace the instance's configuration meanwhile.
/// </summary>
internal sealed class VirtualAddressSet(DaemonContext context, Log log)
{
    // Addresses whose netlink removal failed: retried by RetryRemovals until the kernel agrees.
    private readonly HashSet<VirtualAddressConfig> _removalPending = new();
    private readonly ReceiveLogLimiter _logLimiter = new(context.Time, TimeSpan.FromSeconds(10));

    private int InterfaceIndexOf(string device) => context.Links.Find(device)?.Index ?? 0;

    /// <summary>Entering Master: every address, after the advert that told the old Master to yield.</summary>
    public void Add(IReadOnlyList<VirtualAddressConfig> vips)
    {
        foreach (var vip in vips)
        {
            _removalPending.Remove(vip);
            TryAdd(vip);
        }
    }

    /// <summary>Leaving Master (or an address dropped by a reload): every address; a failure is retried.</summary>
    public void Remove(IReadOnlyList<VirtualAddressConfig> vips)
    {
        foreach (var vip in vips)
        {
            if (!TryRemove(vip)) _removalPending.Add(vip);
        }
    }

    /// <summary>Added while Master by a reload: configured and announced now.</summary>
    public void AddAndAnnounce(IReadOnlyList<VirtualAddressConfig> vips)
    {
        foreach (var vip in vips)
        {
            _removalPending.Remove(vip);
            if (TryAdd(vip) && InterfaceIndexOf(vip.Device) is var index and > 0) context.Announcers.Announce(index, vip.Address);
        }
    }

    /// <summary>
    /// On start, a VIP of ours already on the interface was left by a vrrpd (or keepalived) that was killed:
    /// remove it, so this host does not answer for an address it may not own (keepalived does the same).
    /// </summary>
    public void RemoveLeftovers(IReadOnlyList<VirtualAddressConfig> vips)
    {
        if (List() is not { } present) return;
        foreach (var vip in vips)
        {
            if (present.Any(a => a.Address.Equals(vip.Address) && a.InterfaceIndex == InterfaceIndexOf(vip.Device)))
            {
                log.Info($"removing {vip.Address}/{vip.PrefixLength} from {vip.Device}: left behind by an earlier run");
                TryRemove(vip);
            }
        }
    }

    /// <summary>
    /// While Master every tracked VIP is present: one deleted by someone else is put back and announced.
    /// <paramref name="addresses"/> is a dump taken on this worker after every add queued before the round, so an
    /// add still on its way never looks missing; null (the dump failed) means nothing is known, so nothing is done.
    /// </summary>
    public void EnsurePresent(IReadOnlyList<VirtualAddressConfig> vips, IReadOnlyList<InterfaceAddress>? addresses)
    {
        if (addresses is null) return;
        foreach (var vip in vips)
        {
            if (vip.NoTrack) continue;
            var index = InterfaceIndexOf(vip.Device);
            if (index == 0 || addresses.Any(a => a.InterfaceIndex == index && a.Address.Equals(vip.Address))) continue;
            log.Warning($"{vip.Address}/{vip.PrefixLength} is missing from {vip.Device} while Master; restoring it");
            if (TryAdd(vip)) context.Announcers.Announce(index, vip.Address);
        }
    }

    /// <summary>Not Master: removals that failed are tried again.</summary>
    public void RetryRemovals()
    {
        foreach (var vip in _removalPending.ToArray())
        {
            if (TryRemove(vip)) _removalPending.Remove(vip);
        }
    }

    /// <summary>One gratuitous ARP / unsolicited NA for each address (an announcement burst calls it repeatedly).</summary>
    public void Announce(IEnumerable<VirtualAddressConfig> vips)
    {
        foreach (var vip in vips)
        {
            var index = InterfaceIndexOf(vip.Device);
            if (index > 0) context.Announcers.Announce(index, vip.Address);
        }
    }

    private bool TryAdd(VirtualAddressConfig vip)
    {
        var index = InterfaceIndexOf(vip.Device);
        if (index == 0)
        {
            if (_logLimiter.ShouldLog("vip-dev")) log.Error($"cannot add {vip.Address}/{vip.PrefixLength}: interface {vip.Device} does not exist (retrying)");
            return false;
        }
        try
        {
            context.Addresses.Add(index, vip.Address, vip.PrefixLength, vip.Broadcast, vip.Label,
                noDad: vip.Address.AddressFamily == AddressFamily.InterNetworkV6 && vip.NoDad, scope: (byte)vip.Scope);
            return true;
        }
        catch (NetlinkException e)
        {
            // Reported now, retried by the reconciliation round every second while Master.
            log.Error($"adding {vip.Address}/{vip.PrefixLength} on {vip.Device} failed: {e.Message} (retrying)");
            return false;
        }
    }

    private bool TryRemove(VirtualAddressConfig vip)
    {
        var index = InterfaceIndexOf(vip.Device);
        if (index == 0) return true; // the interface is gone, and its addresses with it
        try
        {
            context.Addresses.Remove(index, vip.Address, vip.PrefixLength);
            return true;
        }
        catch (NetlinkException e)
        {
            log.Error($"removing {vip.Address}/{vip.PrefixLength} from {vip.Device} failed: {e.Message} (retrying)");
            return false;
        }
    }

    private IReadOnlyList<InterfaceAddress>? List() => context.TryListAddresses();
}
