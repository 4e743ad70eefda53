namespace Vrrpd.Configuration;

/// <summary>VRRPv2 authentication (RFC 3768 §5.3.6); RFC 5798 removed it from v3.</summary>
/// <param name="Password">Exactly 8 bytes: the first 8 bytes of <c>auth_pass</c>, zero padded.</param>
public sealed record AuthenticationConfig(AuthenticationType Type, byte[] Password);

/// <summary>The RFC 3768 Auth Type field. Type 2 (AH) is not supported.</summary>
public enum AuthenticationType
{
    None = 0,
    Pass = 1,
}
