namespace Vrrpd.Protocol;

/// <summary>
/// The VRRPv2 Auth Type byte (RFC 3768 §5.3.6). RFC 3768 keeps only 0; type 1 (simple text password, RFC 2338
/// §5.3.6.1) is what keepalived still sends for <c>auth_type PASS</c>. Type 2 (IP AH) is not supported.
/// VRRPv3 has no authentication (RFC 5798 §9).
/// </summary>
public enum AuthenticationType : byte
{
    None = 0,
    Pass = 1,
}
