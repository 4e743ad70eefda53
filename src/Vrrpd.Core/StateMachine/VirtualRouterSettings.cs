using System.Net;
using Vrrpd.Protocol;

namespace Vrrpd.StateMachine;

/// <summary>What one instance of a virtual router is configured with (keepalived's <c>vrrp_instance</c>).</summary>
/// <param name="Name">The instance name, for logs and status ("VI_1").</param>
/// <param name="VirtualRouterId">VRID, 1..255 (RFC 5798 §5.2.3).</param>
/// <param name="Priority">Base priority: 1..254, or 255 for the address owner (RFC 5798 §5.2.4).</param>
/// <param name="AdvertisementInterval">Advertisement_Interval: v2 whole seconds, v3 centiseconds (RFC 5798 §5.2.7).</param>
/// <param name="Preempt">Preempt_Mode (RFC 5798 §6.1): take over from a lower-priority Master. keepalived <c>nopreempt</c> = false.</param>
/// <param name="PreemptDelay">keepalived <c>preempt_delay</c>: keep accepting a lower-priority Master for this long after
/// its first advert was heard, then preempt. Zero = preempt at once.</param>
/// <param name="PrimaryAddress">The local tie-breaker: the interface's primary IPv4 address, or its IPv6 link-local address.</param>
/// <param name="DownTimerAdverts">keepalived <c>down_timer_adverts</c>: adverts missed before Master_Down_Interval ends (RFC: 3).</param>
public sealed record VirtualRouterSettings(
    string Name,
    byte VirtualRouterId,
    VrrpVersion Version,
    byte Priority,
    TimeSpan AdvertisementInterval,
    bool Preempt,
    TimeSpan PreemptDelay,
    IPAddress PrimaryAddress,
    int DownTimerAdverts = 3)
{
    /// <summary>Priority 255: the router that owns the virtual addresses (RFC 5798 §6.4.1: Master at once).</summary>
    public bool IsAddressOwner => Priority == 255;
}
