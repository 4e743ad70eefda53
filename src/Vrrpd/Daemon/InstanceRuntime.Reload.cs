using Vrrpd.Configuration;
using Vrrpd.Daemon.Reload;
using Vrrpd.StateMachine;

namespace Vrrpd.Daemon;

internal sealed partial class InstanceRuntime
{
    /// <summary>
    /// A reload changed only this instance's virtual addresses: take the new list without a transition. As Master
    /// the removed addresses go and the added ones are configured and announced (by the effects worker, in order);
    /// the next advert carries the new list (RFC 5798 §5.2.9). Returns what changed, in words.
    /// </summary>
    public string ApplyAddressChange(VrrpInstanceConfig loaded)
    {
        var before = InstanceConfigComparer.Addresses(AllVirtualAddresses);
        var oldByKey = AllVirtualAddresses.ToDictionary(a => a with { Location = default });
        Config = loaded;
        _policy = null;   // the receive policy caches the address list
        var after = InstanceConfigComparer.Addresses(AllVirtualAddresses);
        var removed = before.Except(after).ToArray();
        var added = AllVirtualAddresses.Where(a => !before.Contains(a with { Location = default })).ToArray();
        if (State == VrrpState.Master)
        {
            var removedVips = removed.Select(vip => oldByKey[vip]).ToArray();
            _context.Effects.Enqueue(() =>
            {
                _addresses.Remove(removedVips);
                _addresses.AddAndAnnounce(added);
            });
        }
        var words = string.Join(", ", removed.Select(v => $"-{v.Address}/{v.PrefixLength}").Concat(added.Select(v => $"+{v.Address}/{v.PrefixLength}")));
        _log.Info($"reload: virtual addresses {words} ({State}, no transition)");
        return $"{Config.Name}: addresses {words}";
    }
}
