using System.Net;

namespace Vrrpd.StateMachine;

/// <summary>
/// An advertisement that already passed the receive checks of RFC 5798 §7.1 (TTL, version, checksum, length,
/// VRID, auth): only what the state machine of §6.4 needs to decide.
/// </summary>
/// <param name="Source">The sender's primary address (IPv4) or link-local address (IPv6): the tie-breaker.</param>
/// <param name="Priority">0 = the Master stops participating; 255 = address owner.</param>
/// <param name="AdvertisementInterval">v3: the sender's Max Adver Int (learned as Master_Adver_Interval);
/// v2: the interval field in seconds.</param>
/// <param name="ArrivedAt">When it reached the host, on the router's clock (the kernel's receive timestamp); null
/// when unknown, then it counts as arriving now.</param>
public readonly record struct ReceivedAdvertisement(IPAddress Source, byte Priority, TimeSpan AdvertisementInterval,
    DateTimeOffset? ArrivedAt = null);
