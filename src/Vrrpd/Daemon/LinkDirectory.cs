using Vrrpd.Linux.Netlink;

namespace Vrrpd.Daemon;

/// <summary>
/// The host's links by name, from one netlink dump, dropped whenever the monitor reports a link change. The
/// reconciliation asks for every VIP's ifindex every second; a dump per question (200 instances: hundreds of
/// sockets and 64 KiB buffers a second) is what made vrrpd's heap grow with the instance count.
/// </summary>
internal sealed class LinkDirectory
{
    private readonly Lock _gate = new();
    private Dictionary<string, LinkInfo>? _byName;

    public LinkInfo? Find(string name)
    {
        lock (_gate)
        {
            _byName ??= NetlinkLinks.List().ToDictionary(l => l.Name, StringComparer.Ordinal);
            return _byName.TryGetValue(name, out var link) ? link : null;
        }
    }

    public IReadOnlyList<LinkInfo> All
    {
        get
        {
            lock (_gate)
            {
                _byName ??= NetlinkLinks.List().ToDictionary(l => l.Name, StringComparer.Ordinal);
                return [.. _byName.Values];
            }
        }
    }

    /// <summary>A link appeared, changed or went away: the next question reads the kernel again.</summary>
    public void Invalidate()
    {
        lock (_gate) _byName = null;
    }
}
