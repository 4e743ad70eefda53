using System.Net.Sockets;
using Vrrpd.Configuration;
using Vrrpd.Linux.Netlink;
using Vrrpd.StateMachine;

namespace Vrrpd.Daemon;

internal sealed partial class InstanceRuntime
{
    // Addresses whose netlink removal failed: retried by Reconcile until the kernel agrees.
    private readonly HashSet<VirtualAddressConfig> _removalPending = new();

    private IEnumerable<VirtualAddressConfig> AllVirtualAddresses => Config.VirtualAddresses.Concat(Config.ExcludedAddresses);

    private int InterfaceIndexOf(string device) => _context.Links.Find(device)?.Index ?? 0;

    private void AddVirtualAddresses()
    {
        foreach (var vip in AllVirtualAddresses)
        {
            _removalPending.Remove(vip);
            TryAdd(vip);
        }
    }

    private void RemoveVirtualAddresses()
    {
        foreach (var vip in AllVirtualAddresses)
        {
            if (!TryRemove(vip)) _removalPending.Add(vip);
        }
    }

    private bool TryAdd(VirtualAddressConfig vip)
    {
        var index = InterfaceIndexOf(vip.Device);
        if (index == 0)
        {
            if (_dropLog.ShouldLog("vip-dev")) _log.Error($"cannot add {vip.Address}/{vip.PrefixLength}: interface {vip.Device} does not exist (retrying)");
            return false;
        }
        try
        {
            _context.Addresses.Add(index, vip.Address, vip.PrefixLength, vip.Broadcast, vip.Label,
                noDad: vip.Address.AddressFamily == AddressFamily.InterNetworkV6 && vip.NoDad, scope: (byte)vip.Scope);
            return true;
        }
        catch (NetlinkException e)
        {
            // Reported now, retried by Reconcile every second while Master.
            _log.Error($"adding {vip.Address}/{vip.PrefixLength} on {vip.Device} failed: {e.Message} (retrying)");
            return false;
        }
    }

    private bool TryRemove(VirtualAddressConfig vip)
    {
        var index = InterfaceIndexOf(vip.Device);
        if (index == 0) return true; // the interface is gone, and its addresses with it
        try
        {
            _context.Addresses.Remove(index, vip.Address, vip.PrefixLength);
            return true;
        }
        catch (NetlinkException e)
        {
            _log.Error($"removing {vip.Address}/{vip.PrefixLength} from {vip.Device} failed: {e.Message} (retrying)");
            return false;
        }
    }

    /// <summary>
    /// On start, a VIP of ours already on the interface was left by a vrrpd (or keepalived) that was killed:
    /// remove it, so this host does not answer for an address it may not own (keepalived does the same).
    /// </summary>
    private void RemoveStaleVirtualAddresses()
    {
        var present = SafeList();
        foreach (var vip in AllVirtualAddresses)
        {
            if (present.Any(a => a.Address.Equals(vip.Address) && a.InterfaceIndex == InterfaceIndexOf(vip.Device)))
            {
                _log.Info($"removing {vip.Address}/{vip.PrefixLength} from {vip.Device}: left behind by an earlier run");
                TryRemove(vip);
            }
        }
    }

    /// <summary>
    /// Makes the kernel match the state: while Master every tracked VIP is present (a VIP deleted by someone else
    /// is put back and announced), and removals that failed are retried. Runs every second and on every
    /// address-deleted event from netlink. <paramref name="present"/> is one address dump shared by every
    /// instance of the round, taken only if some Master needs it.
    /// </summary>
    public void Reconcile(Lazy<IReadOnlyList<InterfaceAddress>?> present)
    {
        lock (_context.Gate)
        {
            if (_router is null) return;
            if (_router.State == VrrpState.Master)
            {
                if (present.Value is not { } addresses) return;
                foreach (var vip in AllVirtualAddresses)
                {
                    if (vip.NoTrack) continue;
                    var index = InterfaceIndexOf(vip.Device);
                    if (index == 0 || addresses.Any(a => a.InterfaceIndex == index && a.Address.Equals(vip.Address))) continue;
                    _log.Warning($"{vip.Address}/{vip.PrefixLength} is missing from {vip.Device} while Master; restoring it");
                    if (TryAdd(vip)) _context.Announcers.Announce(index, vip.Address);
                }
            }
            else
            {
                foreach (var vip in _removalPending.ToArray())
                {
                    if (TryRemove(vip)) _removalPending.Remove(vip);
                }
            }
        }
    }

    private IReadOnlyList<InterfaceAddress> SafeList()
    {
        try
        {
            return _context.Addresses.List();
        }
        catch (NetlinkException e)
        {
            if (_dropLog.ShouldLog("list")) _log.Error($"listing addresses failed: {e.Message}");
            return [];
        }
    }
}
