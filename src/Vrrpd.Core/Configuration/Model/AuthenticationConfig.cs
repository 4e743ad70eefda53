using Vrrpd.Protocol;

namespace Vrrpd.Configuration;

/// <summary>VRRPv2 authentication (RFC 3768 §5.3.6); RFC 5798 removed it from v3.</summary>
/// <param name="Type">The RFC 3768 Auth Type field (<see cref="AuthenticationType"/> of the wire format).
/// Type 2 (AH) is not supported.</param>
/// <param name="Password">Exactly 8 bytes: the first 8 bytes of <c>auth_pass</c>, zero padded.</param>
public sealed record AuthenticationConfig(AuthenticationType Type, byte[] Password);
