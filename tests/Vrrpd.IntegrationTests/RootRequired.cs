namespace Vrrpd.IntegrationTests;

/// <summary>Integration tests make network namespaces, which needs root (CAP_NET_ADMIN, CAP_SYS_ADMIN).</summary>
internal static class RootRequired
{
    public static bool IsRoot => Environment.UserName == "root";
}
