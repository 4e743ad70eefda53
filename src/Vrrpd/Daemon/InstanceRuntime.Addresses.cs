using Vrrpd.Configuration;
using Vrrpd.Linux.Netlink;
using Vrrpd.StateMachine;

namespace Vrrpd.Daemon;

internal sealed partial class InstanceRuntime
{
    private IEnumerable<VirtualAddressConfig> AllVirtualAddresses => Config.VirtualAddresses.Concat(Config.ExcludedAddresses);

    /// <summary>The addresses as the loop sees them now, handed to the effects worker with each decision.</summary>
    private VirtualAddressConfig[] VirtualAddressSnapshot() => [.. AllVirtualAddresses];

    private int InterfaceIndexOf(string device) => _context.Links.Find(device)?.Index ?? 0;

    private void AddVirtualAddresses()
    {
        var vips = VirtualAddressSnapshot();
        _context.Effects.Enqueue(() => _addresses.Add(vips));
    }

    private void RemoveVirtualAddresses()
    {
        var vips = VirtualAddressSnapshot();
        _context.Effects.Enqueue(() => _addresses.Remove(vips));
    }

    /// <summary>Queued before the state machine starts, so it is carried out before any add.</summary>
    private void RemoveStaleVirtualAddresses()
    {
        var vips = VirtualAddressSnapshot();
        _context.Effects.Enqueue(() => _addresses.RemoveLeftovers(vips));
    }

    /// <summary>
    /// What this instance's part of a reconciliation round is, decided now on the loop and carried out by the effects
    /// worker with the round's one address dump: while Master every tracked VIP is present (a VIP deleted by someone
    /// else is put back and announced); otherwise removals that failed are retried. Rounds run every second and on
    /// every address-deleted event.
    /// </summary>
    public Action<IReadOnlyList<InterfaceAddress>?> ReconcileWork()
    {
        if (_router is null) return static _ => { };
        if (_router.State == VrrpState.Master)
        {
            var vips = VirtualAddressSnapshot();
            return dump => _addresses.EnsurePresent(vips, dump);
        }
        return _ => _addresses.RetryRemovals();
    }

    private IReadOnlyList<InterfaceAddress> SafeList() => _context.TryListAddresses() ?? [];
}
