namespace Vrrpd.Linux.Tests.Namespaces;

/// <summary>A fact that builds network namespaces and raw sockets, so it runs only as root and says why otherwise.</summary>
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!TestInterop.IsRoot)
            Skip = "needs root: creates network namespaces and raw sockets (CAP_NET_ADMIN, CAP_NET_RAW, CAP_SYS_ADMIN)";
    }
}
