using System.Net;

namespace Vrrpd.Protocol;

/// <summary>What one configured instance expects of the adverts it receives (the inputs of RFC 5798 §7.1).</summary>
/// <param name="LocalPriority">Our configured priority; 255 = address owner, which discards every advert.</param>
/// <param name="AdvertisementInterval">Our interval; v2 requires the sender's to be equal (RFC 3768 §7.1).</param>
/// <param name="AuthType">v2 Auth Type byte we expect (<see cref="Protocol.AuthenticationType"/>); ignored in v3.</param>
/// <param name="AuthPassword">v2 PASS password, at most 8 bytes used (keepalived truncates and zero-pads).</param>
/// <param name="VirtualAddresses">Our configured virtual addresses of this instance's family.</param>
/// <param name="Multicast">True: adverts go to 224.0.0.18 / ff02::12; false: unicast to <paramref name="UnicastPeers"/>.</param>
/// <param name="CheckUnicastSource">keepalived <c>check_unicast_src</c>: unicast adverts must come from a peer.</param>
public sealed record ReceivePolicy(
    VrrpVersion Version,
    byte VirtualRouterId,
    byte LocalPriority,
    TimeSpan AdvertisementInterval,
    byte AuthType,
    ReadOnlyMemory<byte> AuthPassword,
    IReadOnlyList<IPAddress> VirtualAddresses,
    bool Multicast,
    IReadOnlyList<UnicastPeer>? UnicastPeers,
    bool CheckUnicastSource);
